"""Reads for the GeoPackage export: every layer streamed in chunks (server-side cursor), geometry
as WKB straight from PostGIS so coordinates round-trip bit for bit."""
from __future__ import annotations

from typing import Iterator

from sqlalchemy import text
from sqlalchemy.orm import Session

CHUNK_ROWS = 50_000

LAYERS: dict[str, str] = {
    "districts": """
        SELECT code, name_zh, name_en, area_m2::float8 AS area_m2, ST_AsBinary(geom) AS wkb
        FROM districts WHERE (CAST(:district AS text) IS NULL OR code = :district) ORDER BY code""",
    "zones": """
        SELECT kind, name_zh, name_en, district_code, area_m2::float8 AS area_m2, is_illustrative,
               ST_AsBinary(geom) AS wkb
        FROM zones WHERE (CAST(:district AS text) IS NULL OR district_code = :district) ORDER BY id""",
    "parcels": """
        SELECT code, land_use_class, status, district_code, area_m2::float8 AS area_m2,
               valid_from, valid_to,
               freed_on, former_use,  -- a parcel in use has neither (migrations 0047, 0046)
               is_illustrative, ST_AsBinary(geom) AS wkb
        FROM parcels WHERE (CAST(:district AS text) IS NULL OR district_code = :district) ORDER BY id""",
    "enterprises": """
        SELECT credit_code, name, industry_code, district_code, address, is_illustrative
        FROM enterprises WHERE (CAST(:district AS text) IS NULL OR district_code = :district) ORDER BY id""",
    "projects": """
        SELECT pr.reference, pr.kind, pr.year, pr.status, pr.title, e.credit_code AS enterprise_credit_code,
               e.name AS enterprise_name, pr.district_code, pr.structural_mode,
               pr.savings_tce::float8 AS savings_tce, pr.savings_tce_equal_value::float8 AS savings_tce_equal_value,
               pr.savings_kwh::float8 AS savings_kwh, pr.installed_kw::float8 AS installed_kw,
               pr.investment_wan_yuan::float8 AS investment_wan_yuan,
               pr.output_value_wan_yuan::float8 AS output_value_wan_yuan, pr.freed_land_m2::float8 AS freed_land_m2,
               pr.completed_on,
               (SELECT string_agg(p.code, ',' ORDER BY p.code) FROM project_parcels pp
                JOIN parcels p ON p.id = pp.parcel_id WHERE pp.project_id = pr.id) AS parcel_codes,
               pr.inputs::text AS inputs_json, pr.is_illustrative
        FROM projects pr JOIN enterprises e ON e.id = pr.enterprise_id
        WHERE (CAST(:district AS text) IS NULL OR pr.district_code = :district) ORDER BY pr.reference""",
}


def layer_chunks(session: Session, layer: str, district_code: str | None) -> Iterator[tuple[list[str], list[tuple]]]:
    """(column names, rows) chunk by chunk."""
    result = session.execute(text(LAYERS[layer]).execution_options(stream_results=True, yield_per=CHUNK_ROWS),
                             {"district": district_code})
    try:
        names = list(result.keys())
        empty = True
        for chunk in result.partitions(CHUNK_ROWS):
            empty = False
            yield names, [tuple(row) for row in chunk]
        if empty:  # the layer still gets written, with its columns
            yield names, []
    finally:
        result.close()
