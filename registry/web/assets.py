"""Front-end packages installed by npm (scripts/setup), served by the app: no CDN anywhere."""
from __future__ import annotations

from flask import Blueprint, abort, send_from_directory

from registry.config import PROJECT_ROOT

bp = Blueprint("assets", __name__)

# package → the folder of it that pages may load; nothing else under node_modules is served.
VENDOR_DIRS = {
    "leaflet": PROJECT_ROOT / "node_modules" / "leaflet" / "dist",
    "leaflet-geoman": PROJECT_ROOT / "node_modules" / "@geoman-io" / "leaflet-geoman-free" / "dist",
    "leaflet.vectorgrid": PROJECT_ROOT / "node_modules" / "leaflet.vectorgrid" / "dist",
    "flatpickr": PROJECT_ROOT / "node_modules" / "flatpickr" / "dist",  # date fields (static/js/dates.js)
    "swagger-ui-dist": PROJECT_ROOT / "node_modules" / "swagger-ui-dist",  # /api/v1/docs
}
ONE_WEEK_S = 7 * 24 * 3600


@bp.get("/vendor/<package>/<path:filename>")
def vendor(package: str, filename: str):
    folder = VENDOR_DIRS.get(package)
    if folder is None:
        abort(404)
    # send_from_directory refuses paths that escape the folder.
    return send_from_directory(folder, filename, max_age=ONE_WEEK_S)


def vendor_url(package: str, filename: str) -> str:
    from flask import url_for

    return url_for("assets.vendor", package=package, filename=filename)
