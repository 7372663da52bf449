"""The JSON API, version 1: ``/api/v1/…``, documented at ``/api/v1/openapi.json`` and browsable at
``/api/v1/docs`` (Swagger UI served from node_modules, no CDN). See docs/api.md."""
from __future__ import annotations

from flask import Flask

API_TITLE = "Shanghai energy-saving and structural-adjustment registry API"
SECURITY_SCHEME = {"type": "http", "scheme": "bearer",
                   "description": "An API token: `registry tokens create --user NAME`, or the API tokens page"}


def init_app(app: Flask) -> None:
    """Register the API's blueprints with flask-smorest, bearer sign-in and the rate limit."""
    from registry.api.v1 import (documents, enterprises, monitoring, parcel_list, places, projects, quality, reference,
                                 savings, search, security)
    from registry.api.v1.core import RegistryApi

    app.config.update({
        "API_TITLE": API_TITLE,
        "API_VERSION": "1",
        "OPENAPI_VERSION": "3.0.3",
        "OPENAPI_URL_PREFIX": "/api/v1",
        "OPENAPI_JSON_PATH": "openapi.json",
        "OPENAPI_SWAGGER_UI_PATH": "docs",
        "OPENAPI_SWAGGER_UI_URL": "/vendor/swagger-ui-dist/",
        # validatorUrl null: Swagger UI would otherwise fetch a badge from an online validator.
        "OPENAPI_SWAGGER_UI_CONFIG": {"validatorUrl": None, "tryItOutEnabled": False},
        "API_SPEC_OPTIONS": {
            "info": {"description": "Projects, parcels and reference data of the registry. Errors are "
                                    "application/problem+json with localised titles (Accept-Language). "
                                    "See docs/api.md."},
            "servers": [{"url": "/"}],
            "security": [{"bearerAuth": []}],
            "components": {"securitySchemes": {"bearerAuth": SECURITY_SCHEME}},
        },
    })
    api = RegistryApi(app)
    for blueprint in (projects.bp, documents.bp, places.bp, parcel_list.bp, reference.bp, enterprises.bp, savings.bp,
                      search.bp, quality.bp, monitoring.bp):
        api.register_blueprint(blueprint)
    # Rate-limited: every blueprint under /api/ (register those before this call, see routes.py).
    security.init_app(app, [name for name, bp in app.blueprints.items() if (bp.url_prefix or "").startswith("/api/")])
    app.extensions["registry.api_v1"] = api
