"""Bearer-token sign-in for the API (a Flask-Login request loader) and the per-token rate limit.

The limit is counted in the worker's memory (Flask-Limiter ``memory://``): with several
gunicorn workers each keeps its own count, so a client gets up to workers × the limit
(docs/api.md). Requests signed in with a session cookie are limited per user, others per address.
"""
from __future__ import annotations

from typing import Callable, Iterable

from flask import Flask, current_app, g, request
from flask_limiter import Limiter
from flask_login import current_user

from registry.auth import SignedIn, login_manager
from registry.db import get_session
from registry.services import tokens

DEFAULT_RATE_LIMIT = "600 per minute"


def bearer_secret(authorization: str | None) -> str | None:
    """The secret of an ``Authorization: Bearer …`` header's value, or None."""
    scheme, _, secret = (authorization or "").partition(" ")
    return secret.strip() or None if scheme.lower() == "bearer" else None


def load_user_from_bearer(req) -> SignedIn | None:
    """Flask-Login's request loader: the token's user, or None (then /api/ answers 401)."""
    secret = bearer_secret(request.headers.get("Authorization"))
    if secret is None:
        return None
    found = tokens.authenticate_token(get_session(), secret)
    if found is None:
        return None
    g.api_token_id = found.token_id
    g.api_token_read_only = found.read_only  # registry.auth refuses its writes
    return SignedIn(found.account, session_id="")  # a token's request is no sign-in: nothing to end


def rate_limit_key() -> str:
    token_id = g.get("api_token_id")
    if token_id is not None:
        return f"token:{token_id}"
    if current_user.is_authenticated:
        return f"user:{current_user.get_id()}"
    return f"address:{request.remote_addr}"


_HOOKS = ("before_request_funcs", "after_request_funcs", "teardown_request_funcs")


def _hooks_of(app: Flask, blueprints: Iterable[str], register: Callable[[], None]) -> None:
    """Run ``register`` and move the request hooks it added to the app onto ``blueprints``: other
    requests (pages, tiles, OGC API) then pay nothing for them (the limiter's three hooks cost about
    a fifth of a millisecond per request, a tenth of a small OGC items request)."""
    before = {attr: list(getattr(app, attr).get(None, ())) for attr in _HOOKS}
    register()
    for attr in _HOOKS:
        hooks = getattr(app, attr)
        added = [f for f in hooks.get(None, ()) if f not in before[attr]]
        hooks[None] = before[attr]
        for name in blueprints:
            hooks.setdefault(name, []).extend(added)


def init_app(app: Flask, blueprints: Iterable[str]) -> None:
    """Bearer sign-in everywhere; the rate limit on the API's ``blueprints`` only."""
    login_manager.request_loader(load_user_from_bearer)
    app.config.setdefault("API_RATE_LIMIT", DEFAULT_RATE_LIMIT)

    def register() -> None:
        app.extensions["registry.api_limiter"] = Limiter(
            rate_limit_key, app=app, storage_uri="memory://", headers_enabled=True,
            default_limits=[lambda: current_app.config["API_RATE_LIMIT"]])

    _hooks_of(app, blueprints, register)
