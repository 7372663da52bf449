"""Sign-in for the web UI: Flask-Login sessions, CSRF on every form, login required everywhere.

A browser's sign-in is a row of ``sign_ins`` (services/sign_ins.py) named by the session cookie.
API clients authenticate with ``Authorization: Bearer …`` (a request loader registered by the API);
such a request is the token's alone — any session cookie it carries is neither read nor written —
and is exempt from CSRF; a read-only token may only read.
"""
from __future__ import annotations

from flask import Flask, abort, current_app, g, redirect, request, url_for
from flask.sessions import SecureCookieSessionInterface
from flask_login import LoginManager, UserMixin, current_user, login_user, logout_user
from flask_wtf.csrf import CSRFProtect

from registry.ogc_negotiation import asks_for_html
from registry.db import get_session
from registry.domain.channels import API, WEB
from registry.domain.errors import N_, PermissionDenied
from registry.domain.permissions import Actor
from registry.services import sign_ins
from registry.services.accounts import Account

login_manager = LoginManager()
csrf = CSRFProtect()

# Endpoints anyone may reach: the login page, assets, health, the language switch, the help centre
# (its texts hold nothing a visitor may not know; the login page links to how to sign in).
# The tile layers' styles too: QGIS fetches a connection's "Style URL" without its authentication
# (registry/api/tiles.py).
PUBLIC_ENDPOINTS = {"auth.login", "static", "assets.vendor", "health.healthz", "pages.set_language",
                    "help.index", "help.topic", "tiles.style"}
# What a read-only API token may do: read.
READING_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
# What a user signed in with a password somebody else chose may reach before choosing their own.
BEFORE_OWN_PASSWORD = PUBLIC_ENDPOINTS | {"account.index", "account.change_password", "auth.logout"}


class SignedIn(UserMixin):
    """Flask-Login's view of an account (an immutable DTO, never an ORM object)."""

    def __init__(self, account: Account, session_id: str) -> None:
        self.account = account
        self.session_id = session_id

    def get_id(self) -> str:
        return self.session_id


@login_manager.user_loader
def _load_user(session_id: str):
    account = sign_ins.account_of(get_session(), session_id)
    return SignedIn(account, session_id) if account else None


def sign_in_browser(account: Account) -> None:
    """Sign this browser in as ``account`` (a new row in ``sign_ins``, its id in the session cookie)."""
    session_id = sign_ins.start(get_session(), account, current_app.permanent_session_lifetime,
                                request.remote_addr, request.user_agent.string)
    login_user(SignedIn(account, session_id))


def sign_out_browser() -> None:
    """End this browser's sign-in on the server too: a copy of its cookie is worth nothing after."""
    if current_user.is_authenticated:
        sign_ins.end(get_session(), current_user.session_id)
    logout_user()


def current_actor() -> Actor:
    """The signed-in user as the services see it (401 when nobody is signed in), through the channel
    the request's credential names: a bearer token (``g.api_token_id``, set by the API's request
    loader) is the API, a browser's sign-in the web — the pages' scripts calling ``/api/`` too."""
    if not current_user.is_authenticated:
        abort(401)
    token_id = g.get("api_token_id")
    if token_id is not None:
        return current_user.account.actor(API, token_id)
    return current_user.account.actor(WEB)


def _has_bearer_token(req=None) -> bool:
    return (req or request).headers.get("Authorization", "").lower().startswith("bearer ")


def machine_request() -> bool:
    """A request of a script or a GIS client, answered in JSON (a 401, a problem), not with the sign-in
    page: the API's, the tiles', and the OGC API's unless a browser asks for its HTML view."""
    if request.path.startswith("/ogc"):
        return not asks_for_html(request)
    return request.path.startswith(("/api/", "/tiles/"))


def _guard() -> object:
    if request.endpoint not in PUBLIC_ENDPOINTS and not current_user.is_authenticated:
        if machine_request():
            abort(401)
        return redirect(url_for("auth.login", next=request.full_path.rstrip("?")))
    # A bearer request's session is not read (_NoSessionForBearers): signed in, it is the token's. Asked
    # here on the public endpoints too, so that a read-only token is refused there as well, and a Bearer
    # header no token stands behind does not skip the login form's CSRF check.
    bearer = _has_bearer_token() and current_user.is_authenticated
    if bearer and g.get("api_token_read_only") and request.method not in READING_METHODS:
        raise PermissionDenied(N_("This API token may only read: changes need a token that may read and write."))
    if current_app.config.get("WTF_CSRF_ENABLED", True) and not bearer:
        csrf.protect()  # a no-op for GET/HEAD/OPTIONS
    if (not bearer and current_user.is_authenticated and current_user.account.must_change_password
            and request.endpoint not in BEFORE_OWN_PASSWORD):
        # an API token is the user's own credential; a session under a handed-over password is not yet
        if machine_request():
            raise PermissionDenied(N_("Choose your own password first (My account)."))
        # the page asked for (a link to a project) follows the change; a form's POST is not repeated
        asked = request.full_path.rstrip("?") if request.method == "GET" and request.path != "/" else None
        return redirect(url_for("account.index", next=asked))
    return None


class _NoSessionForBearers(SecureCookieSessionInterface):
    """A request with ``Authorization: Bearer`` is the token's alone: its session cookie, if it sent
    one, is neither read nor written. Else a cookie picked up from a page (a CSRF token, no user)
    failed Flask-Login's strong protection and the token was never asked (401), and a cookie of a
    signed-in user would have spoken for the request instead of the token."""

    def open_session(self, app: Flask, request):
        if _has_bearer_token(request):
            return self.session_class()
        return super().open_session(app, request)

    def save_session(self, app: Flask, session, response) -> None:
        if not _has_bearer_token(request):
            super().save_session(app, session, response)


def init_app(app: Flask) -> None:
    app.config.setdefault("WTF_CSRF_CHECK_DEFAULT", False)  # checked in _guard, after the bearer test
    app.config.setdefault("WTF_CSRF_TIME_LIMIT", None)  # valid for the session's life
    login_manager.init_app(app)
    login_manager.session_protection = "strong"
    app.session_interface = _NoSessionForBearers()
    csrf.init_app(app)
    app.before_request(_guard)
