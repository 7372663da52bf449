"""A secret shown on the next page view only (POST-redirect-GET): kept sealed in the session by
the POST, taken out by the GET that shows it.

Flask's session is a cookie that is signed, not encrypted: a secret put there in clear could be read
back from the browser's cookie store, a proxy's log or a crash dump, and an API token lives far
longer than the sign-in. So it is sealed: XORed with a keystream of HMAC-SHA256 blocks (key derived
from SECRET_KEY, a random nonce per secret); the session's signature keeps it from being altered.
"""
from __future__ import annotations

import base64
import hashlib
import hmac
import os

from flask import current_app, session

NONCE_BYTES = 16


def _keystream(nonce: bytes, length: int) -> bytes:
    secret_key = current_app.secret_key
    master = secret_key.encode() if isinstance(secret_key, str) else bytes(secret_key)
    key = hmac.new(master, b"registry.web.once", hashlib.sha256).digest()
    blocks = (hmac.new(key, nonce + n.to_bytes(4, "big"), hashlib.sha256).digest() for n in range(length // 32 + 1))
    return b"".join(blocks)[:length]


def _xor(data: bytes, nonce: bytes) -> bytes:
    return bytes(a ^ b for a, b in zip(data, _keystream(nonce, len(data)), strict=True))


def keep(name: str, secret: str) -> None:
    """Keep ``secret`` (sealed) in the session for the next :func:`take` of ``name``."""
    nonce = os.urandom(NONCE_BYTES)
    session[name] = base64.urlsafe_b64encode(nonce + _xor(secret.encode(), nonce)).decode()


def take(name: str) -> str | None:
    """The secret kept under ``name``, removed from the session: a second call returns None."""
    if name not in session:  # a pop would mark the session modified and re-send the cookie
        return None
    sealed = session.pop(name)
    if not isinstance(sealed, str):
        return None
    raw = base64.urlsafe_b64decode(sealed)
    nonce, body = raw[:NONCE_BYTES], raw[NONCE_BYTES:]
    return _xor(body, nonce).decode()
