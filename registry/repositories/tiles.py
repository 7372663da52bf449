"""SQL of the vector tiles: ``ST_AsMVT`` over rows filtered in the storage SRID.

The tile envelope is built in Web Mercator (``ST_TileEnvelope``, with the render buffer as its
margin) and transformed once to EPSG:4326 — a Mercator rectangle is a lon/lat rectangle — so
``geom && envelope`` uses the GiST index on the stored geometry; only the matching rows are
transformed to 3857 for ``ST_AsMVTGeom``. Below ``DETAIL_MIN_ZOOM`` single parcels are not
legible: parcels come aggregated on a grid, and city-wide per district.
"""
from __future__ import annotations

from dataclasses import dataclass
from types import MappingProxyType
from typing import Mapping

from sqlalchemy import text
from sqlalchemy.orm import Session

from geo.geometry import SRID_STORAGE, SRID_WEB_MERCATOR
from registry.repositories.features import READABLE_PROJECT_STATUSES

EXTENT = 4096
BUFFER = 64
DETAIL_MIN_ZOOM = 13  # from here on parcels are drawn one by one
GRID_MIN_ZOOM = 10  # from here to DETAIL_MIN_ZOOM - 1: parcels counted on a grid; below: per district
GRID_CELLS = 32  # cells per tile side in the grid aggregation (128 px at 4096)

_BOUNDS = f"""
    WITH b AS (SELECT ST_TileEnvelope(:z, :x, :y) AS merc,
                      ST_Transform(ST_TileEnvelope(:z, :x, :y, margin => {BUFFER / EXTENT}), {SRID_STORAGE}) AS geo)
"""


def _mvt_geom(geom: str) -> str:
    return f"ST_AsMVTGeom(ST_Transform({geom}, {SRID_WEB_MERCATOR}), b.merc, {EXTENT}, {BUFFER}, true)"


_DETAIL = {
    "parcels": f"""
        SELECT t.id, t.code, t.status, t.land_use_class, t.district_code, round(t.area_m2)::bigint AS area_m2,
               {_mvt_geom('t.geom')} AS geom
        FROM parcels t, b WHERE t.geom && b.geo AND t.valid_to IS NULL""",
    "freed": f"""
        SELECT t.id, t.code, t.status, t.land_use_class, t.district_code, round(t.area_m2)::bigint AS area_m2,
               t.freed_on::text AS freed_on, t.former_use, {_mvt_geom('t.geom')} AS geom
        FROM parcels t, b WHERE t.geom && b.geo AND t.valid_to IS NULL AND t.status <> 'in_use'""",
    "projects": f"""
        SELECT pr.id AS project_id, pr.reference, pr.kind, pr.status, pr.year, pr.district_code,
               {_mvt_geom('t.geom')} AS geom
        FROM parcels t JOIN project_parcels pp ON pp.parcel_id = t.id JOIN projects pr ON pr.id = pp.project_id, b
        WHERE t.geom && b.geo AND (CAST(:scope AS text) IS NULL
             OR pr.status IN ({", ".join(f"'{s}'" for s in READABLE_PROJECT_STATUSES)}) OR pr.district_code = :scope)""",
    "zones": f"""
        SELECT t.id, t.kind, t.name_zh, t.name_en, t.district_code, {_mvt_geom('t.geom')} AS geom
        FROM zones t, b WHERE t.geom && b.geo""",
    "districts": f"""
        SELECT t.code, t.name_zh, t.name_en, {_mvt_geom('t.geom')} AS geom
        FROM districts t, b WHERE t.geom && b.geo""",
}
_FEATURE_ID = {"parcels": "id", "freed": "id", "zones": "id"}

# Parcel counts per grid cell: the cell of a parcel is that of its bounding-box centre.
_GRID = f"""
    , cells AS (
        SELECT floor((ST_X(c) - ST_XMin(b.merc)) / :cell) AS i, floor((ST_Y(c) - ST_YMin(b.merc)) / :cell) AS j,
               t.area_m2, t.status
        FROM b, parcels t
        CROSS JOIN LATERAL ST_Transform(ST_SetSRID(ST_MakePoint((ST_XMin(t.geom) + ST_XMax(t.geom)) / 2,
                   (ST_YMin(t.geom) + ST_YMax(t.geom)) / 2), {SRID_STORAGE}), {SRID_WEB_MERCATOR}) AS c
        WHERE t.geom && b.geo AND t.valid_to IS NULL {{status}})
    SELECT ST_AsMVT(q, :layer, {EXTENT}, 'geom') FROM (
        SELECT count(*) AS parcels, round(sum(area_m2))::bigint AS area_m2,
               count(*) FILTER (WHERE status <> 'in_use') AS freed,
               ST_AsMVTGeom(ST_MakePoint(ST_XMin(b.merc) + (i + 0.5) * :cell, ST_YMin(b.merc) + (j + 0.5) * :cell),
                            b.merc, {EXTENT}, {BUFFER}, true) AS geom
        FROM cells, b WHERE i >= 0 AND j >= 0 AND i < {GRID_CELLS} AND j < {GRID_CELLS} GROUP BY i, j, b.merc) q
"""

