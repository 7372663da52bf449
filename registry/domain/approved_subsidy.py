"""The subsidy the city approves (批准补贴, ``subsidy_approved_wan_yuan``), as pure rules: recorded
with the step that approves a project or verifies its completion, or changed by a correction, by
the roles that take those steps; an amount left out keeps the one recorded. What the city's rule
would give a project (补贴测算) is subsidies.py.
"""
from __future__ import annotations

from decimal import Decimal
from typing import Any

from registry.domain.errors import N_, PermissionDenied, ValidationError
from registry.domain.numbers import written_money_wan_yuan
from registry.domain.permissions import Actor
from registry.domain.workflow import TRANSITIONS

# The city decides a project's subsidy when it approves the project or verifies its completion; the
# district only requests one. docs/registration.md, "The approved subsidy".
SUBSIDY_STEPS = frozenset({"approve", "verify"})
SUBSIDY_FIELD = "subsidy_approved_wan_yuan"
# Who decides it: the roles that approve and verify. A correction carries it from them only.
SUBSIDY_ROLES = TRANSITIONS["approve"].roles & TRANSITIONS["verify"].roles


def _no_amount(given: Any) -> bool:
    return given is None or (isinstance(given, str) and not given.strip())


def _amount(given: Any) -> Decimal:
    return written_money_wan_yuan(given, SUBSIDY_FIELD)


def approved_subsidy(action: str, given: Any) -> Decimal | None:
    """The approved subsidy (万元) a step records, read as every amount is (``money_wan_yuan``, digits
    grouped in thousands allowed); ``None`` when none is given: the amount already recorded stays (an
    empty field, a client or a batch that leaves it out never erases a decision). Only approving or
    verifying takes one."""
    if _no_amount(given):
        return None
    if action not in SUBSIDY_STEPS:
        raise ValidationError.single(SUBSIDY_FIELD, N_("only approving or verifying a project records the "
                                                       "approved subsidy"))
    return _amount(given)


def corrected_subsidy(actor: Actor, given: Any) -> Decimal | None:
    """The approved subsidy (万元) a correction of a verified project records, by the rules of
    ``approved_subsidy``: read as every amount, ``None`` when none is given (the amount recorded
    stays), 0 when the city grants nothing. Only a role that decides it at approval or verification
    (``SUBSIDY_ROLES``) may change it: every role that corrects does today, district staff neither."""
    if _no_amount(given):
        return None
    if actor.role not in SUBSIDY_ROLES:
        raise PermissionDenied(N_("Only city reviewers and administrators record the approved subsidy."))
    return _amount(given)
