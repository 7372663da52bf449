"""Pages that are not a resource of their own: the overview and the language switch."""
from __future__ import annotations

from urllib.parse import urlparse

from flask import Blueprint, current_app, redirect, render_template, request, session, url_for
from flask_babel import get_locale, gettext

from geo.maps import AreaFeature, Basemap, MapAssets, district_map
from registry.db import get_session
from registry.i18n import LANG_PARAM, LANGUAGES
from registry.services import overview as overview_service
from registry.web.assets import vendor_url

bp = Blueprint("pages", __name__)


def map_assets() -> MapAssets:
    return MapAssets(leaflet_js=vendor_url("leaflet", "leaflet.js"), leaflet_css=vendor_url("leaflet", "leaflet.css"))


def basemap() -> Basemap:
    return Basemap(current_app.config["BASEMAP"], current_app.config.get("TIANDITU_KEY", ""))


@bp.get("/")
def index():
    data = overview_service.overview(get_session())
    english = str(get_locale()) == "en"
    features = [
        AreaFeature(d.code, f"{d.name_en if english else d.name_zh} ({d.code})", d.geometry_geojson)
        for d in data.districts
    ]
    rendered = district_map(features, map_assets(), basemap(), layer_name=gettext("Districts"))
    return render_template("pages/index.html", counts=data.counts, fmap=rendered)


@bp.get("/lang/<code>")
def set_language(code: str):
    if code in LANGUAGES:
        session[LANG_PARAM] = code
    target = request.args.get("next") or url_for("pages.index")
    # Only local redirects: never bounce the user to another site.
    if urlparse(target).netloc or not target.startswith("/"):
        target = url_for("pages.index")
    return redirect(target)
