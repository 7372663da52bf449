"""The upload form's mapping and profile-name fields (only saved profiles, names the registry can keep) and
what it says of a file it cannot read."""
from __future__ import annotations

import io

from sqlalchemy import text

from tests.damaged_files import garbled_workbook, garbled_zip
from tests.integration.imports.conftest import squares, write_parcels


def _upload(client, path, lang="en", **form):
    data = {"target": "parcels", "on_error": "abort", **form,
            "file": (io.BytesIO(path.read_bytes()), path.name)}
    return client.post(f"/imports/upload?token=test-token-9&lang={lang}", data=data,
                       content_type="multipart/form-data", headers={"Accept": "application/json"})


def test_a_server_path_as_mapping_is_refused_alike_whether_or_not_the_file_exists(client, login, tmp_path):
    login("district_staff", "310115")
    parcels = write_parcels(tmp_path / "p.gpkg", squares(1))
    secret = tmp_path / "secret_key"
    secret.write_text("s3cr3t-value-123\n", encoding="utf-8")

    existing = _upload(client, parcels, mapping=str(secret))
    secret.unlink()
    missing = _upload(client, parcels, mapping=str(secret))

    assert existing.status_code == missing.status_code == 422
    assert existing.get_json() == missing.get_json()
    assert existing.get_json()["errors"] == {"mapping": f"there is no saved field mapping called {str(secret)[:64]}"}
    assert "TOML" not in existing.get_data(as_text=True) and "s3cr3t" not in existing.get_data(as_text=True)
    toml = tmp_path / "m.toml"
    toml.write_text('[fields]\ncode = "code"\n', encoding="utf-8")
    assert _upload(client, parcels, mapping=str(toml)).get_json()["errors"]["mapping"].startswith("there is no saved")


def test_a_saved_profile_is_still_used_by_name(client, login, session, tmp_path):
    session.execute(text("INSERT INTO import_mappings (name, target, profile) VALUES "
                         "('浦东-2023', 'parcels', '{\"fields\": {\"code\": \"DKBH\"}}')"))
    login("district_staff", "310115")
    parcels = write_parcels(tmp_path / "p.gpkg", squares(1), extra={"DKBH": ["D-1"]})
    response = _upload(client, parcels, mapping="浦东-2023", dry_run="1")
    assert response.status_code == 200


def test_an_overlong_profile_name_is_refused_up_front_in_the_users_language(client, login, session, tmp_path):
    login("district_staff", "310115")
    parcels = write_parcels(tmp_path / "p.gpkg", squares(1))

    english = _upload(client, parcels, save_mapping="x" * 300)
    chinese = _upload(client, parcels, lang="zh_Hans_CN", save_mapping="x" * 300)

    assert english.status_code == chinese.status_code == 422
    assert english.get_json()["errors"] == {
        "save_mapping": "a profile name has at most 64 characters; this one has 300"}
    assert chinese.get_json()["errors"] == {"save_mapping": "配置名称最多 64 个字符，此名称有 300 个"}
    assert session.execute(text("SELECT count(*) FROM parcels")).scalar_one() == 0


def test_a_profile_name_with_odd_characters_is_refused_and_a_chinese_one_is_saved(client, login, session, tmp_path):
    login("district_staff", "310115")
    parcels = write_parcels(tmp_path / "p.gpkg", squares(1))
    odd = _upload(client, parcels, save_mapping="../etc<script>")
    assert odd.status_code == 422 and set(odd.get_json()["errors"]) == {"save_mapping"}
    assert _upload(client, parcels, save_mapping="浦东 新区-2023").status_code == 200
    assert session.execute(text("SELECT name FROM import_mappings")).scalars().all() == ["浦东 新区-2023"]


def test_a_file_gdal_cannot_read_is_described_in_the_users_language_without_a_server_path(client, login, tmp_path):
    login("district_staff", "310115")
    array = tmp_path / "array.geojson"
    array.write_text("[1, 2, 3]", encoding="utf-8")

    english = _upload(client, array)
    chinese = _upload(client, array, lang="zh_Hans_CN")

    assert english.status_code == chinese.status_code == 422
    assert english.get_json()["errors"]["file"].startswith("is not a GeoJSON file the registry can read")
    assert chinese.get_json()["errors"]["file"].startswith("不是本系统可读取的 GeoJSON 文件；可接受的格式为")
    # the formats by their names, the words and punctuation between them in Chinese
    assert chinese.get_json()["errors"]["file"].endswith("可接受的格式为 Shapefile（.shp 或 zip 压缩包）、GeoPackage（.gpkg）、"
                                                         "GeoJSON、FlatGeobuf（.fgb）、KML、含 WKT 几何列的 CSV")
    for response in (english, chinese):
        assert "registry-upload" not in response.get_data(as_text=True) and "driver" not in response.get_data(as_text=True)


