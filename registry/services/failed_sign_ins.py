"""A user's failed sign-ins, for the administrator's page of the user: from which addresses, how
many, and until when the throttle (``services.passwords``) refuses them. The sign-in page says the
same to a refused user as to a wrong password (nothing for a guesser to learn), so the user who calls
"I cannot sign in" learns why only from the administrator."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy.orm import Session

from registry import clock
from registry.domain.permissions import ADMIN, Actor, require_role
from registry.repositories import accounts as repo
from registry.services.accounts import Account
from registry.services.passwords import MAX_FAILURES_PER_USER, MAX_FAILURES_PER_USER_AT_ADDRESS, THROTTLE_WINDOW

SHOWN_SPAN = timedelta(hours=24)


@dataclass(frozen=True)
class FailedFrom:
    """The failed sign-ins from one address in the shown span; ``refused_until``: while the throttle
    refuses this user from it (the moment its latest failures leave the window), else None."""

    remote_addr: str | None
    failures: int
    last_at: datetime
    refused_until: datetime | None


@dataclass(frozen=True)
class FailedSignIns:
    addresses: list[FailedFrom]
    refused_everywhere_until: datetime | None  # the per-user limit: refused from every address


def _until(nth_latest: datetime | None, now: datetime) -> datetime | None:
    # refused while the window holds the limit's number of failures: until the nth latest leaves it
    return nth_latest + THROTTLE_WINDOW if nth_latest is not None and nth_latest + THROTTLE_WINDOW > now else None


def failed_sign_ins_of(session: Session, actor: Actor, account: Account) -> FailedSignIns:
    """``account``'s failed sign-ins of the last 24 hours by address, the latest first (the account as
    the user page read it)."""
    require_role(actor, ADMIN)
    now = clock.now()
    rows = repo.failures_by_address(session, account.username, now - SHOWN_SPAN, MAX_FAILURES_PER_USER_AT_ADDRESS)
    everywhere = repo.nth_latest_failure(session, account.username, now - THROTTLE_WINDOW, MAX_FAILURES_PER_USER)
    return FailedSignIns([FailedFrom(address, count, last_at, _until(nth, now)) for address, count, last_at, nth in rows],
                         _until(everywhere, now))
