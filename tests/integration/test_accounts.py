"""Account use cases against PostGIS: own password, reset, the last administrator, the user list
(sign-ins that end with them: test_sign_ins.py)."""
from __future__ import annotations

import pytest
from sqlalchemy import func, select

from registry.domain.errors import Conflict, PermissionDenied, ValidationError
from registry.domain.permissions import Actor
from registry.models import LoginAttempt
from registry.services import accounts, passwords
from tests.conftest import TEST_PASSWORD

NEW = "a sentence of my own"


def _failures(session, username):
    return session.scalar(select(func.count()).select_from(LoginAttempt).where(
        LoginAttempt.username == username, LoginAttempt.succeeded.is_(False)))


def test_changing_ones_own_password(session, make_user):
    user = make_user("planner-one", "planner")
    changed = passwords.change_own_password(session, user.actor(), TEST_PASSWORD, NEW)
    assert changed.id == user.id and not changed.must_change_password
    assert passwords.authenticate(session, "planner-one", NEW, None).id == user.id
    with pytest.raises(PermissionDenied):
        passwords.authenticate(session, "planner-one", TEST_PASSWORD, None)


@pytest.mark.parametrize(("current", "new", "field", "msgid"), [
    ("not-the-password", NEW, "current_password", "is not your current password"),
    (TEST_PASSWORD, TEST_PASSWORD, "new_password", "must differ from the current password"),
    (TEST_PASSWORD, "short", "new_password", "must have at least %(n)s characters"),
    (TEST_PASSWORD, "Planner-One", "new_password", "must not be the user name"),
])
def test_a_refused_change_keeps_the_password(session, make_user, current, new, field, msgid):
    user = make_user("planner-one", "planner")
    with pytest.raises(ValidationError) as refused:
        passwords.change_own_password(session, user.actor(), current, new)
    assert (refused.value.field_errors[0].field, refused.value.field_errors[0].message.msgid) == (field, msgid)
    assert passwords.authenticate(session, "planner-one", TEST_PASSWORD, None) == user


def test_a_wrong_current_password_counts_as_a_failed_sign_in_and_is_throttled(session, make_user):
    user = make_user("planner-one", "planner")
    for _ in range(passwords.MAX_FAILURES_PER_USER_AT_ADDRESS):
        with pytest.raises(ValidationError):
            passwords.change_own_password(session, user.actor(), "a-wrong-guess", NEW)
    assert _failures(session, "planner-one") == passwords.MAX_FAILURES_PER_USER_AT_ADDRESS
    with pytest.raises(PermissionDenied):  # even the right one, while throttled
        passwords.change_own_password(session, user.actor(), TEST_PASSWORD, NEW)


def _guess_wrong(session, username, address, times):
    for _ in range(times):
        with pytest.raises(PermissionDenied):
            passwords.authenticate(session, username, "a-wrong-guess", address)


def test_one_clients_wrong_guesses_do_not_lock_the_user_out_at_their_own_desk(session, make_user):
    user = make_user("planner-one", "planner")
    _guess_wrong(session, "planner-one", "10.0.0.66", passwords.MAX_FAILURES_PER_USER_AT_ADDRESS)
    with pytest.raises(PermissionDenied, match="Too many"):  # the guessing client is stopped
        passwords.authenticate(session, "planner-one", TEST_PASSWORD, "10.0.0.66")
    assert passwords.authenticate(session, "planner-one", TEST_PASSWORD, "10.0.0.7") == user