# Per district: the district's outline with its parcel count and area (freed shown apart).
_BY_DISTRICT = f"""
    , sums AS (SELECT district_code, count(*) AS parcels, round(sum(area_m2))::bigint AS area_m2,
                      count(*) FILTER (WHERE status <> 'in_use') AS freed,
                      round(coalesce(sum(area_m2) FILTER (WHERE status <> 'in_use'), 0))::bigint AS freed_m2
               FROM parcels WHERE valid_to IS NULL {{status}} GROUP BY district_code)
    SELECT ST_AsMVT(q, :layer, {EXTENT}, 'geom') FROM (
        SELECT d.code, d.name_zh, d.name_en, s.parcels, s.area_m2, s.freed, s.freed_m2,
               {_mvt_geom('d.geom')} AS geom
        FROM districts d JOIN sums s ON s.district_code = d.code, b WHERE d.geom && b.geo) q
"""


@dataclass(frozen=True)
class SourceLayer:
    """A layer inside the tiles of a map layer (its ``ST_AsMVT`` name), the zooms it is in and the
    attributes its features carry: TileJSON's ``vector_layers`` (``fields``: name → String | Number)."""

    id: str
    minzoom: int
    maxzoom: int
    fields: Mapping[str, str]


def _fields(strings: str = "", numbers: str = "") -> Mapping[str, str]:
    return MappingProxyType({**{n: "String" for n in strings.split()}, **{n: "Number" for n in numbers.split()}})


# The attributes each statement above writes (the feature id of _FEATURE_ID is the tile's id, no attribute);
# tests/web/test_tile_documents.py decodes tiles and holds the two equal.
_PARCEL_FIELDS = _fields("code status land_use_class district_code", "area_m2")
_DETAIL_FIELDS = {
    "parcels": _PARCEL_FIELDS,
    "freed": MappingProxyType({**_PARCEL_FIELDS, "freed_on": "String", "former_use": "String"}),  # 原用途 (0046)
    "projects": _fields("reference kind status district_code", "project_id year"),
    "zones": _fields("kind name_zh name_en district_code"),
    "districts": _fields("code name_zh name_en"),
}
_GRID_FIELDS = _fields(numbers="parcels area_m2 freed")
_BY_DISTRICT_FIELDS = _fields("code name_zh name_en", "parcels area_m2 freed freed_m2")


def source_layers(layer: str, max_zoom: int) -> tuple[SourceLayer, ...]:
    """The layers in ``layer``'s tiles from zoom 0 to ``max_zoom``, the most general first."""
    if layer not in ("parcels", "freed"):
        return (SourceLayer(layer, 0, max_zoom, _DETAIL_FIELDS[layer]),)
    return (SourceLayer(f"{layer}_district", 0, GRID_MIN_ZOOM - 1, _BY_DISTRICT_FIELDS),
            SourceLayer(f"{layer}_grid", GRID_MIN_ZOOM, DETAIL_MIN_ZOOM - 1, _GRID_FIELDS),
            SourceLayer(layer, DETAIL_MIN_ZOOM, max_zoom, _DETAIL_FIELDS[layer]))


def aggregation(layer: str, z: int) -> str | None:
    """'grid' or 'district' when ``layer`` is served aggregated at zoom ``z``, else None."""
    if layer not in ("parcels", "freed") or z >= DETAIL_MIN_ZOOM:
        return None
    return "grid" if z >= GRID_MIN_ZOOM else "district"


def layer_name(layer: str, z: int) -> str:
    kind = aggregation(layer, z)
    return f"{layer}_{kind}" if kind else layer


def render(session: Session, layer: str, z: int, x: int, y: int, scope: str | None) -> bytes:
    """The MVT tile of ``layer`` at z/x/y (``scope``: district staff's own district, for projects)."""
    params = {"z": z, "x": x, "y": y, "layer": layer_name(layer, z)}
    kind = aggregation(layer, z)
    status = "AND t.status <> 'in_use'" if layer == "freed" else ""
    if kind == "grid":
        sql = _BOUNDS + _GRID.format(status=status)
        params["cell"] = 40075016.68557849 / (2 ** z) / GRID_CELLS
    elif kind == "district":
        sql = _BOUNDS + _BY_DISTRICT.format(status=status.replace("t.", ""))
    else:
        feature_id = _FEATURE_ID.get(layer)
        id_arg = f", '{feature_id}'" if feature_id else ""
        sql = _BOUNDS + f"SELECT ST_AsMVT(q, :layer, {EXTENT}, 'geom'{id_arg}) FROM ({_DETAIL[layer]}) q"
        if layer == "projects":
            params["scope"] = scope
    return bytes(session.execute(text(sql), params).scalar_one() or b"")


def source(layer: str) -> str:
    """The map layer whose version and change log a tile layer follows (freed land is parcels)."""
    return "parcels" if layer == "freed" else layer


# Unchanged only if ``since`` is in the log (a committed state, and the log, which keeps the last
# changes only, reaches back to it) and no later change touches the tile's envelope with its
# render buffer (a NULL box: anywhere).
_CHANGED_SINCE = _BOUNDS + """
    SELECT NOT EXISTS (SELECT 1 FROM layer_changes WHERE layer = :l AND version = :since)
        OR EXISTS (SELECT 1 FROM layer_changes c, b
                   WHERE c.layer = :l AND c.version > :since AND (c.box IS NULL OR c.box && b.geo))
"""


def changed_since(session: Session, layer: str, since: int, z: int, x: int, y: int) -> bool:
    """Whether a write after version ``since`` of ``layer`` may have changed tile z/x/y."""
    return session.execute(text(_CHANGED_SINCE), {"l": source(layer), "since": since,
                                                  "z": z, "x": x, "y": y}).scalar_one()
