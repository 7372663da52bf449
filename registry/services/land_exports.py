"""Use case: export the parcels of any freed-land query as GeoJSON, GeoPackage, zipped Shapefile
(.prj, .cpg = UTF-8), CSV (UTF-8 with BOM, WKT) or XLSX (headers in the user's language). The
parcel list's download (``services.parcel_list``) is written by the same writers (``write_parcels``).

Geometries are written from the stored WKB at full double precision, so they read back exactly.
GIS formats use short ASCII field names (Shapefile allows 10 characters); spreadsheets get
translated headers.
"""
from __future__ import annotations

import csv
import io
import json
import tempfile
import zipfile
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import Callable

import shapely
from shapely.geometry import mapping

from registry import clock
from registry.domain.errors import N_, Listed, UNKNOWN_VALUE, ValidationError
from registry.domain.freed_land import LandQuery, download_stem
from registry.domain.land import area_ha, area_mu
from registry.domain.permissions import Actor
from registry.domain.vocabulary import LAND_USE_CLASSES, PARCEL_STATUSES, ZONE_KINDS
from registry.repositories import freed_land as repo
from registry.services.district_filter import require_known_districts
from registry.services import export_log
from registry.services.freed_land import check_polygon
from registry.services.sheet_formats import DATE_FORMAT, unit_format
from registry.services.spreadsheet_cells import append_xlsx_row, csv_rows

FORMATS = {
    "geojson": ("application/geo+json", "geojson"),
    "gpkg": ("application/geopackage+sqlite3", "gpkg"),
    "shp": ("application/zip", "zip"),
    "csv": ("text/csv; charset=utf-8", "csv"),
    "xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx"),
}
MAX_EXPORT_PARCELS = 200_000
LAYER = "freed_land"
# (field, header msgid); field names fit a Shapefile's 10 characters. A code and its name have
# headers of their own (用地性质代码 / 用地性质), so a spreadsheet names each column once.
FIELDS = [
    ("code", N_("Parcel code")), ("area_m2", N_("Area (m²)")), ("area_mu", N_("Area (mu)")), ("area_ha", N_("Area (ha)")),
    ("land_use", N_("Land-use code")), ("use_label", N_("Land use")), ("status", N_("Status code")),
    ("stat_label", N_("Status")), ("district", N_("District code")), ("dist_name", N_("District")),
    ("zone_kind", N_("Zone-kind code")), ("zone_label", N_("Zone kind")), ("freed_on", N_("Freed on")), ("project", N_("Project reference")),
    # what the land was freed as (原用途: the land use it had then, which a redevelopment replaces)
    ("former_use", N_("Former-use code")), ("former_lbl", N_("Former use")),
    # where the land goes: its redevelopment's new use, the day it was planned and the day it was done
    ("new_use", N_("New-use code")), ("new_label", N_("New use")), ("planned_on", N_("Redevelopment planned on")),
    ("redev_on", N_("Redeveloped on")),
]
DATE_FIELDS = {"freed_on", "planned_on", "redev_on"}
# GeoPackage 1.2, not the 1.4 of the bundled GDAL: GDAL 3.6 (Debian 12, and QGIS built on it) warns
# at every open of a 1.4 file that it "may only be partially supported"; nothing here needs 1.3 or 1.4.
GPKG_OPTIONS = {"VERSION": "1.2"}
# How a spreadsheet shows a column (the CSV and the GIS formats keep every digit and ISO dates).
XLSX_FORMATS = {"area_m2": unit_format("m²"), "area_mu": unit_format("亩"), "area_ha": unit_format("ha"), "freed_on": DATE_FORMAT,
                "planned_on": DATE_FORMAT, "redev_on": DATE_FORMAT}


@dataclass(frozen=True)
class Layout:
    """What a file of parcels is called: its layer (the file's and a GIS layer's name), its sheet's
    title and its columns' headers."""

    layer: str
    title: str
    fields: tuple[tuple[str, str], ...]


FREED_LAND = Layout(LAYER, N_("Freed land"), tuple(FIELDS))


@dataclass(frozen=True)
class ExportFile:
    filename: str
    mimetype: str
    content: bytes


def _use_label(code: str | None, translate: Callable[[str], str]) -> str | None:
    """A land use's name (empty where there is none: a parcel in use, a plan not made)."""
    return translate(LAND_USE_CLASSES.get(code, code)) if code else None


def _records(rows, translate: Callable[[str], str]) -> tuple[list[dict], list]:
    records, geoms = [], []
    for (pid, code, area, use, status, district, district_name, zone_kind, freed_on, project,
         former_use, new_use, planned_on, redeveloped_on, wkb) in rows:
        records.append({
            "code": code, "area_m2": float(area), "area_mu": round(float(area_mu(area)), 4),
            "area_ha": round(float(area_ha(area)), 4), "land_use": use,
            "use_label": translate(LAND_USE_CLASSES.get(use, use)), "status": status,
            "stat_label": translate(PARCEL_STATUSES.get(status, status)), "district": district,
            "dist_name": district_name, "zone_kind": zone_kind,
            "zone_label": translate(ZONE_KINDS.get(zone_kind, zone_kind)),
            "freed_on": freed_on, "project": project, "former_use": former_use,
            "former_lbl": _use_label(former_use, translate), "new_use": new_use,
            "new_label": _use_label(new_use, translate),
            "planned_on": planned_on, "redev_on": redeveloped_on,
        })
        geoms.append(shapely.from_wkb(bytes(wkb)))
    return records, geoms


