"""Sign-ins the server can end. A browser that signs in gets a session id ``<user id>.<token>``
(kept in the signed session cookie by Flask-Login); the database keeps the token's digest, when it
started and ends, and from where. Every request looks the pair up with the user, in one statement.
Signing out deletes the row, so a copy of the cookie taken before is refused; changing or resetting
the password, or disabling the user, deletes all of the user's rows."""
from __future__ import annotations

import hashlib
import secrets
import unicodedata
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone

from sqlalchemy.orm import Session

from registry.domain.permissions import ADMIN, Actor, require_role
from registry.models import SignIn
from registry.repositories import accounts as repo
from registry.repositories.driver import ReadSession
from registry.services import audit
from registry.services.accounts import Account, account_from_row, user_named


@dataclass(frozen=True)
class LiveSignIn:
    """A row of "where am I signed in" on My account."""

    started_at: datetime
    expires_at: datetime
    remote_addr: str | None
    user_agent: str | None
    is_this_one: bool


def _digest(token: str) -> str:
    # The database keeps no usable token: a copy of the table signs nobody in.
    return hashlib.sha256(token.encode()).hexdigest()


# The columns' widths (migration 0023).
ADDRESS_CHARS, USER_AGENT_CHARS = 64, 200


def _printable(text: str | None, limit: int) -> str | None:
    """What the client sent as one line of visible text (each run of control or format characters — a
    NUL PostgreSQL refuses, a line break, an escape, a bidirectional override — becomes one space), cut
    to ``limit`` characters; None for nothing left."""
    if not text:
        return None
    visible = "".join(" " if unicodedata.category(c)[0] == "C" else c for c in text[:limit * 4])
    return " ".join(visible.split())[:limit].rstrip() or None


def _key(session_id: str) -> tuple[int, str] | None:
    """(user id, token digest) of a session id, or None when it is not of the form ``start`` gives."""
    user_id, _, token = session_id.partition(".")
    if not (user_id.isascii() and user_id.isdigit() and token):
        return None
    return int(user_id), _digest(token)


def _listed(session: Session, user_id: int, this_digest: str | None = None) -> list[LiveSignIn]:
    return [LiveSignIn(row.started_at, row.expires_at, row.remote_addr, row.user_agent, row.token_digest == this_digest)
            for row in repo.live_sign_ins(session, user_id)]


def start(session: Session, account: Account, lasts: timedelta, remote_addr: str | None,
          user_agent: str | None) -> str:
    """Record a new sign-in of ``account`` lasting ``lasts``; the session id for its cookie."""
    token = secrets.token_urlsafe(32)
    repo.add_sign_in(session, SignIn(user_id=account.id, token_digest=_digest(token),
                                     expires_at=datetime.now(timezone.utc) + lasts,
                                     remote_addr=_printable(remote_addr, ADDRESS_CHARS),
                                     user_agent=_printable(user_agent, USER_AGENT_CHARS)))
    session.commit()
    return f"{account.id}.{token}"


def account_of(session: ReadSession, session_id: str) -> Account | None:
    """The account a session id names, or None: malformed, signed out, expired, or a disabled user."""
    key = _key(session_id)
    return account_from_row(repo.signed_in_account_row(session, *key)) if key else None


def end(session: Session, session_id: str) -> None:
    """Sign this browser out (nothing to do for an id that names no sign-in)."""
    key = _key(session_id)
    if key is not None:
        repo.end_sign_in(session, *key)
        session.commit()


def end_others(session: Session, actor: Actor, session_id: str) -> int:
    """Sign the user out everywhere but in this browser; how many sign-ins ended. Audited, as an
    administrator's ``end_all_of`` is: a user does it when they suspect somebody else."""
    key = _key(session_id)
    ended = repo.end_sign_ins(session, actor.user_id, key[1] if key else None)
    audit.record(session, actor, "sign_out_others", "user", actor.user_id, after={"sign_ins_ended": ended})
    session.commit()
    return ended


def live(session: Session, actor: Actor, session_id: str) -> list[LiveSignIn]:
    """The user's own unexpired sign-ins, newest first, this browser's marked."""
    key = _key(session_id)
    return _listed(session, actor.user_id, key[1] if key else None)


def live_of(session: Session, actor: Actor, account: Account) -> list[LiveSignIn]:
    """An administrator's view of ``account``'s unexpired sign-ins, newest first (the account as
    ``accounts.account_of`` read it for the same page: not looked up again)."""
    require_role(actor, ADMIN)
    return _listed(session, account.id)


def end_all_of(session: Session, actor: Actor, username: str) -> int:
    """An administrator signs ``username`` out everywhere (a lost laptop, a departure, a suspicion)
    without disabling the account; how many sign-ins ended. Audited."""
    require_role(actor, ADMIN)
    user = user_named(session, username)
    ended = repo.end_sign_ins(session, user.id)
    audit.record(session, actor, "sign_out", "user", user.id, after={"sign_ins_ended": ended})
    session.commit()
    return ended
