"""SQL for API tokens and idempotency keys."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from registry.models import ApiToken, IdempotencyKey, User


def token_by_hash(session: Session, token_hash: str) -> ApiToken | None:
    return session.scalars(select(ApiToken).where(ApiToken.token_hash == token_hash)).one_or_none()


def token_by_id(session: Session, token_id: int) -> ApiToken | None:
    return session.get(ApiToken, token_id)


def tokens_of(session: Session, user_id: int) -> list[ApiToken]:
    return list(session.scalars(select(ApiToken).where(ApiToken.user_id == user_id)
                                .order_by(ApiToken.created_at.desc(), ApiToken.id.desc())))


def username_of(session: Session, user_id: int) -> str:
    return session.execute(select(User.username).where(User.id == user_id)).scalar_one()


def idempotency_key(session: Session, user_id: int, key: str) -> IdempotencyKey | None:
    return session.scalars(select(IdempotencyKey).where(IdempotencyKey.user_id == user_id,
                                                        IdempotencyKey.key == key)).one_or_none()


def forget_idempotency_keys(session: Session, user_id: int, key: str, older_than: datetime) -> None:
    session.execute(delete(IdempotencyKey).where(IdempotencyKey.user_id == user_id, IdempotencyKey.key == key,
                                                 IdempotencyKey.created_at < older_than))


def purge_idempotency_keys(session: Session, older_than: datetime) -> int:
    return session.execute(delete(IdempotencyKey).where(IdempotencyKey.created_at < older_than)).rowcount
