"""Accounts: what a signed-in user is, and an administrator's use cases — create, list, disable,
change role. Passwords (sign-in, changing one's own, resetting another's) are in ``passwords``."""
from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.orm import Session
from werkzeug.security import generate_password_hash

from registry.domain.channels import CLI, UNKNOWN
from registry.domain.errors import N_, Conflict, Listed, NotFound, UNKNOWN_VALUE, ValidationError
from registry.domain.passwords import check_new_password
from registry.domain.permissions import ADMIN, DISTRICT_STAFF, Actor, require_role
from registry.domain.vocabulary import ROLES
from registry.models import District, User
from registry.repositories import accounts as repo
from registry.repositories.driver import ReadSession
from registry.services import audit

# What one types to sign in (the person's own name, in any script, is the display name).
USERNAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,63}")
# scrypt (werkzeug's default): a memory-hard, current KDF.
PASSWORD_METHOD = "scrypt"


@dataclass(frozen=True)
class Account:
    """What the web layer keeps of a signed-in user (never a live ORM object)."""

    id: int
    username: str
    display_name: str
    role: str
    district_code: str | None
    is_active: bool
    must_change_password: bool = False

    def actor(self, channel: str = UNKNOWN, api_token_id: int | None = None) -> Actor:
        """The account as the actor of a service, through ``channel`` (the sign-in's: web, or the
        API with its token)."""
        return Actor(self.id, self.username, self.role, self.district_code, channel, api_token_id)


@dataclass(frozen=True)
class ListedUser:
    """A row of the administrators' user list."""

    account: Account
    last_sign_in: datetime | None


def _account(user: User) -> Account:
    return Account(user.id, user.username, user.display_name, user.role, user.district_code, user.is_active,
                   user.must_change_password)


def _check_role_and_district(session: Session, role: str, district_code: str | None) -> None:
    if role not in ROLES:
        raise ValidationError.single("role", UNKNOWN_VALUE, value=str(role)[:40], allowed=Listed(tuple(ROLES)))
    if role == DISTRICT_STAFF and not district_code:
        raise ValidationError.single("district_code", N_("district staff need a district"))
    if role != DISTRICT_STAFF and district_code:
        raise ValidationError.single("district_code", N_("only district staff are bound to a district"))
    if district_code and session.get(District, district_code) is None:
        raise ValidationError.single("district_code", N_("no district with code %(code)s"), code=district_code)


def hashed(password: str) -> str:
    return generate_password_hash(password, method=PASSWORD_METHOD)


def create_user(session: Session, actor: Actor, username: str, password: str, role: str,
                district_code: str | None = None, display_name: str | None = None,
                must_change_password: bool = False) -> Account:
    """A new account; ``must_change_password`` when the password was chosen for the user."""
    require_role(actor, ADMIN)
    username = username.strip()
    if not username:
        raise ValidationError.single("username", N_("is required"))
    if not USERNAME.fullmatch(username):
        raise ValidationError.single("username", N_("may hold only the letters a–z and A–Z, digits, “.”, “_” and “-”, "
                                                    "and at most 64 characters"))
    _check_role_and_district(session, role, district_code)
    check_new_password(password, username)
    if repo.user_by_name(session, username):
        raise Conflict(N_("a user named %(name)s exists already"), name=username)
    user = User(username=username, display_name=(display_name or "").strip() or username, role=role,
                district_code=district_code, password_hash=hashed(password), is_active=True,
                must_change_password=must_change_password)
    session.add(user)
    session.flush()
    audit.record(session, actor, "create", "user", user.id, after={"username": username, "role": role,
                                                                    "district_code": district_code})
    session.commit()
    return _account(user)


def user_named(session: Session, username: str) -> User:
    user = repo.user_by_name(session, username)
    if user is None:
        raise NotFound(N_("no user named %(name)s"), name=username)
    return user


