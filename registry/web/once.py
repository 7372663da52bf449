"""A secret shown on the next page view only (POST-redirect-GET): kept sealed in the session by
the POST, taken out by the GET that shows it.

Flask's session is a cookie that is signed, not encrypted: a secret put there in clear could be read
back from the browser's cookie store, a proxy's log or a crash dump, and an API token lives far
longer than the sign-in. So it is sealed with Fernet (the ``cryptography`` package: AES-128-CBC and
HMAC-SHA256, a random IV per secret) under a key derived from SECRET_KEY, and it expires with the
page view it was kept for.
"""
from __future__ import annotations

import base64
import hashlib

from cryptography.fernet import Fernet, InvalidToken
from flask import current_app, session

LIFETIME_SECONDS = 600  # a secret not shown within this is dropped: create the token again


def _fernet() -> Fernet:
    secret_key = current_app.secret_key
    master = secret_key.encode() if isinstance(secret_key, str) else bytes(secret_key)
    # A key of its own for this use, so the sealed value says nothing about the session's signing key.
    key = hashlib.sha256(b"registry.web.once\x00" + master).digest()
    return Fernet(base64.urlsafe_b64encode(key))


def keep(name: str, secret: str) -> None:
    """Keep ``secret`` (sealed) in the session for the next :func:`take` of ``name``."""
    session[name] = _fernet().encrypt(secret.encode()).decode()


def take(name: str) -> str | None:
    """The secret kept under ``name``, removed from the session: a second call returns None."""
    if name not in session:  # a pop would mark the session modified and re-send the cookie
        return None
    sealed = session.pop(name)
    if not isinstance(sealed, str):
        return None
    try:
        return _fernet().decrypt(sealed.encode(), ttl=LIFETIME_SECONDS).decode()
    except InvalidToken:  # altered, sealed under another SECRET_KEY, or too old
        return None
