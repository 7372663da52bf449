"""Every blueprint of the app, in one list: add a line here when you add a blueprint."""
from __future__ import annotations

from flask import Flask


def register_blueprints(app: Flask) -> None:
    from registry.api import health, savings
    from registry.web import assets, auth, pages

    for blueprint in (
        pages.bp,
        assets.bp,
        auth.bp,
        health.bp,
        savings.bp,
    ):
        app.register_blueprint(blueprint)
