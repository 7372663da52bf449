"""Bounded, safe reading: crafted zips, bombs, truncated and malformed files are clear errors."""
from __future__ import annotations

import zipfile

import pytest

from registry.domain.errors import ValidationError
from registry.services.imports import sources
from tests.integration.imports.conftest import run_import, squares, write_parcels


def _refusal(session, path, **options) -> str:
    with pytest.raises(ValidationError) as caught:
        run_import(session, path, **options)
    return caught.value.render()


def test_zip_member_with_dot_dot_is_refused_and_nothing_is_written_outside(session, tmp_path):
    archive = tmp_path / "evil.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        zf.writestr("../../escaped.geojson", '{"type": "FeatureCollection", "features": []}')
    assert "points outside the archive" in _refusal(session, archive)
    assert not (tmp_path.parent / "escaped.geojson").exists()


def test_zip_member_with_an_absolute_path_is_refused(session, tmp_path):
    archive = tmp_path / "abs.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        zf.writestr("/etc/cron.d/x.geojson", "{}")
    assert "points outside the archive" in _refusal(session, archive)


def test_zip_bomb_is_refused_before_unpacking(session, tmp_path):
    archive = tmp_path / "bomb.zip"
    with zipfile.ZipFile(archive, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("big.geojson", b" " * 50_000_000)
    assert "zip bomb" in _refusal(session, archive)


def test_too_many_archive_members_are_refused(session, tmp_path):
    archive = tmp_path / "many.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        for i in range(5):
            zf.writestr(f"f{i}.txt", "x")
    limits = sources.Limits(max_archive_members=3)
    assert "at most 3" in _refusal(session, archive, limits=limits)


def test_file_and_feature_count_bounds(session, districts, tmp_path):
    path = write_parcels(tmp_path / "p.gpkg", squares(20))
    assert "at most 10 are allowed" in _refusal(session, path, limits=sources.Limits(max_features=10))
    assert "bytes; at most 1000" in _refusal(session, path, limits=sources.Limits(max_file_bytes=1000))


def test_truncated_geopackage_is_a_clear_error(session, districts, tmp_path):
    path = write_parcels(tmp_path / "p.gpkg", squares(2000))
    data = path.read_bytes()
    cut = tmp_path / "cut.gpkg"
    cut.write_bytes(data[: len(data) // 3])
    message = _refusal(session, cut)
    assert message.startswith("file: ")


def test_truncated_geojson_and_garbage_are_clear_errors(session, districts, tmp_path):
    path = write_parcels(tmp_path / "p.geojson", squares(50), driver="GeoJSON")
    cut = tmp_path / "cut.geojson"
    cut.write_bytes(path.read_bytes()[:3000])
    assert _refusal(session, cut).startswith("file: ")
    garbage = tmp_path / "garbage.gpkg"
    garbage.write_bytes(b"\x00\x01not a geopackage" * 100)
    assert "is not a GeoPackage file the registry can read" in _refusal(session, garbage)
    text_file = tmp_path / "x.txt"
    text_file.write_text("hello")
    assert "unknown file type" in _refusal(session, text_file)


def test_a_zip_with_two_datasets_asks_for_one(session, tmp_path):
    archive = tmp_path / "two.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        zf.writestr("a.geojson", "{}")
        zf.writestr("b.geojson", "{}")
    assert "several datasets" in _refusal(session, archive)


def test_shapefile_without_prj_needs_a_crs(session, districts, tmp_path):
    shp = write_parcels(tmp_path / "p.shp", squares(2), driver="ESRI Shapefile")
    shp.with_suffix(".prj").unlink()
    assert "give one with --crs" in _refusal(session, shp)
    assert run_import(session, shp, crs="EPSG:4326").inserted == 2


def _vrt_reading(path) -> str:
    return (f'<OGRVRTDataSource><OGRVRTLayer name="{path.stem}"><SrcDataSource>{path}</SrcDataSource>'
            f'<SrcLayer>{path.stem}</SrcLayer><GeometryField encoding="WKT" field="wkt"/></OGRVRTLayer>'
            '</OGRVRTDataSource>')


@pytest.mark.parametrize("member", ["parcels.csv", "parcels.geojson", "parcels.shp", "parcels.fgb"])
def test_a_vrt_document_under_another_name_is_refused_before_gdal_opens_it(session, districts, tmp_path, member):
    """GDAL picks a driver by content: a VRT named .csv would read any file of the server as parcels."""
    secret = tmp_path / "secret.csv"
    secret.write_text('code,wkt\nSECRET-1,"POLYGON ((121.6 31.2, 121.601 31.2, 121.601 31.201, 121.6 31.2))"\n')
    archive = tmp_path / "parcels.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        zf.writestr(member, _vrt_reading(secret))
        if member.endswith(".shp"):  # with its sidecars, so the content itself is what is judged
            zf.writestr("parcels.shx", b"")
            zf.writestr("parcels.dbf", b"")
    assert "is not a" in _refusal(session, archive) and "file the registry can read" in _refusal(session, archive)


def test_a_kml_with_a_doctype_is_refused(session, tmp_path):
    kml = tmp_path / "p.kml"
    kml.write_text('<?xml version="1.0"?>\n<!DOCTYPE kml [<!ENTITY x SYSTEM "file:///etc/passwd">]>\n'
                   '<kml xmlns="http://www.opengis.net/kml/2.2"><Placemark><name>&x;</name></Placemark></kml>')
    assert "document type declaration" in _refusal(session, kml)


def test_a_kml_whose_root_is_not_kml_is_refused(session, tmp_path):
    kml = tmp_path / "p.kml"
    kml.write_text('<?xml version="1.0"?><!-- made by hand -->\n<gpx><wpt lat="31.2" lon="121.6"/></gpx>')
    assert "is not a KML file" in _refusal(session, kml)