def _keep_an_administrator(session: Session, user: User, still_admin: bool) -> None:
    """Nobody could administer the registry from its pages any more: refused."""
    if user.role == ADMIN and user.is_active and not still_admin and repo.active_admins(session) <= 1:
        raise Conflict(N_("%(name)s is the last active administrator: make another user an administrator first"),
                       name=user.username)


def set_active(session: Session, actor: Actor, username: str, active: bool) -> Account:
    require_role(actor, ADMIN)
    user = user_named(session, username)
    if not active and user.id == actor.user_id:
        raise Conflict(N_("You cannot disable your own account."))
    if not active:
        _keep_an_administrator(session, user, still_admin=False)
    before = {"is_active": user.is_active}
    user.is_active = active
    if not active:
        repo.end_sign_ins(session, user.id)
    audit.record(session, actor, "update", "user", user.id, before, {"is_active": active})
    session.commit()
    return _account(user)


def set_role(session: Session, actor: Actor, username: str, role: str, district_code: str | None = None) -> Account:
    require_role(actor, ADMIN)
    user = user_named(session, username)
    _check_role_and_district(session, role, district_code)
    _keep_an_administrator(session, user, still_admin=role == ADMIN)
    if user.id == actor.user_id:  # an administrator who demoted themselves lost the page at once
        raise Conflict(N_("You cannot change your own role: ask another administrator."))
    before = {"role": user.role, "district_code": user.district_code}
    user.role, user.district_code = role, district_code
    audit.record(session, actor, "update", "user", user.id, before, {"role": role, "district_code": district_code})
    session.commit()
    return _account(user)


def rename(session: Session, actor: Actor, username: str, display_name: str) -> Account:
    """An administrator gives a user the name the pages show (the person's own name)."""
    require_role(actor, ADMIN)
    user = user_named(session, username)
    name = display_name.strip()
    if not name:
        raise ValidationError.single("display_name", N_("is required"))
    if name != user.display_name:
        audit.record(session, actor, "update", "user", user.id, {"display_name": user.display_name},
                     {"display_name": name})
        user.display_name = name
        session.commit()
    return _account(user)


def list_users(session: Session, actor: Actor) -> list[ListedUser]:
    """Every account, active first, by user name, with its last successful sign-in."""
    require_role(actor, ADMIN)
    return [ListedUser(_account(user), last) for user, last in repo.users_with_last_sign_in(session)]


def account_of(session: Session, actor: Actor, username: str) -> ListedUser:
    require_role(actor, ADMIN)
    user = user_named(session, username)
    return ListedUser(_account(user), repo.last_sign_in(session, user.username))


def account_from_row(row) -> Account | None:
    """The account of a ``repo.account_row``-shaped row, or None for no row or a disabled user."""
    if row is None or not row.is_active:
        return None
    return Account(row.id, row.username, row.display_name, row.role, row.district_code, row.is_active,
                   row.must_change_password)


def load_account(session: ReadSession, user_id: int) -> Account | None:
    return account_from_row(repo.account_row(session, user_id))


def rename_if_named(session: Session, username: str, former: Collection[str], name: str) -> bool:
    """Give ``username`` the display name ``name`` if it still bears one of the names ``former`` (a
    demo account created under an earlier demo name); a name anybody has changed since stays."""
    user = repo.user_by_name(session, username)
    if user is None or user.display_name not in former:
        return False
    before, user.display_name = user.display_name, name
    audit.record(session, Actor.system(), "update", "user", user.id, {"display_name": before}, {"display_name": name})
    session.commit()
    return True


def actor_named(session: Session, username: str) -> Actor:
    """The active user ``username`` as the actor a service acts for: the command line's ``--as``
    (``--as-user``), whose steps, documents and imports the audit trail then records under that
    user, held to their role and district as on the pages. NotFound for no such active user."""
    user = repo.user_by_name(session, username)
    if user is None or not user.is_active:
        raise NotFound(N_("no user named %(name)s"), name=username)
    return Actor(user.id, user.username, user.role, user.district_code, channel=CLI)
