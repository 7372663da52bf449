"""The wizard's parcel checks and uploads through the Flask client: geometry repair, the
district rule, areas, zipped Shapefiles, hostile archives, unreadable files in the user's terms."""
from __future__ import annotations

import io
import re
import zipfile

import pytest

from tests.damaged_files import garbled_zip
from tests.integration.project_data import BOW_TIE, IN_MINHANG, SQUARE

pytestmark = pytest.mark.usefixtures("districts")


JSON = {"Accept": "application/json"}


def test_parcel_check_offers_a_repair_for_a_bow_tie(client, login):
    login("district_staff", "310115")
    body = client.post("/projects/parcel-check", json={"geometry": BOW_TIE, "district_code": "310115"}).get_json()
    assert body["ok"] is False and body["invalid_reason"] == "边界在 121.6005 31.2005 处自相交"
    assert body["repaired"]["type"] == "MultiPolygon"


def test_parcel_check_refuses_a_polygon_outside_the_district(client, login):
    login("district_staff", "310115")
    body = client.post("/projects/parcel-check", json={"geometry": IN_MINHANG, "district_code": "310115"}).get_json()
    assert body["ok"] is False and "不在您所在的区" in body["problem"]


def test_parcel_check_reports_area_in_m2_mu_and_ha(client, login):
    login("district_staff", "310115")
    body = client.post("/projects/parcel-check", json={"geometry": SQUARE, "district_code": "310115"}).get_json()
    assert body["ok"] is True
    assert body["area_mu"] == pytest.approx(body["area_m2"] * 15 / 10000)
    assert body["area_ha"] == pytest.approx(body["area_m2"] / 10000)


def zipped_shapefile_in_4490(tmp_path) -> bytes:
    import geopandas as gpd
    from shapely.geometry import shape

    frame = gpd.GeoDataFrame({"name": ["厂区"]}, geometry=[shape(SQUARE)], crs="EPSG:4490")
    frame.to_file(tmp_path / "parcel.shp", encoding="UTF-8")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as zf:
        for part in tmp_path.glob("parcel.*"):
            zf.write(part, part.name)
    return buffer.getvalue()


def test_upload_of_a_zipped_shapefile_in_cgcs2000(client, login, tmp_path):
    login("district_staff", "310115")
    data = {"file": (io.BytesIO(zipped_shapefile_in_4490(tmp_path)), "parcel.zip")}
    response = client.post("/projects/parcel-upload", data=data, content_type="multipart/form-data", headers=JSON)
    assert response.status_code == 200, response.get_data(as_text=True)
    feature = response.get_json()["features"][0]
    assert feature["properties"]["name"] == "厂区"
    xs = [x for x, _ in feature["geometry"]["coordinates"][0]]
    assert min(xs) == pytest.approx(121.600, abs=1e-6)  # EPSG:4490 and 4326 differ by centimetres


def test_upload_refuses_a_zip_that_escapes_its_folder(client, login):
    login("district_staff", "310115")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as zf:
        zf.writestr("../../evil.geojson", "{}")
    response = client.post("/projects/parcel-upload", data={"file": (io.BytesIO(buffer.getvalue()), "x.zip")},
                           content_type="multipart/form-data", headers=JSON)
    assert response.status_code == 422
    assert "file" in response.get_json()["errors"]


@pytest.mark.parametrize("name, content", [("broken.geojson", b'{"type": "FeatureCollection", "features": [{'),
                                           ("x.zip", b"PK\x03\x04 truncated"), ("x.exe", b"MZ"),
                                           ("garbled.zip", garbled_zip())])  # zlib's error was a 500
def test_upload_of_a_malformed_file_is_a_clear_error(client, login, name, content):
    login("district_staff", "310115")
    response = client.post("/projects/parcel-upload", data={"file": (io.BytesIO(content), name)},
                           content_type="multipart/form-data", headers=JSON)
    assert response.status_code == 422
    assert response.get_json()["errors"]["file"]


