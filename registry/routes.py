"""Every blueprint of the app, in one list: add a line here when you add a blueprint."""
from __future__ import annotations

from flask import Flask


def register_blueprints(app: Flask) -> None:
    from registry.api import health
    from registry.web import assets, auth, display, enterprises, history_display, pages, projects, registration

    from registry.api import rollups as api_rollups
    from registry.web import rollups, targets
    from registry.api import land as api_land, tiles as api_tiles
    from registry.api.ogc import routes as ogc
    from registry.web import land, land_output, land_previews, parcel_list

    for blueprint in (
        pages.bp,
        assets.bp,
        display.bp, history_display.bp,
        auth.bp,
        health.bp,
        rollups.bp, targets.bp, api_rollups.bp,
        projects.bp,
        registration.bp,
        enterprises.bp,
        land.bp, land_output.bp, land_previews.bp, parcel_list.bp, api_land.bp, api_tiles.bp, ogc.bp,
    ):
        app.register_blueprint(blueprint)

    from registry.api import v1  # the JSON API (issue 8): flask-smorest registers its own blueprints
    v1.init_app(app)
    from registry.web import tokens; app.register_blueprint(tokens.bp)  # API tokens page (issue 8)
    from registry.web import imports; app.register_blueprint(imports.bp)  # bulk import pages (issue 7)
    from registry.web import account, users
    app.register_blueprint(account.bp)  # my account: own password
    app.register_blueprint(users.bp)  # user administration (administrators)
    from registry.web import audit; app.register_blueprint(audit.bp)  # the audit trail (administrators, reviewers)
    from registry.web import documents; app.register_blueprint(documents.bp)  # a project's supporting documents
    from registry.web import reference; app.register_blueprint(reference.bp)  # factors and equal values
    from registry.web import search; app.register_blueprint(search.bp)  # the search box's page (查找)
    from registry.web import help; app.register_blueprint(help.bp)  # the help centre (帮助), readable signed out
    from registry.web import quality; app.register_blueprint(quality.bp)  # the data-quality checks (数据质量检查)
    from registry.web import monitoring; app.register_blueprint(monitoring.bp)  # online energy monitoring (在线监测)
