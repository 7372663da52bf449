"""A site's surroundings (services/surroundings.py) as the pages draw them: the zones it lies in,
outlined in their kind's colour and named, and the parcels nearby, quieter than the site, each named in
its tooltip and a link to its page — on the parcel page's own map (static/js/parcel-map.js) and as
folium layers on a project page's map — and listed under the map for the keyboard."""
from __future__ import annotations

import json
from dataclasses import dataclass

from flask import url_for
from flask_babel import gettext

from geo.map_styles import NEARBY, ZONE_STYLES, GREY
from geo.maps import AreaFeature, Layer
from registry.domain.vocabulary import LAND_USE_CLASSES, PARCEL_STATUSES, ZONE_KINDS
from registry.i18n import labelled, reads_english
from registry.services.surroundings import NearParcel, ParcelZoneOutline, Surroundings


@dataclass(frozen=True)
class NearbyLink:
    """A parcel nearby as the list under the map shows it."""

    code: str
    url: str
    label: str


def zone_label(zone: ParcelZoneOutline) -> str:
    """The zone's name in the reader's language, after its kind unless the name already says it (the
    demo's 104产业区块 · 浦东-01), and marked illustrative as the overview's zones are."""
    name = zone.name_en if reads_english() else zone.name_zh
    kind = gettext(ZONE_KINDS.get(zone.kind, zone.kind))
    says_kind = kind.replace(" ", "") in name.replace(" ", "")  # 198区域 in 198 区域 · 浦东-08
    text = name if says_kind else labelled(kind, name)
    return text + gettext(" (illustrative)") if zone.is_illustrative else text


def nearby_label(parcel: NearParcel) -> str:
    """Its code, status and land use: what a planner looks a neighbour up for (no project: see
    services/surroundings.py)."""
    use = gettext(LAND_USE_CLASSES[parcel.land_use_class]) if parcel.land_use_class in LAND_USE_CLASSES \
        else parcel.land_use_class
    return " · ".join((parcel.code, gettext(PARCEL_STATUSES.get(parcel.status, parcel.status)), use))


def nearby_links(surroundings: Surroundings) -> list[NearbyLink]:
    return [NearbyLink(n.code, url_for("land.parcel", parcel_id=n.id), nearby_label(n)) for n in surroundings.nearby]


def nearby_heading(surroundings: Surroundings) -> str:
    """The list's summary: how far it looks and, where the cap cut it, that these are the nearest."""
    if surroundings.capped:
        return gettext("The %(count)s nearest parcels within %(radius)s m", count=len(surroundings.nearby),
                       radius=surroundings.radius_m)
    return gettext("Parcels within %(radius)s m (%(count)s)", count=len(surroundings.nearby),
                   radius=surroundings.radius_m)


def parcel_map_context(surroundings: Surroundings) -> dict:
    """The zones and the parcels nearby for the parcel page's script, with their styles."""
    return {
        "zones": [{"label": zone_label(z), "style": ZONE_STYLES.get(z.kind, GREY).as_json(),
                   "geometry": json.loads(z.geometry_geojson)} for z in surroundings.zones],
        "nearby": [{"code": link.code, "url": link.url, "label": link.label,
                    "geometry": json.loads(n.geometry_geojson)}
                   for n, link in zip(surroundings.nearby, nearby_links(surroundings))],
        "nearbyStyle": NEARBY.as_json(),
    }


def context_layers(surroundings: Surroundings) -> list[Layer]:
    """The zones (one layer per zone, named in the layer list, which is the map's legend) and the
    parcels nearby (one layer, each feature a link to its page), for a folium map under its site."""
    zones = [Layer.styled(zone_label(z), ZONE_STYLES.get(z.kind, GREY),
                          [AreaFeature(f"zone-{z.id}", zone_label(z), z.geometry_geojson)],
                          weight=1.5, fill_opacity=0.06, dash="6 4") for z in surroundings.zones]
    nearby = Layer.styled(gettext("Parcels nearby"), NEARBY, [
        AreaFeature(str(link.code), link.label, n.geometry_geojson, href=link.url)
        for n, link in zip(surroundings.nearby, nearby_links(surroundings))], weight=1, fill_opacity=0.12)
    return [*zones, nearby]