@pytest.mark.parametrize("name, content, says", [
    ("parcel.geojson", b"not json at all", "不是本系统可读取的 GeoJSON 文件"),
    ("broken.geojson", b'{"type": "FeatureCollection", "features": [{', "GeoJSON"),
    ("parcel.kml", b"<kml><Document><Placemark>", "KML"),
    ("parcel.gpkg", b"SQLite format 3\x00 truncated", "GeoPackage"),
])
def test_an_unreadable_upload_says_what_is_wrong_with_the_file_in_the_users_terms(client, login, name, content, says):
    """GDAL's own message (English, with the server's temporary path) once reached the wizard."""
    login("district_staff", "310115")
    response = client.post("/projects/parcel-upload", data={"file": (io.BytesIO(content), name)},
                           content_type="multipart/form-data", headers=JSON)
    assert response.status_code == 422
    message = response.get_json()["errors"]["file"]
    assert says in message, message
    assert "/tmp" not in message and "registry-upload" not in message and "GDAL" not in message
    assert not re.search(r"[A-Za-z]{4,} [a-z]{3,}", message.replace("GeoJSON", "").replace("GeoPackage", "")), message


def _secret_behind_a_vrt(tmp_path) -> bytes:
    """An OGR VRT document (what GDAL opens by content, whatever the name) that reads a server file."""
    secret = tmp_path / "secret.csv"
    secret.write_text('wkt,secret\n"POLYGON ((121.6 31.2, 121.601 31.2, 121.601 31.201, 121.6 31.2))",s3cr3t-key\n')
    return (f'<OGRVRTDataSource><OGRVRTLayer name="secret"><SrcDataSource>{secret}</SrcDataSource>'
            '<SrcLayer>secret</SrcLayer><GeometryField encoding="WKT" field="wkt"/></OGRVRTLayer>'
            '</OGRVRTDataSource>').encode()


@pytest.mark.parametrize("name", ["parcels.geojson", "parcels.kml", "parcels.gpkg"])
def test_upload_of_a_vrt_named_as_another_format_reads_no_server_file(client, login, tmp_path, name):
    login("district_staff", "310115")
    data = {"file": (io.BytesIO(_secret_behind_a_vrt(tmp_path)), name)}
    response = client.post("/projects/parcel-upload", data=data, content_type="multipart/form-data", headers=JSON)
    assert response.status_code == 422
    assert "s3cr3t-key" not in response.get_data(as_text=True)
    assert "不是本系统可读取的" in response.get_json()["errors"]["file"]


def test_upload_of_a_kml_with_entities_is_refused_before_parsing(client, login):
    login("district_staff", "310115")
    laughs = (b'<?xml version="1.0"?><!DOCTYPE kml [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;">]>'
              b'<kml xmlns="http://www.opengis.net/kml/2.2"><Placemark><name>&b;</name></Placemark></kml>')
    response = client.post("/projects/parcel-upload", data={"file": (io.BytesIO(laughs), "p.kml")},
                           content_type="multipart/form-data", headers=JSON)
    assert response.status_code == 422
    assert "DOCTYPE" in response.get_json()["errors"]["file"]


@pytest.mark.parametrize("lang, label, own, hint", [
    ("zh_Hans_CN", "文件的坐标系", "使用文件自带的坐标系", "大多数文件自带坐标系，保持默认即可。"),
    ("en", "Coordinate system of the file", "Use the one the file names", "Most files name their coordinate system: leave it")])
def test_the_uploads_coordinate_system_takes_the_files_own_unless_one_is_chosen_as_the_bulk_import_says(
        client, login, lang, label, own, hint):
    # It read "Coordinate system if the file has none: As the file says", which contradicted itself and
    # was not what it did: a system chosen overrides the one the file names.
    login("district_staff", "310115")
    for url in (f"/projects/new?lang={lang}", f"/imports/?lang={lang}"):
        html = client.get(url).get_data(as_text=True)
        field = re.search(rf'<label>{label}\s*<select [^>]*aria-describedby="([^"]+)"><option value="">([^<]+)</option>', html)
        assert field and field[2] == own, url
        assert re.search(rf'<p class="hint" id="{field[1]}">{hint}', html), url