def test_guessing_one_name_from_many_addresses_locks_it_everywhere(session, make_user):
    make_user("planner-one", "planner")
    per_address = passwords.MAX_FAILURES_PER_USER_AT_ADDRESS
    for n in range(passwords.MAX_FAILURES_PER_USER // per_address):
        _guess_wrong(session, "planner-one", f"10.0.1.{n}", per_address)
    with pytest.raises(PermissionDenied, match="Too many"):
        passwords.authenticate(session, "planner-one", TEST_PASSWORD, "10.0.0.7")


def test_one_address_guessing_many_names_is_stopped(session, make_user):
    make_user("planner-one", "planner")
    per_name = passwords.MAX_FAILURES_PER_USER_AT_ADDRESS - 1
    for n in range(passwords.MAX_FAILURES_PER_ADDRESS // per_name):
        _guess_wrong(session, f"someone-{n}", "10.0.2.1", per_name)
    with pytest.raises(PermissionDenied, match="Too many"):
        passwords.authenticate(session, "planner-one", TEST_PASSWORD, "10.0.2.1")


def test_an_administrator_resets_a_password_the_user_must_then_replace(session, make_user):
    admin = make_user("admin-one", "admin")
    user = make_user("staff-one", "district_staff", "310115")
    with pytest.raises(PermissionDenied):
        passwords.reset_password(session, user.actor(), "admin-one")
    given = passwords.reset_password(session, admin.actor(), "staff-one")
    assert len(given) >= 16
    signed_in = passwords.authenticate(session, "staff-one", given, None)
    assert signed_in.must_change_password
    own = passwords.change_own_password(session, signed_in.actor(), given, NEW)
    assert not own.must_change_password


def test_the_last_active_administrator_stays(session, make_user):
    first = make_user("admin-one", "admin")
    for refused in (lambda: accounts.set_active(session, Actor.system(), "admin-one", False),
                    lambda: accounts.set_role(session, Actor.system(), "admin-one", "planner")):
        with pytest.raises(Conflict) as conflict:
            refused()
        assert conflict.value.message.params["name"] == "admin-one"
    make_user("admin-two", "admin")
    assert accounts.set_role(session, Actor.system(), "admin-one", "planner").role == "planner"
    with pytest.raises(Conflict):  # admin-two is now the last one
        accounts.set_active(session, Actor.system(), "admin-two", False)
    assert first.role == "admin"


def test_an_administrator_cannot_disable_themselves(session, make_user):
    make_user("admin-one", "admin")
    second = make_user("admin-two", "admin")
    with pytest.raises(Conflict):
        accounts.set_active(session, second.actor(), "admin-two", False)
    assert not accounts.set_active(session, second.actor(), "admin-one", False).is_active


def test_an_administrator_neither_resets_their_own_password_nor_changes_their_own_role(session, make_user):
    """Their sign-ins would end before the new password was shown, or their pages go at once: another
    administrator (or the command line) does it; their password and role stay as they were."""
    make_user("admin-one", "admin")
    second = make_user("admin-two", "admin")
    for refused in (lambda: passwords.reset_password(session, second.actor(), "admin-two"),
                    lambda: accounts.set_role(session, second.actor(), "admin-two", "planner")):
        with pytest.raises(Conflict):
            refused()
    assert passwords.authenticate(session, "admin-two", TEST_PASSWORD, "127.0.0.1").role == "admin"
    assert passwords.reset_password(session, second.actor(), "admin-one")
    assert accounts.set_role(session, Actor.system(), "admin-two", "planner").role == "planner"


@pytest.mark.parametrize("name", ["张伟", "has space", ".dot-first", "x" * 65, "semi;colon"])
def test_user_names_are_what_one_types_to_sign_in(session, name):
    with pytest.raises(ValidationError) as refused:
        accounts.create_user(session, Actor.system(), name, TEST_PASSWORD, "planner")
    assert refused.value.field_errors[0].field == "username"


def test_the_user_list_shows_the_last_sign_in_and_puts_disabled_users_last(session, make_user):
    admin = make_user("admin-one", "admin")
    make_user("a-gone", "planner")
    make_user("b-here", "planner")
    accounts.set_active(session, admin.actor(), "a-gone", False)
    passwords.authenticate(session, "b-here", TEST_PASSWORD, "10.0.0.1")
    with pytest.raises(PermissionDenied):
        passwords.authenticate(session, "admin-one", "wrong-password", None)  # a failure is no sign-in
    listed = accounts.list_users(session, admin.actor())
    assert [u.account.username for u in listed] == ["admin-one", "b-here", "a-gone"]
    assert [u.last_sign_in is not None for u in listed] == [False, True, False]
    assert accounts.account_of(session, admin.actor(), "b-here").last_sign_in == listed[1].last_sign_in
    with pytest.raises(PermissionDenied):
        accounts.list_users(session, listed[1].account.actor())
