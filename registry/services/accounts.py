"""Accounts: create, disable, change role, authenticate (with throttling)."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta, timezone

from sqlalchemy.orm import Session
from werkzeug.security import check_password_hash, generate_password_hash

from registry.domain.errors import N_, Conflict, Listed, NotFound, PermissionDenied, ValidationError
from registry.domain.permissions import DISTRICT_STAFF, Actor, require_role
from registry.domain.vocabulary import ROLES
from registry.models import District, LoginAttempt, User
from registry.repositories import accounts as repo
from registry.repositories.driver import ReadSession
from registry.services import audit

# scrypt (werkzeug's default): a memory-hard, current KDF.
PASSWORD_METHOD = "scrypt"
MIN_PASSWORD_LENGTH = 10
THROTTLE_WINDOW = timedelta(minutes=15)
MAX_FAILURES_PER_USER = 5
MAX_FAILURES_PER_ADDRESS = 20
_unknown_user_hash: list[str] = []  # made once per process, on the first login of an unknown name


def _hash_to_check(user: User | None) -> str:
    """The user's hash, or for no (or a disabled, or a password-less) user a hash of the same cost:
    a refusal then takes as long for an unknown name as for a wrong password, so the time of the
    answer does not tell which user names exist."""
    if user is not None and user.is_active and user.password_hash:
        return user.password_hash
    if not _unknown_user_hash:
        _unknown_user_hash.append(generate_password_hash("no such user", method=PASSWORD_METHOD))
    return _unknown_user_hash[0]


@dataclass(frozen=True)
class Account:
    """What the web layer keeps of a signed-in user (never a live ORM object)."""

    id: int
    username: str
    display_name: str
    role: str
    district_code: str | None
    is_active: bool

    def actor(self) -> Actor:
        return Actor(self.id, self.username, self.role, self.district_code)


def _account(user: User) -> Account:
    return Account(user.id, user.username, user.display_name, user.role, user.district_code, user.is_active)


def _check_role_and_district(session: Session, role: str, district_code: str | None) -> None:
    if role not in ROLES:
        raise ValidationError.single("role", N_("unknown role %(role)s; allowed: %(allowed)s"),
                                     role=role, allowed=Listed(tuple(ROLES)))
    if role == DISTRICT_STAFF and not district_code:
        raise ValidationError.single("district_code", N_("district staff need a district"))
    if role != DISTRICT_STAFF and district_code:
        raise ValidationError.single("district_code", N_("only district staff are bound to a district"))
    if district_code and session.get(District, district_code) is None:
        raise ValidationError.single("district_code", N_("no district with code %(code)s"), code=district_code)


def _check_password(password: str) -> None:
    if len(password) < MIN_PASSWORD_LENGTH:
        raise ValidationError.single("password", N_("must have at least %(n)s characters"), n=MIN_PASSWORD_LENGTH)


def create_user(session: Session, actor: Actor, username: str, password: str, role: str,
                district_code: str | None = None, display_name: str | None = None) -> Account:
    require_role(actor, "admin")
    username = username.strip()
    if not username:
        raise ValidationError.single("username", N_("is required"))
    _check_role_and_district(session, role, district_code)
    _check_password(password)
    if repo.user_by_name(session, username):
        raise Conflict(N_("a user named %(name)s exists already"), name=username)
    user = User(username=username, display_name=display_name or username, role=role, district_code=district_code,
                password_hash=generate_password_hash(password, method=PASSWORD_METHOD), is_active=True)
    session.add(user)
    session.flush()
    audit.record(session, actor, "create", "user", user.id, after={"username": username, "role": role,
                                                                    "district_code": district_code})
    session.commit()
    return _account(user)


def _user(session: Session, username: str) -> User:
    user = repo.user_by_name(session, username)
    if user is None:
        raise NotFound(N_("no user named %(name)s"), name=username)
    return user


def set_active(session: Session, actor: Actor, username: str, active: bool) -> Account:
    require_role(actor, "admin")
    user = _user(session, username)
    before = {"is_active": user.is_active}
    user.is_active = active
    audit.record(session, actor, "update", "user", user.id, before, {"is_active": active})
    session.commit()
    return _account(user)


def set_role(session: Session, actor: Actor, username: str, role: str, district_code: str | None = None) -> Account:
    require_role(actor, "admin")
    user = _user(session, username)
    _check_role_and_district(session, role, district_code)
    before = {"role": user.role, "district_code": user.district_code}
    user.role, user.district_code = role, district_code
    audit.record(session, actor, "update", "user", user.id, before, {"role": role, "district_code": district_code})
    session.commit()
    return _account(user)


def authenticate(session: Session, username: str, password: str, remote_addr: str | None) -> Account:
    """The account for these credentials, or PermissionDenied. Throttled per user and address."""
    now = datetime.now(timezone.utc)
    since = now - THROTTLE_WINDOW
    if (repo.failures_since(session, since, username=username) >= MAX_FAILURES_PER_USER
            or (remote_addr and repo.failures_since(session, since, remote_addr=remote_addr) >= MAX_FAILURES_PER_ADDRESS)):
        raise PermissionDenied(N_("Too many failed logins: try again in %(minutes)s minutes."),
                               minutes=int(THROTTLE_WINDOW.total_seconds() // 60))
    user = repo.user_by_name(session, username)
    matches = check_password_hash(_hash_to_check(user), password)
    ok = bool(matches and user and user.is_active and user.password_hash)
    session.add(LoginAttempt(username=username[:64], remote_addr=remote_addr, succeeded=ok))
    session.commit()
    if not ok:
        raise PermissionDenied(N_("Wrong user name or password, or the account is disabled."))
    return _account(user)


def load_account(session: ReadSession, user_id: int) -> Account | None:
    row = repo.account_row(session, user_id)
    return Account(*row) if row is not None and row.is_active else None


def rename_if_named(session: Session, username: str, former: str, name: str) -> bool:
    """Give ``username`` the display name ``name`` if it still bears ``former`` (a demo account
    created under an earlier demo name); a name anybody has changed since stays."""
    user = repo.user_by_name(session, username)
    if user is None or user.display_name != former:
        return False
    user.display_name = name
    audit.record(session, Actor.system(), "update", "user", user.id, {"display_name": former}, {"display_name": name})
    session.commit()
    return True
