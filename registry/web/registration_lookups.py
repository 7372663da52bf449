"""The registration wizard's helpers in the browser's own calls (JSON, not pages): a drawn polygon
checked, an uploaded parcel file read, an enterprise found by its credit code, the parcels in the map's
view. Routes of the wizard's blueprint (``registration``), added by ``add_routes``."""
from __future__ import annotations

import json

from flask import Blueprint, jsonify, request

from registry.auth import current_actor
from registry.db import get_session
from registry.domain.errors import N_, NotFound, ValidationError
from registry.i18n import translate
from registry.repositories import parcels as parcel_repository
from registry.request_bodies import UploadBound, json_body, takes_upload
from registry.services import enterprises, parcel_files
from registry.services import parcels as parcel_checks
from registry.services.projects.parsing import MAX_PARCEL_ID


def add_routes(bp: Blueprint) -> None:
    """The helpers as ``bp``'s routes (endpoints ``registration.parcel_check`` …)."""
    bp.post("/parcel-check")(parcel_check)
    bp.post("/parcel-upload")(parcel_upload)
    bp.get("/enterprise")(enterprise_lookup)
    bp.get("/parcels.geojson")(parcels_in_view)


def parcel_check():
    """Server-side check of one drawn polygon: validity (with a repair offer), district, overlaps, area."""
    body = json_body()  # checked in registry.request_bodies
    if not isinstance(body, dict):
        raise ValidationError.single("body", N_("must be a JSON object (Content-Type: application/json)"))
    gcj02 = body.get("gcj02", False)
    if not isinstance(gcj02, bool):
        raise ValidationError.single("gcj02", N_("must be true or false"))
    geometry = parcel_checks.parse_geometry(body.get("geometry"))
    result = parcel_checks.check_geometry(get_session(), current_actor(), str(body.get("district_code") or ""),
                                          geometry, gcj02=gcj02,
                                          exclude_parcel_ids=_parcel_ids(body.get("exclude_ids")))
    return jsonify(result.to_dict(translate))


def _parcel_ids(value) -> list[int]:
    ids = [] if value is None else value
    if not isinstance(ids, list) or not all(isinstance(i, int) and not isinstance(i, bool) for i in ids):
        raise ValidationError.single("exclude_ids", N_("must be a list of parcel ids"))
    return [i for i in ids if 1 <= i <= MAX_PARCEL_ID]


@takes_upload(UploadBound(lambda: parcel_files.MAX_UPLOAD_BYTES,
                          N_("A parcel file may be at most %(mb)s MB: this upload is larger.")))
def parcel_upload():
    """Read uploaded polygons (GeoJSON, KML, zipped Shapefile, GeoPackage) into WGS84 GeoJSON."""
    upload = request.files.get("file")
    if upload is None or not upload.filename:
        raise ValidationError.single("file", N_("is required"))
    collection = parcel_files.read_upload(upload.stream, upload.filename, crs=request.form.get("crs") or None,
                                          gcj02=request.form.get("gcj02") == "1")
    return jsonify(collection)


def enterprise_lookup():
    try:
        found = enterprises.find_by_credit_code(get_session(), request.args.get("code", ""))
    except NotFound:
        return jsonify({"found": False})
    return jsonify({"found": True} | vars(found))


def parcels_in_view():
    """Active parcels in the map view (for clicking to select); at most a few thousand."""
    try:
        west, south, east, north = (float(v) for v in request.args.get("bbox", "").split(","))
    except ValueError:
        raise ValidationError.single("bbox", N_("must be west,south,east,north in degrees"))
    rows = parcel_repository.active_parcels_in_bbox(get_session(), west, south, east, north, limit=3000)
    return jsonify({"type": "FeatureCollection", "features": [
        {"type": "Feature", "id": r.id, "properties": {"id": r.id, "code": r.code, "district_code": r.district_code,
                                                        "status": r.status, "area_m2": r.area_m2},
         "geometry": json.loads(r.geometry_geojson)} for r in rows]})
