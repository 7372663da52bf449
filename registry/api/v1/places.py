"""/api/v1/districts, /zones, /parcels: land as GeoJSON (EPSG:4326), and checking a geometry."""
from __future__ import annotations

from dataclasses import asdict


from registry.api.v1 import place_schemas as s
from registry.api.v1.core import Blueprint, problems
from registry.auth import current_actor
from registry.db import get_session
from registry.i18n import translate
from registry.services import geodata
from registry.services import parcels as parcel_checks

bp = Blueprint("api_places", __name__, url_prefix="/api/v1",
               description="Districts, zones and parcels as GeoJSON; geometry checks before registering")


def _feature(row, key: str) -> dict:
    properties = {k: v for k, v in asdict(row).items() if k != "geometry_geojson"}
    return {"type": "Feature", "id": properties[key], "geometry": row.geometry_geojson, "properties": properties}


def _collection(rows, key: str) -> dict:
    return {"type": "FeatureCollection", "features": [_feature(r, key) for r in rows]}


@bp.get("/districts")
@bp.response(200, s.DistrictCollection)
@problems(bp, 401, 429)
def districts():
    """The 16 districts of Shanghai (outlines simplified to ~1 m)."""
    return _collection(geodata.list_districts(get_session()), "code")


@bp.get("/districts/<code>")
@bp.response(200, s.DistrictFeature)
@problems(bp, 401, 404, 429)
def district(code: str):
    """One district by its GB/T 2260 code."""
    return _feature(geodata.get_district(get_session(), code), "code")


@bp.get("/zones")
@bp.arguments(s.ZoneQuery, location="query")
@bp.response(200, s.ZoneCollection)
@problems(bp, 401, 422, 429)
def zones(args):
    """104 blocks, 195/198 regions and development zones (illustrative in the demo data)."""
    return _collection(geodata.list_zones(get_session(), args.get("kind"), args.get("district")), "id")


@bp.get("/parcels/<int(max=9223372036854775807):parcel_id>")
@bp.response(200, s.ParcelFeature)
@problems(bp, 401, 404, 429)
def parcel(parcel_id: int):
    """One parcel: geometry, geodesic area, status, zones and lineage."""
    return _feature(geodata.get_parcel(get_session(), parcel_id), "id")


@bp.post("/parcels/check")
@bp.arguments(s.GeometryCheckBody, example=s.PARCEL_EXAMPLE)
@bp.response(200, s.GeometryCheckOut)
@problems(bp, 401, 403, 404, 422, 429)
def check(args):
    """Check a parcel geometry for your district before registering it: validity (with a repair
    offered), inside the district, plausible geodesic area (m², 亩, ha), overlaps with active parcels."""
    geometry = parcel_checks.parse_geometry(args["geometry"], "geometry")
    result = parcel_checks.check_geometry(get_session(), current_actor(), args["district_code"], geometry,
                                          gcj02=args["gcj02"])
    return result.to_dict(translate)
