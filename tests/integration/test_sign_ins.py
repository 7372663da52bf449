"""Sign-ins the server ends (services/sign_ins.py) against PostGIS: signing out, a password change or
reset, disabling the user, expiry, "sign out everywhere else", and ids that name nobody."""
from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from registry.models import SignIn
from registry.services import accounts, passwords, sign_ins
from tests.conftest import TEST_PASSWORD

DAY = timedelta(hours=12)


def _start(session, account, lasts=DAY, agent="Chromium"):
    return sign_ins.start(session, account, lasts, "10.0.0.1", agent)


def test_a_sign_in_names_its_user_until_it_is_signed_out(session, make_user):
    user = make_user("planner-one", "planner")
    session_id = _start(session, user)
    assert sign_ins.account_of(session, session_id) == user
    sign_ins.end(session, session_id)
    assert sign_ins.account_of(session, session_id) is None  # a copy of the cookie is worth nothing now


def test_the_database_keeps_no_usable_token(session, make_user):
    user = make_user("planner-one", "planner")
    token = _start(session, user).partition(".")[2]
    digests = session.scalars(select(SignIn.token_digest).where(SignIn.user_id == user.id)).all()
    assert len(digests) == 1 and token not in digests[0] and len(digests[0]) == 64


def test_each_browser_signs_in_on_its_own(session, make_user):
    user = make_user("planner-one", "planner")
    office, phone = _start(session, user), _start(session, user, agent="Phone")
    sign_ins.end(session, office)
    assert sign_ins.account_of(session, phone) == user


def test_an_expired_sign_in_names_nobody(session, make_user):
    user = make_user("planner-one", "planner")
    assert sign_ins.account_of(session, _start(session, user, lasts=timedelta(seconds=-1))) is None


def test_a_new_sign_in_clears_expired_ones(session, make_user):
    user = make_user("planner-one", "planner")
    _start(session, user, lasts=timedelta(seconds=-1))
    _start(session, user)
    assert len(session.scalars(select(SignIn).where(SignIn.user_id == user.id)).all()) == 1


@pytest.mark.parametrize("change", ["own", "reset"])
def test_a_password_change_ends_every_sign_in_of_the_user(session, make_user, change):
    admin = make_user("admin-one", "admin")
    user = make_user("planner-one", "planner")
    theirs, others = _start(session, user), _start(session, admin)
    if change == "own":
        passwords.change_own_password(session, user.actor(), TEST_PASSWORD, "a sentence of my own")
    else:
        passwords.reset_password(session, admin.actor(), "planner-one")
    assert sign_ins.account_of(session, theirs) is None
    assert sign_ins.account_of(session, others) == admin


def test_disabling_a_user_ends_their_sign_ins_for_good(session, make_user):
    admin = make_user("admin-one", "admin")
    user = make_user("planner-one", "planner")
    session_id = _start(session, user)
    accounts.set_active(session, admin.actor(), "planner-one", False)
    assert sign_ins.account_of(session, session_id) is None
    accounts.set_active(session, admin.actor(), "planner-one", True)
    assert sign_ins.account_of(session, session_id) is None  # enabling again does not revive it


def test_signing_out_everywhere_else_keeps_this_browser(session, make_user):
    user = make_user("planner-one", "planner")
    other = make_user("planner-two", "planner")
    first, second, here = _start(session, user), _start(session, user), _start(session, user, agent="Here")
    someone_elses = _start(session, other)
    live = sign_ins.live(session, user.actor(), here)
    assert len(live) == 3 and [s.user_agent for s in live if s.is_this_one] == ["Here"]
    assert sign_ins.end_others(session, user.actor(), here) == 2
    assert [sign_ins.account_of(session, s) for s in (first, second, here)] == [None, None, user]
    assert sign_ins.account_of(session, someone_elses) == other
    assert [s.is_this_one for s in sign_ins.live(session, user.actor(), here)] == [True]


@pytest.mark.parametrize("forged", ["", "abc", "{id}", "{id}.", "{id}.{token}x", "{id}x.{token}", "\uff11.{token}",
                                    "{other}.{token}"])
def test_an_id_that_is_not_exactly_a_live_sign_in_names_nobody(session, make_user, forged):
    user = make_user("planner-one", "planner")
    other = make_user("planner-two", "planner")
    session_id = _start(session, user)
    token = session_id.partition(".")[2]
    assert sign_ins.account_of(session, forged.format(id=user.id, token=token, other=other.id)) is None
    assert sign_ins.account_of(session, session_id) == user


def test_an_administrator_signs_a_user_out_everywhere_and_it_is_audited(session, make_user):
    from registry.domain.errors import PermissionDenied
    from registry.models import AuditEntry

    admin = make_user("admin-one", "admin")
    user = make_user("planner-one", "planner")
    sessions = [_start(session, user), _start(session, user)]
    admins_own = _start(session, admin)
    assert len(sign_ins.live_of(session, admin.actor(), user)) == 2
    with pytest.raises(PermissionDenied):
        sign_ins.end_all_of(session, user.actor(), "planner-one")
    assert sign_ins.end_all_of(session, admin.actor(), "planner-one") == 2
    assert [sign_ins.account_of(session, s) for s in sessions] == [None, None]
    assert sign_ins.account_of(session, admins_own) == admin and user.is_active
    entry = session.scalars(select(AuditEntry).where(AuditEntry.action == "sign_out")).one()
    assert (entry.entity, entry.entity_id, entry.changes) == ("user", str(user.id), {"sign_ins_ended": [None, 2]})


def test_signing_out_everywhere_else_is_audited_as_the_administrators_is(session, make_user):
    """ASVS V7: ending one's other sign-ins (a stolen laptop, a suspicion) is a security event the audit
    trail must show, as an administrator's "signed out everywhere" is."""
    from registry.models import AuditEntry

    user = make_user("planner-one", "planner")
    _start(session, user)
    here = _start(session, user)
    assert sign_ins.end_others(session, user.actor(), here) == 1
    entry = session.scalars(select(AuditEntry).where(AuditEntry.action == "sign_out_others")).one()
    assert (entry.entity, entry.entity_id, entry.user_id) == ("user", str(user.id), user.id)
    assert entry.changes == {"sign_ins_ended": [None, 1]}
    assert here.partition(".")[2] not in str(entry.changes)  # the token is no part of it


@pytest.mark.parametrize("agent, kept", [
    ("Evil\x00Browser/1.0", "Evil Browser/1.0"),  # PostgreSQL text cannot hold U+0000: the sign-in failed
    ("Tab\tand\r\nnew line\x1b[31m\x7f\x85", "Tab and new line [31m"),  # nothing to forge a line or a colour
    ("\u202egnp.exe \u200bHidden", "gnp.exe Hidden"),  # no reordering, nothing invisible
    ("\x00\x01", None),
    ("x" * 5000, "x" * 200),
    ("  " + "y" * 199 + "\x00z", "y" * 199),  # cut after cleaning: no trailing space
])
def test_a_browsers_user_agent_is_kept_as_printable_text_at_most_200_characters(session, make_user, agent, kept):
    user = make_user("planner-one", "planner")
    session_id = _start(session, user, agent=agent)
    assert sign_ins.account_of(session, session_id) == user
    assert [s.user_agent for s in sign_ins.live(session, user.actor(), session_id)] == [kept]


def test_a_long_address_is_cut_to_its_column(session, make_user):
    user = make_user("planner-one", "planner")
    session_id = sign_ins.start(session, user, DAY, "f" * 100, "Chromium")
    assert [s.remote_addr for s in sign_ins.live(session, user.actor(), session_id)] == ["f" * 64]