def _geojson(records: list[dict], geoms: list, layout: Layout) -> bytes:
    def properties(record: dict) -> dict:  # GeoJSON has no date: an ISO day, as the OGC API writes one
        return {k: v.isoformat() if isinstance(v, date) else v for k, v in record.items()}

    features = [{"type": "Feature", "properties": properties(r), "geometry": mapping(g)} for r, g in zip(records, geoms)]
    return json.dumps({"type": "FeatureCollection", "name": layout.layer, "features": features},
                      ensure_ascii=False).encode("utf-8")


def _arrow_table(records: list[dict], geoms: list, layout: Layout):
    """The records as an Arrow table typed for GIS: a day is an Arrow date, which GDAL writes as a
    Date field (a Python date in a data frame became a String field), areas are doubles."""
    import pyarrow as pa

    def arrow_type(name: str):
        return pa.date32() if name in DATE_FIELDS else pa.float64() if name.startswith("area_") else pa.string()

    columns = {name: pa.array([r[name] for r in records], type=arrow_type(name)) for name, _ in layout.fields}
    columns["geometry"] = pa.array([shapely.to_wkb(shapely.MultiPolygon([g]) if g.geom_type == "Polygon" else g)
                                    for g in geoms], type=pa.binary())
    return pa.table(columns)


def _ogr(records: list[dict], geoms: list, driver: str, layout: Layout) -> bytes:
    import pyogrio

    table = _arrow_table(records, geoms, layout)
    written = {"geometry_name": "geometry", "geometry_type": "MultiPolygon", "crs": "EPSG:4326", "encoding": "UTF-8"}
    with tempfile.TemporaryDirectory(prefix="registry-export-") as folder:
        if driver == "GPKG":
            path = Path(folder) / f"{layout.layer}.gpkg"
            pyogrio.write_arrow(table, path, layer=layout.layer, driver="GPKG", dataset_options=GPKG_OPTIONS, **written)
            return path.read_bytes()
        path = Path(folder) / f"{layout.layer}.shp"
        pyogrio.write_arrow(table, path, driver="ESRI Shapefile", **written)
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
            for member in sorted(Path(folder).iterdir()):
                archive.write(member, member.name)
        return buffer.getvalue()


def _table(records: list[dict], geoms: list, translate, layout: Layout) -> tuple[list[str], list[list]]:
    headers = [translate(msgid) for _, msgid in layout.fields] + [translate(N_("Geometry (WKT, EPSG:4326)"))]
    rows = [[r[f] for f, _ in layout.fields] + [shapely.to_wkt(g, rounding_precision=-1)] for r, g in zip(records, geoms)]
    return headers, rows


def _csv(records: list[dict], geoms: list, translate, layout: Layout) -> bytes:
    headers, rows = _table(records, geoms, translate, layout)
    text = io.StringIO()
    writer = csv.writer(text)
    writer.writerow(headers)
    writer.writerows(csv_rows(rows))  # codes and names are typed by users
    return text.getvalue().encode("utf-8-sig")  # the BOM makes Excel read UTF-8 Chinese correctly


def _xlsx(records: list[dict], geoms: list, translate, layout: Layout) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook(write_only=False)
    sheet = book.active
    sheet.title = translate(layout.title)[:31]
    headers, rows = _table(records, geoms, translate, layout)
    sheet.append(headers)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    column_of = {name: index for index, (name, _) in enumerate(layout.fields)}
    for row in rows:
        append_xlsx_row(sheet, row)
    for name, number_format in XLSX_FORMATS.items():
        for (cell,) in sheet.iter_rows(min_row=2, min_col=column_of[name] + 1, max_col=column_of[name] + 1):
            cell.number_format = number_format
    sheet.freeze_panes = "A2"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def check_format(fmt: str, formats=tuple(FORMATS)) -> None:
    if fmt not in formats:
        raise ValidationError.single("format", UNKNOWN_VALUE,
                                     value=str(fmt)[:20], allowed=Listed(tuple(formats)))


def check_count(count: int) -> None:
    if count > MAX_EXPORT_PARCELS:
        raise ValidationError.single("format", N_("%(count)s parcels are too many to export at once (at most "
                                                  "%(limit)s): narrow the query"), count=count, limit=MAX_EXPORT_PARCELS)


def write_parcels(rows, fmt: str, translate: Callable[[str], str], layout: Layout) -> ExportFile:
    """The file of ``rows`` (as ``freed_land.export_rows`` reads them) in ``fmt``."""
    records, geoms = _records(rows, translate)
    if fmt == "geojson":
        content = _geojson(records, geoms, layout)
    elif fmt in ("gpkg", "shp"):
        content = _ogr(records, geoms, "GPKG" if fmt == "gpkg" else "ESRI Shapefile", layout)
    elif fmt == "csv":
        content = _csv(records, geoms, translate, layout)
    else:
        content = _xlsx(records, geoms, translate, layout)
    mimetype, extension = FORMATS[fmt]
    return ExportFile(f"{layout.layer}.{extension}", mimetype, content)


def export_freed_land(session, actor: Actor, query: LandQuery, fmt: str,
                      translate: Callable[[str], str]) -> ExportFile:
    """Every parcel ``query`` selects (no paging), in ``fmt``; ValidationError above 200,000 parcels."""
    check_format(fmt)
    check_polygon(query)
    require_known_districts(session, query.district_codes)
    count, _area = repo.totals(session, query)
    check_count(count)
    # who asked, committed before the file is written (services.export_log)
    export_log.record_export(session, actor, export_log.Export(export_log.FREED_LAND, fmt, export_log.land_filters(query),
                                                               rows=count))
    written = write_parcels(repo.export_rows(session, query), fmt, translate, FREED_LAND)
    # named by what it holds (its districts, years: domain.freed_land.download_stem) and the day it
    # was taken, as every list's download (the layer inside keeps its GIS name, freed_land)
    return replace(written, filename=f"{download_stem('freed-land', query)}-{clock.today().isoformat()}"
                                     f".{FORMATS[fmt][1]}")
