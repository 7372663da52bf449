"""A file GDAL cannot read is described in the user's terms (what is wrong with the file), never
with GDAL's message, a server path or SQL; Chinese district files in GBK/GB18030 CSV are read."""
from __future__ import annotations

import json
import zipfile

import pytest
from sqlalchemy import text

from registry.domain.errors import ValidationError
from tests.integration.imports.conftest import run_import, squares, write_parcels

INTERNALS = ("/tmp", "registry-", "driver", "sqlite", "SELECT", "SHAPE_RESTORE_SHX", "GDAL")


def _refusal(session, path, **options) -> str:
    with pytest.raises(ValidationError) as caught:
        run_import(session, path, **options)
    message = caught.value.render()
    assert not [word for word in INTERNALS if word in message], message
    return message


def test_a_json_array_and_a_renamed_png_are_not_geojson_files_we_can_read(session, tmp_path):
    array = tmp_path / "array.geojson"
    array.write_text(json.dumps([{"type": "Feature", "properties": {}, "geometry": None}]), encoding="utf-8")
    png = tmp_path / "photo.geojson"
    png.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 2)
    for path in (array, png):
        assert _refusal(session, path) == (
            "file: is not a GeoJSON file the registry can read; formats accepted are Shapefile (.shp or .zip), "
            "GeoPackage (.gpkg), GeoJSON, FlatGeobuf (.fgb), KML, CSV with WKT")


def test_a_truncated_geopackage_is_said_to_be_damaged_or_truncated(session, tmp_path):
    path = write_parcels(tmp_path / "p.gpkg", squares(20))
    cut = tmp_path / "cut.gpkg"
    cut.write_bytes(path.read_bytes()[:5000])
    assert _refusal(session, cut) == "file: the GeoPackage is damaged or truncated"


@pytest.mark.parametrize("left_out", [".shx", ".dbf"])
def test_a_zipped_shapefile_without_its_index_or_attributes_names_the_missing_member(session, tmp_path, left_out):
    (tmp_path / "shp").mkdir()
    shp = write_parcels(tmp_path / "shp" / "p.shp", squares(2), driver="ESRI Shapefile")
    archive = tmp_path / "p.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        for member in shp.parent.iterdir():
            if member.suffix != left_out:
                zf.write(member, member.name)
    assert _refusal(session, archive) == (f"file: the Shapefile is missing its {left_out} member; "
                                          "put the .shp, .shx, .dbf and .prj files in the zip")


@pytest.mark.parametrize("encoding", ["GBK", "GB18030", "gb2312"])
def test_a_chinese_csv_in_gbk_or_gb18030_is_read_with_its_encoding(session, districts, tmp_path, encoding):
    box = squares(1)[0]
    csv = tmp_path / "地块.csv"
    csv.write_bytes(f'地块编号,用地性质,名称,wkt\n浦东-甲1,M1,张江地块,"{box.wkt}"\n'.encode(encoding))

    result = run_import(session, csv, encoding=encoding)

    assert result.inserted == 1 and result.columns["code"] == "地块编号"
    assert session.execute(text("SELECT code FROM parcels")).scalars().all() == ["浦东-甲1"]


def test_a_csv_that_is_not_in_the_encoding_given_says_so(session, tmp_path):
    csv = tmp_path / "p.csv"
    csv.write_bytes("code,land_use_class,wkt\n".encode() + b"\xff\xfe\xfd,M1,\"POLYGON((0 0,1 0,1 1,0 0))\"\n")
    assert _refusal(session, csv, encoding="GBK") == (
        "encoding: the file is not GBK text; give the encoding it was saved in")
    assert _refusal(session, csv, encoding="klingon") == "encoding: unknown text encoding “klingon”"


def test_a_row_whose_geometry_is_a_point_quotes_the_type_in_the_report(session, districts, tmp_path):
    # the type the file held was said bare (必须是面或多面，实际为 POINT), unlike every other refused value
    from registry.services.imports.report import report_rows

    csv = tmp_path / "p.csv"
    csv.write_text('code,land_use_class,wkt\nP-1,M1,"POINT(121.6 31.2)"\n', encoding="utf-8")
    result = run_import(session, csv)
    (row,) = report_rows(result.problems)
    assert row[3:5] == ("必须是面或多面，实际为“POINT”", "must be a polygon or multipolygon, got “POINT”")
