"""Passwords: signing in with one (throttled), changing one's own, an administrator resetting
another's. A password somebody else chose — a reset, a new account — must be replaced by the user's
own at the next sign-in (``must_change_password``); any change ends every sign-in of the user
(``sign_ins``; the web signs the changing browser in afresh)."""
from __future__ import annotations

import secrets
from datetime import datetime, timedelta, timezone

from sqlalchemy.orm import Session
from werkzeug.security import check_password_hash

from registry.domain.audit_vocabulary import PASSWORD_CHANGED, PASSWORD_RESET
from registry.domain.errors import N_, Conflict, PermissionDenied, ValidationError
from registry.domain.passwords import check_new_password
from registry.domain.permissions import ADMIN, Actor, require_role
from registry.models import LoginAttempt, User
from registry.repositories import accounts as repo
from registry.services import audit
from registry.services.accounts import Account, _account, hashed, user_named

THROTTLE_WINDOW = timedelta(minutes=15)
# Guessing is throttled by the pair (user name, address), so one client's wrong guesses cannot lock
# the user out at their own desk (5 per user name alone let anyone on the network do that to the
# administrator); guessing one name from many addresses meets the per-name limit, each address's
# guessing at many names the per-address one.
MAX_FAILURES_PER_USER_AT_ADDRESS = 5
MAX_FAILURES_PER_USER = 50
MAX_FAILURES_PER_ADDRESS = 20


def generated_password() -> str:
    """Sixteen URL-safe characters (96 random bits), for an administrator to hand over."""
    return secrets.token_urlsafe(12)


def _refuse_if_throttled(session: Session, username: str, remote_addr: str | None) -> None:
    since = datetime.now(timezone.utc) - THROTTLE_WINDOW
    limits = [({"username": username, "remote_addr": remote_addr}, MAX_FAILURES_PER_USER_AT_ADDRESS),
              ({"username": username}, MAX_FAILURES_PER_USER)]
    if remote_addr:
        limits.append(({"remote_addr": remote_addr}, MAX_FAILURES_PER_ADDRESS))
    if any(repo.failures_since(session, since, **who) >= limit for who, limit in limits):
        raise PermissionDenied(N_("Too many failed logins: try again in %(minutes)s minutes."),
                               minutes=int(THROTTLE_WINDOW.total_seconds() // 60))


_unknown_user_hash: list[str] = []  # made once per process, on the first sign-in of an unknown name


def _hash_to_check(user: User | None) -> str:
    """The user's hash, or for no (or a disabled, or a password-less) user a hash of the same cost:
    a refusal then takes as long for an unknown name as for a wrong password, so the time of the
    answer does not tell which user names exist."""
    if user is not None and user.is_active and user.password_hash:
        return user.password_hash
    if not _unknown_user_hash:
        _unknown_user_hash.append(hashed("no such user"))
    return _unknown_user_hash[0]


def _matches(user: User | None, password: str) -> bool:
    matches = check_password_hash(_hash_to_check(user), password)
    return bool(matches and user and user.is_active and user.password_hash)


def authenticate(session: Session, username: str, password: str, remote_addr: str | None) -> Account:
    """The account for these credentials, or PermissionDenied. Throttled per user and address."""
    _refuse_if_throttled(session, username, remote_addr)
    user = repo.user_by_name(session, username)
    ok = _matches(user, password)
    session.add(LoginAttempt(username=username[:64], remote_addr=remote_addr, succeeded=ok))
    session.commit()
    if not ok:
        raise PermissionDenied(N_("Wrong user name or password, or the account is disabled."))
    return _account(user)


def change_own_password(session: Session, actor: Actor, current: str, new: str,
                        remote_addr: str | None = None) -> Account:
    """The signed-in user replaces their password. The current one is asked for, and a wrong one
    counts as a failed sign-in (a left-open session must not become a way to guess it)."""
    _refuse_if_throttled(session, actor.username, remote_addr)
    user = session.get(User, actor.user_id, with_for_update=True)
    if not _matches(user, current):
        session.add(LoginAttempt(username=actor.username[:64], remote_addr=remote_addr, succeeded=False))
        session.commit()
        raise ValidationError.single("current_password", N_("is not your current password"))
    check_new_password(new, user.username, field="new_password")
    if new == current:
        raise ValidationError.single("new_password", N_("must differ from the current password"))
    _set_password(session, actor, user, new, must_change=False)
    return _account(user)


def reset_password(session: Session, actor: Actor, username: str) -> str:
    """An administrator gives ``username`` a new, generated password (returned, to hand over); the
    user's sessions end and they choose their own at the next sign-in."""
    require_role(actor, ADMIN)
    user = user_named(session, username)
    if user.id == actor.user_id:
        # their sign-ins would end before the page showed the new password: locked out of their account
        raise Conflict(N_("You cannot reset your own password here: change it on My account."))
    password = generated_password()
    _set_password(session, actor, user, password, must_change=True)
    return password


def _set_password(session: Session, actor: Actor, user: User, password: str, must_change: bool) -> None:
    before = {"must_change_password": user.must_change_password}
    user.password_hash = hashed(password)
    user.must_change_password = must_change
    repo.end_sign_ins(session, user.id)
    # the hash is never written to the audit trail: the entry says the password changed, and by whom
    audit.record(session, actor, "update", "user", user.id, before, {"must_change_password": must_change},
                 note=PASSWORD_CHANGED if actor.user_id == user.id else PASSWORD_RESET)
    session.commit()
