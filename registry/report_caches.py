"""The reports each worker process keeps until their data changes (``services.report_cache``),
made once by ``create_app``: the land-output report's (土地产出) parts, shared by its page, the
JSON API and their downloads."""
from __future__ import annotations

from flask import Flask, current_app

from registry.services.report_cache import DEFAULT_ENTRIES, ReportCache

LAND_OUTPUT_KEY = "registry.land_output_cache"


def init_app(app: Flask) -> None:
    entries = int(app.config.get("REPORT_CACHE_ENTRIES", DEFAULT_ENTRIES))
    app.extensions[LAND_OUTPUT_KEY] = ReportCache(entries)


def land_output_cache() -> ReportCache | None:
    """The app's land-output cache (None: an app made without one)."""
    return current_app.extensions.get(LAND_OUTPUT_KEY)
