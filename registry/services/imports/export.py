"""Export the registry (or one district) as one GeoPackage: districts, zones and parcels as
layers in EPSG:4326, enterprises and projects as attribute tables (the project sheet).

Streamed layer by layer in chunks, so a million parcels never sit in memory at once. The
parcels layer is what ``registry import parcels`` reads back (same column names), a freed parcel's
freed date and former use (原用途) included.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from geo.geometry import SRID_STORAGE
from registry.domain.errors import N_, ValidationError
from registry.domain.permissions import ADMIN, CITY_REVIEWER, DISTRICT_STAFF, PLANNER, Actor, require_own_district, require_role
from registry.repositories import exports as repository
from registry.services import export_log
from registry.services.land_exports import GPKG_OPTIONS

SPATIAL = {"districts": "MultiPolygon", "zones": "MultiPolygon", "parcels": "MultiPolygon"}
DATES = {"valid_from", "valid_to", "freed_on", "completed_on"}  # Date fields in QGIS (they were text)


@dataclass(frozen=True)
class ExportReport:
    path: str
    district_code: str | None
    counts: dict[str, int]


def export_registry(session, actor: Actor, path: Path, district_code: str | None = None) -> ExportReport:
    """Write ``path`` (.gpkg, replaced if it exists); district staff export their district only."""
    require_role(actor, ADMIN, CITY_REVIEWER, PLANNER, DISTRICT_STAFF)
    if actor.role == DISTRICT_STAFF:
        district_code = district_code or actor.district_code
        require_own_district(actor, district_code)
    path = Path(path)
    if path.suffix.lower() != ".gpkg":
        raise ValidationError.single("file", N_("must end in .gpkg (a GeoPackage)"))
    if path.exists():
        path.unlink()
    # who asked, committed before the layers stream out (services.export_log; counts come as written)
    export_log.record_export(session, actor, export_log.Export(export_log.REGISTRY, "gpkg",
                                                               {"district_code": district_code}))
    counts = {layer: _write_layer(session, path, layer, district_code) for layer in repository.LAYERS}
    return ExportReport(str(path), district_code, counts)


def _write_layer(session, path: Path, layer: str, district_code: str | None) -> int:
    import pyarrow as pa
    import pyogrio

    written, first = 0, True
    for names, rows in repository.layer_chunks(session, layer, district_code):
        columns = list(zip(*rows)) if rows else [[] for _ in names]
        table = pa.table({name: pa.array(list(values), type=_arrow_type(name, values))
                          for name, values in zip(names, columns)})
        spatial = layer in SPATIAL
        if spatial:
            table = table.rename_columns([("geometry" if n == "wkb" else n) for n in names])
        pyogrio.write_arrow(
            table, path, layer=layer, driver="GPKG",
            geometry_name="geometry" if spatial else None,
            geometry_type=SPATIAL.get(layer), crs=f"EPSG:{SRID_STORAGE}" if spatial else None,
            encoding="UTF-8", append=not first, dataset_options=None if not first else GPKG_OPTIONS)
        written += len(rows)
        first = False
    return written


def _arrow_type(name: str, values):
    import pyarrow as pa

    if name == "wkb":
        return pa.binary()
    if name in DATES:
        return pa.date32()
    if name in ("year",):
        return pa.int32()
    if name.startswith("is_"):
        return pa.bool_()
    sample = next((v for v in values if v is not None), None)
    if isinstance(sample, float) or name.endswith(("_m2", "_tce", "_kwh", "_kw", "_yuan", "equal_value")):
        return pa.float64()
    return pa.string()
