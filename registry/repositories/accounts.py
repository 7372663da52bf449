"""SQL for users, login attempts and sign-ins."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import Row, bindparam, delete, func, select, true
from sqlalchemy.dialects.postgresql import aggregate_order_by
from sqlalchemy.orm import Session

from registry.models import LoginAttempt, SignIn, User
from registry.repositories.driver import ReadSession


def user_by_name(session: Session, username: str) -> User | None:
    return session.scalars(select(User).where(User.username == username)).one_or_none()


# Read on every signed-in request: one statement built once, run on the session's connection as a
# plain row (the ORM's statement set-up was a sixth of a small OGC request's CPU).
_ACCOUNT = select(User.id, User.username, User.display_name, User.role, User.district_code,
                  User.is_active, User.must_change_password).where(User.id == bindparam("user_id"))
_SIGNED_IN = _ACCOUNT.join(SignIn, SignIn.user_id == User.id).where(
    SignIn.token_digest == bindparam("digest"), SignIn.expires_at > func.now())


def account_row(session: ReadSession, user_id: int) -> Row | None:
    """(id, username, display_name, role, district_code, is_active, must_change_password) of a user,
    or None."""
    return session.connection().execute(_ACCOUNT, {"user_id": user_id}).one_or_none()


def signed_in_account_row(session: ReadSession, user_id: int, digest: str) -> Row | None:
    """``account_row`` of the user whose unexpired sign-in has this token digest, or None."""
    return session.connection().execute(_SIGNED_IN, {"user_id": user_id, "digest": digest}).one_or_none()


def add_sign_in(session: Session, sign_in: SignIn) -> None:
    session.add(sign_in)
    session.execute(delete(SignIn).where(SignIn.expires_at <= func.now()))  # keep the table to live rows


def end_sign_ins(session: Session, user_id: int, except_digest: str | None = None) -> int:
    """Delete the user's sign-ins (all, or all but one); how many."""
    query = delete(SignIn).where(SignIn.user_id == user_id)
    if except_digest is not None:
        query = query.where(SignIn.token_digest != except_digest)
    return session.execute(query).rowcount


def end_sign_in(session: Session, user_id: int, digest: str) -> None:
    session.execute(delete(SignIn).where(SignIn.user_id == user_id, SignIn.token_digest == digest))


def live_sign_ins(session: Session, user_id: int) -> list[SignIn]:
    """The user's unexpired sign-ins, newest first."""
    return list(session.scalars(select(SignIn).where(SignIn.user_id == user_id, SignIn.expires_at > func.now())
                                .order_by(SignIn.started_at.desc(), SignIn.id.desc())))


def failures_since(session: Session, since: datetime, username: str | None = None,
                   remote_addr: str | None = None) -> int:
    query = select(func.count()).select_from(LoginAttempt).where(
        LoginAttempt.at >= since, LoginAttempt.succeeded.is_(False))
    if username is not None:
        query = query.where(LoginAttempt.username == username)
    if remote_addr is not None:
        query = query.where(LoginAttempt.remote_addr == remote_addr)
    return session.execute(query).scalar_one()


def failures_by_address(session: Session, username: str, since: datetime, nth: int) -> list[tuple]:
    """(address, failures since ``since``, the last one, the ``nth`` latest or None) of ``username``'s
    failed sign-ins, the latest address first (read by ix_login_attempts_username_at)."""
    latest = func.max(LoginAttempt.at)
    query = (select(LoginAttempt.remote_addr, func.count(), latest,
                    func.array_agg(aggregate_order_by(LoginAttempt.at, LoginAttempt.at.desc()))[nth])
             .where(LoginAttempt.username == username, LoginAttempt.at >= since, LoginAttempt.succeeded.is_(False))
             .group_by(LoginAttempt.remote_addr).order_by(latest.desc()))
    return [tuple(row) for row in session.execute(query)]


def nth_latest_failure(session: Session, username: str, since: datetime, nth: int) -> datetime | None:
    """The ``nth`` latest failed sign-in as ``username`` from any address since ``since``, if so many."""
    return session.scalars(select(LoginAttempt.at).where(
        LoginAttempt.username == username, LoginAttempt.at >= since, LoginAttempt.succeeded.is_(False))
        .order_by(LoginAttempt.at.desc()).offset(nth - 1).limit(1)).first()


def active_admins(session: Session) -> int:
    return session.execute(select(func.count()).select_from(User).where(
        User.role == "admin", User.is_active.is_(true()))).scalar_one()


def _last_sign_ins():
    return (select(LoginAttempt.username, func.max(LoginAttempt.at).label("at"))
            .where(LoginAttempt.succeeded.is_(true())).group_by(LoginAttempt.username))


def users_with_last_sign_in(session: Session) -> list[tuple[User, datetime | None]]:
    """Every user with the time of their last successful sign-in; active first, then by name."""
    last = _last_sign_ins().subquery()
    query = (select(User, last.c.at).outerjoin(last, last.c.username == User.username)
             .order_by(User.is_active.desc(), User.username))
    return [(user, at) for user, at in session.execute(query)]


def last_sign_in(session: Session, username: str) -> datetime | None:
    return session.execute(select(func.max(LoginAttempt.at)).where(
        LoginAttempt.username == username, LoginAttempt.succeeded.is_(true()))).scalar_one()
