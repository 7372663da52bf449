"""API tokens: created per user (shown once), listed, revoked; bearer authentication.

A token is ``rgy_`` + 32 random bytes (URL-safe base64). Only its SHA-256 is stored: the secret
has 256 bits of entropy, so a slow password hash would add nothing against guessing, while a
fast, deterministic hash lets every request find its token through a unique index
(docs/api.md). A token acts as its user — same role, same district, same audit trail — and a
read-only one only reads (``registry.auth`` refuses its other methods).
"""
from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy.orm import Session

from registry import clock
from registry.domain.channels import API
from registry.domain.errors import N_, NotFound, PermissionDenied, ValidationError
from registry.domain.permissions import Actor
from registry.models import ApiToken
from registry.repositories import accounts as account_repo
from registry.repositories import tokens as repo
from registry.services import accounts, audit

TOKEN_PREFIX = "rgy_"
SHOWN_PREFIX_LENGTH = 12  # "rgy_" + 8 characters: enough to recognise a token in a list
DEFAULT_DAYS = 90
MAX_DAYS = 730
MAX_NAME_LENGTH = 64
# A token's last use is written at most this often (not on every request).
LAST_USED_RESOLUTION = timedelta(minutes=1)
SHANGHAI = ZoneInfo("Asia/Shanghai")


@dataclass(frozen=True)
class TokenView:
    id: int
    username: str
    name: str
    prefix: str
    created_at: datetime
    expires_at: datetime
    revoked_at: datetime | None
    last_used_at: datetime | None
    read_only: bool = False
    owner_active: bool = True  # a disabled account's tokens are refused until it is enabled again

    def state(self, now: datetime | None = None) -> str:
        """``active``, ``expired``, ``revoked``, or ``suspended``: neither expired nor revoked, but its
        user is disabled, so it is refused now and works again when the account is enabled."""
        if self.revoked_at is not None:
            return "revoked"
        if self.expires_at <= (now or _now()):
            return "expired"
        return "active" if self.owner_active else "suspended"


@dataclass(frozen=True)
class NewToken:
    token: TokenView
    secret: str  # shown once; never stored


@dataclass(frozen=True)
class TokenAuth:
    account: accounts.Account
    token_id: int
    read_only: bool = False

    def actor(self) -> Actor:
        """The token's user acting through the API with this token (what the audit trail records)."""
        return self.account.actor(API, self.token_id)


def _now() -> datetime:
    return clock.now()


def hash_secret(secret: str) -> str:
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


def _view(session: Session, token: ApiToken, username: str | None = None, owner_active: bool = True) -> TokenView:
    """``token`` as shown, its owner's name read unless given (a list of one user's tokens knows it)."""
    return TokenView(token.id, username or repo.username_of(session, token.user_id), token.name, token.prefix,
                     token.created_at, token.expires_at, token.revoked_at, token.last_used_at, token.read_only,
                     owner_active)


def _require_self_or_admin(actor: Actor, username: str) -> None:
    if not actor.is_admin and actor.username != username:
        raise PermissionDenied(N_("Only administrators manage other users' API tokens."))


def expiry(days: int | None = None, until: date | None = None, now: datetime | None = None) -> datetime:
    """When a token expires: ``until`` at 00:00 Shanghai time, else ``days`` (default 90) from now."""
    now = now or _now()
    if until is not None and days is not None:
        raise ValidationError.single("expires", N_("give either an expiry date or a number of days, not both"))
    if until is not None:
        moment = datetime.combine(until, time(0, 0), tzinfo=SHANGHAI)
    else:
        days = DEFAULT_DAYS if days is None else days
        if not 1 <= days <= MAX_DAYS:
            raise ValidationError.single("days", N_("must be between %(minimum)s and %(maximum)s"),
                                         minimum=1, maximum=MAX_DAYS)
        moment = now + timedelta(days=days)
    if moment <= now:
        raise ValidationError.single("expires", N_("must be in the future"))
    if moment > now + timedelta(days=MAX_DAYS):
        raise ValidationError.single("expires", N_("may be at most %(days)s days ahead"), days=MAX_DAYS)
    return moment


def create_token(session: Session, actor: Actor, username: str, name: str, expires_at: datetime,
                 read_only: bool = False) -> NewToken:
    """A new token for ``username`` (the user themself or an administrator), reading only or reading
    and writing; the secret is returned once."""
    _require_self_or_admin(actor, username)
    name = (name or "").strip()
    if not name or len(name) > MAX_NAME_LENGTH:
        raise ValidationError.single("name", N_("is required, at most %(n)s characters"), n=MAX_NAME_LENGTH)
    user = account_repo.user_by_name(session, username)
    if user is None or not user.is_active:
        raise NotFound(N_("no user named %(name)s"), name=username)
    if expires_at <= _now():
        raise ValidationError.single("expires", N_("must be in the future"))
    secret = TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken(user_id=user.id, name=name, token_hash=hash_secret(secret),
                     prefix=secret[:SHOWN_PREFIX_LENGTH], expires_at=expires_at, read_only=read_only)
    session.add(token)
    session.flush()
    audit.record(session, actor, "create", "api_token", token.id,
                 after={"user": username, "name": name, "prefix": token.prefix, "expires_at": expires_at,
                        "read_only": read_only})
    session.commit()
    return NewToken(_view(session, token), secret)


def list_tokens(session: Session, actor: Actor, username: str) -> list[TokenView]:
    _require_self_or_admin(actor, username)
    user = account_repo.user_by_name(session, username)
    if user is None:
        raise NotFound(N_("no user named %(name)s"), name=username)
    return _views_of(session, user.id, user.username, user.is_active)


def tokens_of(session: Session, actor: Actor, account: accounts.Account) -> list[TokenView]:
    """``account``'s tokens (the account as the page already read it: not looked up again)."""
    _require_self_or_admin(actor, account.username)
    return _views_of(session, account.id, account.username, account.is_active)


def _views_of(session: Session, user_id: int, username: str, owner_active: bool) -> list[TokenView]:
    return [_view(session, t, username, owner_active) for t in repo.tokens_of(session, user_id)]


def revoke_token(session: Session, actor: Actor, token_id: int) -> TokenView:
    """Revoke a token at once (revoking a revoked token changes nothing)."""
    token = repo.token_by_id(session, token_id)
    if token is None or (not actor.is_admin and token.user_id != actor.user_id):
        raise NotFound(N_("no API token with id %(id)s"), id=token_id)
    if token.revoked_at is None:
        token.revoked_at = _now()
        audit.record(session, actor, "revoke", "api_token", token.id, after={"revoked_at": token.revoked_at})
        session.commit()
    return _view(session, token)


def authenticate_token(session: Session, secret: str, now: datetime | None = None) -> TokenAuth | None:
    """The account a bearer secret acts as, or None (unknown, revoked, expired, or user disabled)."""
    if not secret.startswith(TOKEN_PREFIX) or len(secret) > 200:
        return None
    now = now or _now()
    token = repo.token_by_hash(session, hash_secret(secret))
    if token is None or token.revoked_at is not None or token.expires_at <= now:
        return None
    account = accounts.load_account(session, token.user_id)
    if account is None:
        return None
    if token.last_used_at is None or now - token.last_used_at >= LAST_USED_RESOLUTION:
        token.last_used_at = now
        session.commit()
    return TokenAuth(account, token.id, token.read_only)
