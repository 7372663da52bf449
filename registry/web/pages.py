"""Pages that are not a resource of their own: the overview and the language switch."""
from __future__ import annotations

from flask import Blueprint, current_app, redirect, render_template, request, session, url_for
from flask_babel import get_locale, gettext

from geo.map_styles import DISTRICTS, ZONE_STYLES
from geo.maps import AreaFeature, Basemap, Layer, MapAssets, RenderedMap, layered_map
from registry.auth import current_actor
from registry.db import get_session
from registry.domain.vocabulary import ZONE_KINDS
from registry.i18n import LANG_PARAM, LANGUAGES, noted
from registry.services import overview as overview_service
from registry.web.assets import vendor_url
from registry.web.drawn_once import drawings, drawn_once
from registry.web.local_urls import local_or

bp = Blueprint("pages", __name__)


def map_assets() -> MapAssets:
    return MapAssets(leaflet_js=vendor_url("leaflet", "leaflet.js"), leaflet_css=vendor_url("leaflet", "leaflet.css"),
                     after_leaflet_js=(url_for("static", filename="js/leaflet-defaults.js"),))


def basemap() -> Basemap:
    return Basemap(current_app.config["BASEMAP"], current_app.config.get("TIANDITU_KEY", ""))


# two languages of the current version, and room for a basemap or an edit in between
DISTRICT_MAPS = drawings("registry.overview_map", 4)


def district_map() -> RenderedMap:
    """The districts and zones drawn, again only once one of them changed or for another language or
    basemap: drawing takes ~0.1 s of folium, which the page then spent on every visit, and reading the
    outlines another 20–30 ms (docs/performance.md, "The overview at city scale")."""
    locale, assets, base = str(get_locale()), map_assets(), basemap()
    version = overview_service.district_map_version(get_session())
    return drawn_once(DISTRICT_MAPS, (locale, assets, base, version), lambda: _draw(
        overview_service.district_map(get_session()), locale == "en", assets, base))


def _draw(data: overview_service.DistrictMap, english: bool, assets: MapAssets, base: Basemap) -> RenderedMap:
    districts = Layer.styled(gettext("Districts"), DISTRICTS, weight=1.5, fill_opacity=0.12, features=[
        AreaFeature(d.code, noted(d.name_en if english else d.name_zh, d.code), d.geometry_geojson)
        for d in data.districts
    ])
    zone_layers = []
    for kind, label in ZONE_KINDS.items():
        features = [
            AreaFeature(f"{kind}-{i}", z.name_en if english else z.name_zh, z.geometry_geojson)
            for i, z in enumerate(data.zones) if z.kind == kind
        ]
        if features:
            zone_layers.append(Layer.styled(gettext(label) + gettext(" (illustrative)"), ZONE_STYLES[kind], features))
    return layered_map([districts, *zone_layers], assets, base)


@bp.get("/")
def index():
    actor = current_actor()
    return render_template("pages/index.html", counts=overview_service.holdings(get_session()), fmap=district_map(),
                           todo=overview_service.todo(get_session(), actor), cards=overview_service.cards(get_session(), actor))


@bp.get("/lang/<code>")
def set_language(code: str):
    if code in LANGUAGES:
        session[LANG_PARAM] = code
    # Only local redirects: never bounce the user to another site.
    return redirect(local_or(request.args.get("next"), url_for("pages.index")))
