"""SQL for users and login attempts."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import Row, func, select
from sqlalchemy.orm import Session

from registry.models import LoginAttempt, User


def user_by_name(session: Session, username: str) -> User | None:
    return session.scalars(select(User).where(User.username == username)).one_or_none()


# Read on every signed-in request: a plain row, without the ORM's identity map and object set-up.
_ACCOUNT = select(User.id, User.username, User.display_name, User.role, User.district_code, User.is_active)


def account_row(session: Session, user_id: int) -> Row | None:
    """(id, username, display_name, role, district_code, is_active) of a user, or None."""
    return session.execute(_ACCOUNT.where(User.id == user_id)).one_or_none()


def failures_since(session: Session, since: datetime, username: str | None = None,
                   remote_addr: str | None = None) -> int:
    query = select(func.count()).select_from(LoginAttempt).where(
        LoginAttempt.at >= since, LoginAttempt.succeeded.is_(False))
    if username is not None:
        query = query.where(LoginAttempt.username == username)
    if remote_addr is not None:
        query = query.where(LoginAttempt.remote_addr == remote_addr)
    return session.execute(query).scalar_one()
