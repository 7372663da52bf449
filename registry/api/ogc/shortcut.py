"""The items shortcut: ``GET /ogc/collections/{id}/items`` answered by the same ``core.items``, the
same signed-in user and the same statements as the Flask route, without Flask's dispatch, and read
through the driver (``registry.db.driver_reader``) rather than the ORM session.

Why: the items page is what QGIS, GDAL and the maps ask for on every pan, and Flask's per-request
machinery (request and app contexts, before/after hooks, Flask-Login's proxies, the response
object) cost as much CPU as the page's own statement (docs/performance.md, session 6).

It answers only what it can answer exactly as the Flask route would:
- a GET that Flask's own URL map routes to ``ogc.items`` (so the routes stay the one source);
- signed in by the session cookie (opened by Flask's session interface, Flask-Login's strong
  session protection checked with its formula) or, with no session user, by a bearer token
  (the token service, which records its use as the Flask path does);
- a page ``core.items`` builds without raising, the codes' names (``status_name``…) in the language
  Flask would choose (``i18n.remembered_locale``: the session's choice, a token client's
  Accept-Language) from the catalogue Flask-Babel reads.
Everything else (no or a bad credential, a bad parameter, a domain or database error, HEAD,
``?lang=``, a NUL in the query, a browser asking for the HTML view) goes to Flask untouched, which answers and maps errors as for
every other request. tests/web/test_ogc_shortcut.py holds both paths to the same answers.

What it skips are Flask's request hooks, reviewed one by one in ``REVIEWED_HOOKS``; an app with any
other hook on these requests (an audit, an address allow-list…) gets no shortcut until the new hook
is reviewed here, and a test fails meanwhile.
"""
from __future__ import annotations

import logging
from hashlib import sha512
from http import HTTPStatus
from typing import Callable, Iterable

from flask import Flask, Request
from flask_login.config import COOKIE_NAME as REMEMBER_COOKIE
from werkzeug.exceptions import HTTPException

from registry import security_headers
from registry.api.ogc import core
from registry.ogc_negotiation import asks_for_html
from registry.api.v1.security import bearer_secret
from registry.db import driver_reader, open_session
from registry.domain.channels import WEB
from registry.domain.errors import RegistryError
from registry.i18n import LANG_PARAM, catalogue, remembered_locale
from registry.services import sign_ins, tokens

log = logging.getLogger(__name__)
ENDPOINT = "ogc.items"
PREFIX = "/ogc/collections/"
# Flask's hooks on the items route, and why the shortcut may skip each: the NUL refusal (it
# refuses a %00 query), CSRF (GET), the login guard (it signs in the same way and leaves the
# refusals to Flask), the JSON body check and the upload bound (writes only; the bound only of views
# that take a file), the remember-me cookie (not used), closing
# the request's session (it closes its own), the security headers (it sends the same).
REVIEWED_HOOKS = {
    "before_request_funcs": {"refuse_nul_characters", "csrf_protect", "_guard", "check_json_body", "bound_uploads"},
    "after_request_funcs": {"_update_remember_cookie", "add_security_headers"},
    "teardown_request_funcs": set(),
    "url_value_preprocessors": set(),
    "teardown_appcontext_funcs": {"close_session"},  # a list on the app, not per blueprint
}


class _AskFlask(Exception):
    """The shortcut cannot answer this request exactly as Flask would: let Flask answer it."""


def session_identifier(user_agent: str | None, forwarded_for: str | None, remote_addr: str | None) -> str:
    """Flask-Login's session identifier (``flask_login.utils._create_identifier``), from explicit
    values; a test holds the two equal."""
    address = forwarded_for if forwarded_for is not None else remote_addr
    if address is not None:
        address = address.encode("utf-8").split(b",")[0].strip()
    agent = user_agent.encode("utf-8") if user_agent is not None else None
    return sha512(f"{address}|{agent}".encode("utf8")).hexdigest()


