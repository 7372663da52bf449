"""Shanghai energy-saving and structural-adjustment registry."""
from __future__ import annotations

from typing import Any, Mapping

from flask import Flask


def create_app(config: Mapping[str, Any] | None = None) -> Flask:
    """Build the Flask app. ``config`` overrides settings read from the environment."""
    from registry import (
        auth, db, errors_web, i18n, json_provider, request_bodies, routes, security_headers,
    )
    from registry.config import PROJECT_ROOT, settings_from_env

    app = Flask(
        __name__,
        template_folder=str(PROJECT_ROOT / "templates"),
        static_folder=str(PROJECT_ROOT / "registry" / "static"),
    )
    overrides = dict(config or {})
    if "DATABASE_URL" in overrides or "DB_BIND" in overrides:
        # Don't touch the local cluster when the caller says which database to use.
        overrides.setdefault("DATABASE_URL", None)
        app.config.update({k: v for k, v in settings_from_env(need_database=False).items()})
    else:
        app.config.update(settings_from_env())
    app.config.update(overrides)

    json_provider.init_app(app)
    db.init_app(app)
    i18n.init_app(app)
    request_bodies.init_upload_bounds(app)  # first: the NUL check and sign-in's CSRF check read a form's body
    errors_web.init_app(app)
    auth.init_app(app)
    request_bodies.init_app(app)  # after sign-in: a stranger gets 401, not a verdict on the body
    security_headers.init_app(app)

    routes.register_blueprints(app)
    from registry.api.ogc import shortcut
    shortcut.init_app(app)  # after the routes: it asks Flask's URL map which requests are its own
    if app.config.get("PROXY_HOPS"):  # outermost, so the shortcut and Flask see the client's address
        from werkzeug.middleware.proxy_fix import ProxyFix

        hops = int(app.config["PROXY_HOPS"])
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops, x_host=hops)
    return app