def test_a_ring_postgis_cannot_read_is_a_row_of_the_report_in_the_users_language(client, login, tmp_path):
    import json

    login("district_staff", "310115")
    good = [[list(xy) for xy in square.exterior.coords] for square in squares(2)]
    rings = [good[0], [[121.62, 31.21], [121.621, 31.211], [121.62, 31.21]], good[1]]
    path = tmp_path / "p.geojson"
    path.write_text(json.dumps({"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": {"code": f"W-{i}", "land_use_class": "M1"},
         "geometry": {"type": "Polygon", "coordinates": [ring]}} for i, ring in enumerate(rings)]}), encoding="utf-8")

    english = _upload(client, path, on_error="skip", dry_run="1")
    chinese = _upload(client, path, lang="zh_Hans_CN", on_error="skip", dry_run="1")

    assert english.status_code == chinese.status_code == 200
    assert "geometry is unreadable: a ring has fewer than four points" in english.get_data(as_text=True)
    assert "几何图形无法读取：有环的点数少于四个" in chinese.get_data(as_text=True)


def test_a_project_workbook_uploaded_as_parcels_is_called_a_workbook_on_a_page_naming_the_field(client, login, tmp_path):
    # parcels is the form's first choice: the workbook was read as a zip, "which holds no Shapefile, …",
    # under "file" and again as "file: …" above it, English words on a Chinese page
    from registry.services.imports.project_template import template_bytes

    login("district_staff", "310115")
    workbook = tmp_path / "项目.xlsx"
    workbook.write_bytes(template_bytes())

    answer = _upload(client, workbook)
    page = client.post("/imports/upload?token=test-token-9&lang=zh_Hans_CN", content_type="multipart/form-data",
                       data={"target": "parcels", "file": (io.BytesIO(workbook.read_bytes()), workbook.name)})

    assert answer.status_code == page.status_code == 422
    assert answer.get_json()["errors"] == {"file": "is an Excel workbook, not a GIS file: import a project workbook "
                                                   "as projects; parcels in a table come as CSV with a WKT column"}
    html = page.get_data(as_text=True)
    assert "<li>文件：是 Excel 工作簿，不是 GIS 文件：项目导入模板请按“项目”导入；表格形式的地块请另存为含 WKT 列的 CSV</li>" in html
    assert "file：" not in html and "file:" not in html and "Shapefile" not in html


def test_a_damaged_or_fake_zip_is_refused_in_the_users_words_not_pythons(client, login, tmp_path):
    # a garbled member answered 500 (zlib's error escaped); a file that is no zip at all was said with
    # Python's English reason inside the Chinese sentence (不是可读的 zip 压缩包：File is not a zip file)
    login("district_staff", "310115")
    fake = tmp_path / "fake.zip"
    fake.write_bytes(b"PK\x03\x04 this is no zip" + bytes(50))
    damaged = tmp_path / "damaged.zip"
    damaged.write_bytes(garbled_zip())

    for path in (damaged, fake):
        english, chinese = _upload(client, path), _upload(client, path, lang="zh_Hans_CN")
        assert english.status_code == chinese.status_code == 422, path.name
        assert english.get_json()["errors"] == {
            "file": "is not a readable zip archive: it is damaged or is no zip file; zip the files again and upload "
                    "the new archive"}
        assert chinese.get_json()["errors"] == {"file": "不是可读的 zip 压缩包：文件已损坏或并非 zip 文件；请重新压缩后上传新的压缩包"}


def test_a_project_workbook_damaged_in_transit_is_refused_not_a_500(client, login, tmp_path):
    # a workbook is a zip: a garbled part raised zlib's error past the readers' net (a 500)
    login("district_staff", "310115")
    workbook = tmp_path / "projects.xlsx"
    workbook.write_bytes(garbled_workbook())
    response = _upload(client, workbook, lang="zh_Hans_CN", target="projects")
    assert response.status_code == 422
    assert response.get_json()["errors"] == {"file": "无法读取：文件已损坏，或不是 Excel 工作簿（.xlsx）"}
