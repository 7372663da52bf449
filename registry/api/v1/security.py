"""Bearer-token sign-in for the API (a Flask-Login request loader) and the per-token rate limit.

The limit is counted in the worker's memory (Flask-Limiter ``memory://``): with several
gunicorn workers each keeps its own count, so a client gets up to workers × the limit
(docs/api.md). Requests signed in with a session cookie are limited per user, others per address.
"""
from __future__ import annotations

from flask import Flask, current_app, g, request
from flask_limiter import Limiter
from flask_login import current_user

from registry.auth import SignedIn, login_manager
from registry.db import get_session
from registry.services import tokens

DEFAULT_RATE_LIMIT = "600 per minute"


def bearer_secret() -> str | None:
    scheme, _, secret = request.headers.get("Authorization", "").partition(" ")
    return secret.strip() or None if scheme.lower() == "bearer" else None


def load_user_from_bearer(req) -> SignedIn | None:
    """Flask-Login's request loader: the token's user, or None (then /api/ answers 401)."""
    secret = bearer_secret()
    if secret is None:
        return None
    found = tokens.authenticate_token(get_session(), secret)
    if found is None:
        return None
    g.api_token_id = found.token_id
    return SignedIn(found.account)


def rate_limit_key() -> str:
    token_id = g.get("api_token_id")
    if token_id is not None:
        return f"token:{token_id}"
    if current_user.is_authenticated:
        return f"user:{current_user.get_id()}"
    return f"address:{request.remote_addr}"


def _not_api() -> bool:
    return not request.path.startswith("/api/")


def init_app(app: Flask) -> None:
    login_manager.request_loader(load_user_from_bearer)
    app.config.setdefault("API_RATE_LIMIT", DEFAULT_RATE_LIMIT)
    limiter = Limiter(
        rate_limit_key, app=app, storage_uri="memory://", headers_enabled=True,
        default_limits=[lambda: current_app.config["API_RATE_LIMIT"]], default_limits_exempt_when=_not_api,
    )
    app.extensions["registry.api_limiter"] = limiter
