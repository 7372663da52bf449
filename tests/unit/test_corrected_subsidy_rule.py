"""Who may change the approved subsidy (批准补贴) with a correction: those who decide it at approval
and verification, which every role that corrects is (docs/registration.md, "The approved subsidy")."""
from __future__ import annotations

from decimal import Decimal

import pytest

from registry.catalogues import translator
from registry.domain.errors import PermissionDenied
from registry.domain.permissions import Actor
from registry.domain.approved_subsidy import SUBSIDY_ROLES, corrected_subsidy
from registry.domain.workflow import CORRECTION_ROLES
from registry.i18n import DEFAULT_LOCALE

PUDONG_STAFF = Actor(None, "pudong", "district_staff", "310115")


def test_every_role_that_corrects_decides_the_subsidy():
    # A role given corrections later (district staff, say) would change the amount without deciding it:
    # this fails first, so whoever widens CORRECTION_ROLES decides about the amount too.
    assert CORRECTION_ROLES <= SUBSIDY_ROLES and "district_staff" not in SUBSIDY_ROLES


@pytest.mark.parametrize("role", sorted(CORRECTION_ROLES))
def test_a_corrector_records_an_amount_read_as_every_amount_and_none_keeps_it(role):
    actor = Actor(None, role, role)
    assert corrected_subsidy(actor, "1,200.5") == Decimal("1200.5") and corrected_subsidy(actor, "0") == 0
    assert corrected_subsidy(actor, None) is None and corrected_subsidy(actor, " ") is None


def test_district_staff_may_not_change_the_amount_but_leave_it_as_it_is():
    assert corrected_subsidy(PUDONG_STAFF, "") is None
    with pytest.raises(PermissionDenied) as refused:
        corrected_subsidy(PUDONG_STAFF, "5")
    assert refused.value.render(translator(DEFAULT_LOCALE)) == "只有市级审核人员和管理员可以记录批准补贴。"