class ItemsShortcut:
    """WSGI middleware in front of the Flask app (``app.wsgi_app``)."""

    def __init__(self, app: Flask, flask_wsgi: Callable) -> None:
        self.app, self.flask_wsgi = app, flask_wsgi

    def __call__(self, environ: dict, start_response: Callable) -> Iterable[bytes]:
        if environ.get("REQUEST_METHOD") == "GET" and environ.get("PATH_INFO", "").startswith(PREFIX):
            answer = self._answer(self.app.request_class(environ))
            if answer is not None:
                status, headers, body = answer
                start_response(status, [*headers, ("Content-Length", str(len(body)))])
                return [body]
        return self.flask_wsgi(environ, start_response)

    def _answer(self, request: Request) -> tuple[str, list, bytes] | None:
        try:
            urls = self.app.create_url_adapter(request)
            endpoint, values = urls.match(method="GET")
        except HTTPException:
            return None
        if endpoint != ENDPOINT or LANG_PARAM in request.args or b"%00" in request.query_string:
            return None
        if asks_for_html(request):  # the HTML view is Flask's (api/ogc/pages.py)
            return None
        try:
            cookie = self.app.session_interface.open_session(self.app, request)
            session_id = self._session_id(request, cookie)
            # a bearer token is checked first, on an ORM session: the token service records its use
            token = self._token(request.headers.get("Authorization")) if session_id is None else None
            if session_id is None and token is None:
                return None
            with driver_reader(self.app) as db:
                account = token.account if token else sign_ins.account_of(db, session_id)
                if account is None or (session_id is not None and account.must_change_password):
                    return None  # Flask's answer: a sign-in, or "choose your own password first"
                actor = token.actor() if token else account.actor(WEB)  # as auth.current_actor
                base = urls.build("ogc.landing", force_external=True).rstrip("/")  # as url_for does
                locale = remembered_locale(cookie, request.path, request.accept_languages)
                translate = catalogue(self.app.config["BABEL_TRANSLATION_DIRECTORIES"], locale)
                req = core.OgcRequest(base, request.args.to_dict(flat=False), actor, db, translate, locale)
                result = core.items(req, values["collection_id"])
        except (_AskFlask, RegistryError):  # a bad parameter, an unknown collection: Flask's answer
            return None
        except Exception:  # unexpected (the database?): Flask answers, and the log says why
            log.warning("OGC items shortcut passed %s to Flask", request.full_path, exc_info=True)
            return None
        headers = [*core.http_headers(result), *security_headers.answer_headers(result.content_type)]
        return f"{result.status} {HTTPStatus(result.status).phrase}", headers, result.body.encode("utf-8")

    def _session_id(self, request: Request, cookie) -> str | None:
        """The signed-in browser's session id (``services.sign_ins``) as Flask-Login would find it in the
        session cookie, or None."""
        if cookie:  # Flask-Login's strong protection: a cookie from another client is refused
            identifier = session_identifier(request.headers.get("User-Agent"),
                                            request.headers.get("X-Forwarded-For"), request.remote_addr)
            if cookie.get("_id") != identifier:
                raise _AskFlask
        user_id = cookie.get("_user_id") if cookie is not None else None
        if user_id is None and self.app.config.get("REMEMBER_COOKIE_NAME", REMEMBER_COOKIE) in request.cookies:
            raise _AskFlask  # Flask-Login would try the remember-me cookie first
        return str(user_id) if user_id is not None else None

    def _token(self, authorization: str | None) -> tokens.TokenAuth | None:
        secret = bearer_secret(authorization)
        if not secret:
            return None
        session = open_session(self.app, reads_only=True)
        try:
            found = tokens.authenticate_token(session, secret)
        finally:
            session.close()
        return found


def unreviewed_hooks(app: Flask) -> set[str]:
    """Request hooks on the items route that ``REVIEWED_HOOKS`` does not account for."""
    blueprint = ENDPOINT.split(".")[0]
    unknown = set()
    for kind, reviewed in REVIEWED_HOOKS.items():
        hooks = getattr(app, kind)
        scoped = hooks if isinstance(hooks, list) else [f for scope in (None, blueprint) for f in hooks.get(scope, ())]
        unknown |= {f"{kind}:{getattr(f, '__name__', repr(f))}" for f in scoped} - {f"{kind}:{n}" for n in reviewed}
    return unknown


def init_app(app: Flask) -> None:
    """Put the shortcut in front of the app unless ``OGC_ITEMS_SHORTCUT`` is false or a request
    hook it would skip has not been reviewed."""
    if not app.config.get("OGC_ITEMS_SHORTCUT", True):
        return
    unknown = unreviewed_hooks(app)
    if unknown:
        log.warning("OGC items shortcut left out: review these request hooks in %s: %s", __file__, sorted(unknown))
        return
    app.wsgi_app = ItemsShortcut(app, app.wsgi_app)
