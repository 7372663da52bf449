"""A user's failed sign-ins as the administrator's page reads them (services/failed_sign_ins.py): by
address, latest first, and until when each throttle of services/passwords.py refuses them."""
from __future__ import annotations

from datetime import timedelta

import pytest

from registry import clock
from registry.domain.errors import PermissionDenied
from registry.domain.permissions import Actor
from registry.models import LoginAttempt
from registry.services import passwords
from registry.services.failed_sign_ins import failed_sign_ins_of

ADMIN = Actor(None, "admin", "admin")


def _failed(session, username: str, address: str, minutes_ago: float, succeeded: bool = False) -> None:
    session.add(LoginAttempt(username=username, remote_addr=address, succeeded=succeeded,
                             at=clock.now() - timedelta(minutes=minutes_ago)))
    session.flush()


def test_addresses_latest_first_each_refused_until_its_fifth_latest_failure_leaves_the_window(session, make_user):
    account = make_user("planner-one", "planner")
    for minutes in (1, 2, 3, 4, 6, 20):  # the desk: five in the window, the fifth latest 6 minutes ago
        _failed(session, "planner-one", "10.0.0.5", minutes)
    for minutes in (30, 31):  # another address, long enough ago
        _failed(session, "planner-one", "10.0.0.9", minutes)
    _failed(session, "planner-one", "10.0.0.9", 60 * 25)  # beyond the 24 hours shown
    _failed(session, "planner-one", "10.0.0.9", 0.5, succeeded=True)  # a success is no failure
    _failed(session, "someone-else", "10.0.0.5", 1)
    shown = failed_sign_ins_of(session, ADMIN, account)
    desk, other = shown.addresses
    assert (desk.remote_addr, desk.failures, other.remote_addr, other.failures) == ("10.0.0.5", 6, "10.0.0.9", 2)
    until = desk.refused_until - clock.now()
    assert timedelta(minutes=8) < until < timedelta(minutes=9.1)  # 15 minutes after the one 6 minutes ago
    assert other.refused_until is None and shown.refused_everywhere_until is None


def test_the_limit_over_all_addresses_refuses_every_sign_in(session, make_user):
    account = make_user("planner-one", "planner")
    for n in range(passwords.MAX_FAILURES_PER_USER):
        _failed(session, "planner-one", f"10.1.{n // 4}.{n}", 10 - n / 10)
    shown = failed_sign_ins_of(session, ADMIN, account)
    assert shown.refused_everywhere_until is not None and shown.refused_everywhere_until > clock.now()
    assert all(a.refused_until is None for a in shown.addresses)  # no address alone reached its 5


def test_only_administrators_read_them(session, make_user):
    account = make_user("planner-one", "planner")
    with pytest.raises(PermissionDenied):
        failed_sign_ins_of(session, account.actor(), account)
