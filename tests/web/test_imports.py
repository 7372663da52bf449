"""The bulk-import pages: staff upload parcels of their district; the report is theirs alone."""
from __future__ import annotations

import io

import pytest
from sqlalchemy import text

from tests.integration.imports.conftest import squares, write_parcels
from tests.web.page_text import text_of


def _upload(client, path, **form):
    data = {"target": "parcels", "on_error": "abort", **form,
            "file": (io.BytesIO(path.read_bytes()), path.name)}
    return client.post("/imports/upload?token=test-token-1", data=data, content_type="multipart/form-data",
                       headers={"X-Requested-With": "XMLHttpRequest"})


def test_any_worker_answers_progress_and_report_polls(app, client, login, tmp_path):
    """The upload's worker is busy importing; the page's polls reach another one (scripts/run starts two)."""
    from registry import create_app

    login("district_staff", "310115")
    _upload(client, write_parcels(tmp_path / "p.gpkg", squares(3), land_use=["M1", "??", "M2"]))
    other_worker = create_app(dict(app.config)).test_client()
    other_worker.set_cookie("session", client.get_cookie("session").value)
    assert other_worker.get("/imports/progress/test-token-1").get_json() == {"stage": "done", "done": 3, "total": 3}
    report = other_worker.get("/imports/reports/test-token-1.csv")
    assert report.status_code == 200 and "??" in report.get_data().decode("utf-8-sig")
    login("district_staff", "310101", username="someone-else")  # the token is the uploader's alone
    assert client.get("/imports/progress/test-token-1").get_json() == {"stage": "unknown"}
    assert client.get("/imports/reports/test-token-1.csv").status_code == 404


def test_a_dry_run_counts_the_updated_and_the_unchanged_apart(client, login, tmp_path):
    """“Check only” said “would insert 0 and update 2” of a file whose one row only changed: it counted
    every registered row as updated."""
    login("district_staff", "310115")
    assert "data-loaded=\"true\"" in _upload(client, write_parcels(tmp_path / "a.gpkg", squares(2))).get_data(as_text=True)
    page = text_of(_upload(client, write_parcels(tmp_path / "b.gpkg", squares(2), land_use=["M1", "M2"]),
                           dry_run="1").get_data(as_text=True))
    assert "仅检查：未写入任何数据。导入将新增 0 条、更新 1 条，1 条不变。" in page
    assert "未变 1" in page  # the counts' table too


def test_page_offers_parcels_to_district_staff(client, login):
    login("district_staff", "310115")
    page = client.get("/imports/?lang=en")
    assert page.status_code == 200
    body = page.get_data(as_text=True)
    assert 'name="file"' in body and 'value="parcels"' in body and 'value="districts"' not in body



@pytest.mark.parametrize("lang, words", [("zh", ["修复无效图形，而不是拒绝其所在行", "修复前后的面积"]),
                                         ("en", ["Repair invalid shapes instead of refusing their rows",
                                                 "its area before and after"])])
def test_the_repair_option_says_what_it_does_without_naming_the_postgis_function(client, login, lang, words):
    # civil servants read 修复无效几何图形（ST_MakeValid）: a database function's name, not what it does
    login("admin")
    page = text_of(client.get(f"/imports/?lang={lang}").get_data(as_text=True))
    assert all(w in page for w in words) and "MakeValid" not in page and "ST_" not in page

def test_the_forms_options_begin_with_a_capital_in_english(client, login):
    """As every other label: they read "import nothing", "check only, write nothing"."""
    import re

    login("admin")
    html = client.get("/imports/?lang=en").get_data(as_text=True)
    form = html[html.index('id="import-form"'):]
    form = form[:form.index("</form>")]
    options = re.findall(r'<option value="[^"]*"[^>]*>([^<]+)</option>', form)
    boxes = re.findall(r'<input type="(?:radio|checkbox)"[^>]*> ([^<]+)</label>', form)
    assert "Use the one the file names" in options and "Check only, write nothing" in boxes and len(boxes) == 5, (options, boxes)
    assert [w for w in options + boxes if not w[0].isupper()] == []
    chinese = client.get("/imports/?lang=zh_Hans_CN").get_data(as_text=True)
    assert ">使用文件自带的坐标系</option>" in chinese


def test_the_coordinate_systems_are_named_as_the_wizards_map_step_names_them(client, login):
    """The import page offered bare codes (EPSG:4549) where the wizard says CGCS2000 / 3° GK CM 120E (EPSG:4549)."""
    import re

    login("district_staff", "310115")
    choices = {}
    for page in ("/imports/", "/projects/new"):
        html = client.get(page).get_data(as_text=True)
        select = re.search(r'<select (?:name="crs"|id="upload-crs")[^>]*>(.*?)</select>', html, re.S).group(1)
        choices[page] = re.findall(r'<option value="(EPSG:\d+)">([^<]+)</option>', select)
    assert choices["/imports/"] == choices["/projects/new"]
    assert ("EPSG:4549", "CGCS2000 / 3° GK CM 120E (EPSG:4549)") in choices["/imports/"] and len(choices["/imports/"]) == 4


def test_page_names_the_staffs_district_and_runs_chinese_sentences_on_without_spaces(client, login, session):
    """It gave the district's code (本区（310115）) and a space after each 。 (the template's line breaks)."""
    import re

    from registry.services.demo.districts import shipped_districts
    from registry.services.loading import load_dataset
    from registry.services.records import Dataset

    load_dataset(session, Dataset(districts=tuple(shipped_districts())))
    login("district_staff", "310115")
    heading = r'<h1>[^<]*</h1>(?:<a class="help-link[^>]*>[^<]*</a></div>)?\s*<p>(.*?)</p>'  # after the page's help link
    intro = re.search(heading, client.get("/imports/").get_data(as_text=True), re.S).group(1)
    assert '逐行检查，报告列出每一条被拒绝的记录。地块必须位于本区（<span title="310115">浦东新区</span>）内。每次上传最多' in intro
    assert not re.search(r"。\s", intro), intro
    english = re.search(heading, client.get("/imports/?lang=en").get_data(as_text=True), re.S).group(1)
    assert 'each refused row. Parcels must lie in your district (<span title="310115">Pudong New Area</span>). At most' in english


def test_staff_upload_imports_and_the_report_downloads(client, login, tmp_path):
    login("district_staff", "310115")
    land_use = ["M1", "??", "M2"]
    path = write_parcels(tmp_path / "p.gpkg", squares(3), land_use=land_use)
    refused = _upload(client, path)
    assert refused.status_code == 200
    text = refused.get_data(as_text=True)
    assert "test-token-1" in text and "??" in text
    # the field by its label, as the project workbook's report names its columns (not land_use_class)
    assert "2 用地性质 ?? 不是可选值（可选：" in text_of(text)  # the Value column shows ??: not said again
    report = client.get("/imports/reports/test-token-1.csv")
    assert report.status_code == 200 and report.get_data().decode("utf-8-sig").splitlines()[1].startswith(
        "2,用地性质 Land use,??,")  # bilingual, as its headers (字段 field) and its reasons
    xlsx = client.get("/imports/reports/test-token-1.xlsx")
    assert xlsx.status_code == 200 and xlsx.get_data()[:2] == b"PK"
    assert client.get("/imports/progress/test-token-1").get_json()["stage"] == "done"
    loaded = _upload(client, path, on_error="skip")
    assert loaded.status_code == 200 and "data-loaded=\"true\"" in loaded.get_data(as_text=True)
    client.get("/imports/?lang=en")
    assert "2 Land use ?? is not one of the list (allowed: " in text_of(_upload(client, path).get_data(as_text=True))


@pytest.mark.parametrize("lang, reason", [("zh", "几何图形无效：边界在 121.6005 31.1505 处自相交"),
                                          ("en", "geometry is invalid: the boundary crosses itself at 121.6005 31.1505")])
def test_an_invalid_shape_is_said_in_the_readers_words_with_where(client, login, tmp_path, lang, reason):
    """As the wizard says it (services/parcels.invalid_reason_message): the report read GEOS's
    'Self-intersection[121.6005 31.1505]', English on a Chinese page."""
    import shapely

    login("district_staff", "310115")
    client.get(f"/imports/?lang={lang}")
    geoms = squares(2)
    geoms[1] = shapely.Polygon([(121.6, 31.15), (121.601, 31.151), (121.601, 31.15), (121.6, 31.151)])  # bow tie
    page = text_of(_upload(client, write_parcels(tmp_path / "p.geojson", geoms, driver="GeoJSON")).get_data(as_text=True))
    assert reason in page and "Self-intersection" not in page, page


def test_another_user_cannot_read_the_report(client, login, tmp_path):
    login("district_staff", "310115")
    _upload(client, write_parcels(tmp_path / "p.gpkg", squares(2), land_use=["??", "M1"]))
    client.post("/logout")
    login("district_staff", "310112", username="minhang-staff")
    assert client.get("/imports/reports/test-token-1.csv").status_code == 404


def test_planner_may_not_upload(client, login, tmp_path):
    login("planner")
    response = _upload(client, write_parcels(tmp_path / "p.gpkg", squares(1)))
    assert response.status_code == 403


def test_garbage_file_is_a_422_with_a_message_not_a_500(client, login, tmp_path):
    login("district_staff", "310115")
    bad = tmp_path / "bad.gpkg"
    bad.write_bytes(b"not a geopackage at all" * 40)
    response = _upload(client, bad)
    assert response.status_code == 422


def test_project_template_downloads_and_a_workbook_uploads(client, login, tmp_path):
    login("district_staff", "310115")
    template = client.get("/imports/template.xlsx")
    assert template.status_code == 200 and template.get_data()[:2] == b"PK"
    path = tmp_path / "empty.xlsx"
    path.write_bytes(template.get_data())
    response = _upload(client, path, target="projects")
    assert response.status_code == 200


def test_admin_uploads_new_boundaries_and_sees_the_parcels_moved(client, login, session, tmp_path):
    import shapely

    from tests.integration.imports.conftest import WGS84_DISTRICTS, run_import
    from tests.integration.imports.test_district_import import _moved_boundary

    run_import(session, WGS84_DISTRICTS, "districts")
    parcels = squares(2)
    run_import(session, write_parcels(tmp_path / "p.gpkg", parcels))
    official = _moved_boundary(tmp_path, shapely.box(*parcels[0].buffer(1e-5).bounds))
    login("admin")
    data = {"target": "districts", "on_error": "abort", "reassign_parcels": "1",
            "file": (io.BytesIO(official.read_bytes()), official.name)}
    page = client.post("/imports/upload?token=test-token-2&lang=en", data=data, content_type="multipart/form-data",
                       headers={"X-Requested-With": "XMLHttpRequest"}).get_data(as_text=True)
    assert "Parcels moved to another district" in page
    assert ('<td><span title="310115">Pudong New Area</span></td><td><span title="310101">Huangpu</span></td>'
            '<td>1</td>') in page
    data["file"] = (io.BytesIO(official.read_bytes()), official.name)
    again = client.post("/imports/upload?token=test-token-3&lang=en", data=data, content_type="multipart/form-data",
                        headers={"X-Requested-With": "XMLHttpRequest"}).get_data(as_text=True)
    assert "none moved" in again and "<th>Unchanged</th><td>2</td>" in again


def _project_workbook(tmp_path, rows):
    from openpyxl import load_workbook

    from registry.services.imports.project_template import template_bytes
    from tests.integration.imports.test_project_import import _ENTERPRISE

    path = tmp_path / "projects.xlsx"
    path.write_bytes(template_bytes())
    book = load_workbook(path)
    for name, sheet_rows in (("高效电机", rows), ("企业", [_ENTERPRISE])):
        headers = [c.value for c in book[name][1]]
        for row in sheet_rows:
            book[name].append([row.get(h) for h in headers])
    book.save(path)
    return path


def test_staff_workbook_may_not_skip_review_and_a_dry_run_counts(client, login, session, tmp_path):
    from datetime import date

    from tests.integration.imports.conftest import WGS84_DISTRICTS, run_import
    from tests.integration.imports.test_project_import import _motor

    run_import(session, WGS84_DISTRICTS, "districts")
    run_import(session, write_parcels(tmp_path / "p.gpkg", squares(1)))
    login("district_staff", "310115")
    path = _project_workbook(tmp_path, [_motor("FX-VER-1", 状态="verified", 完成日期=date(2017, 6, 1)),
                                        _motor("FX-OK-1")])
    page = _upload(client, path, target="projects", dry_run="1").get_data(as_text=True)
    assert "仅检查：未写入任何数据。有 1 个项目行、0 个企业行被拒绝，因此导入不会写入任何数据；若跳过这些行，将新增 1 个项目、1 家企业。" in page
    assert "2 高效电机!D2 状态 verified 您的角色只能导入以下状态：草稿、已提交；" in text_of(page)
    page = _upload(client, path, target="projects", on_error="skip").get_data(as_text=True)
    assert 'data-loaded="true"' in page and "<th>新增项目</th><td>1</td>" in page
    loaded = session.execute(text("SELECT id FROM projects WHERE reference = 'FX-OK-1'")).scalar_one()
    history = client.get(f"/projects/{loaded}").get_data(as_text=True)  # who loaded it, from which file
    assert "从文件导入" in history and "projects.xlsx" in history and "暂无变更记录。" not in history


def test_a_csv_of_projects_on_the_web_form_asks_for_the_workbook(client, login, tmp_path):
    login("district_staff", "310115")
    path = tmp_path / "motors.csv"
    path.write_text("项目编号,项目名称\nFX-CSV-2,x\n")
    response = _upload(client, path, target="projects")
    assert response.status_code == 422
    assert "是 CSV 文件，只能包含一种类型的项目，但未指定类型：请使用项目工作簿（.xlsx" in response.get_data(as_text=True)
    english = client.post("/imports/upload?token=test-token-1&lang=en", data={
        "target": "projects", "on_error": "abort", "file": (io.BytesIO(path.read_bytes()), path.name)},
        content_type="multipart/form-data", headers={"X-Requested-With": "XMLHttpRequest"})
    assert english.status_code == 422
    assert "is a CSV file, which holds projects of one kind, and no kind was given" in english.get_data(as_text=True)


@pytest.mark.parametrize("name, says", [
    ("parcels.geojson", "是 GIS 文件（.geojson），不是项目导入模板：请按“地块”“区块”或“区界”导入；项目请用项目导入模板（.xlsx）导入"),
    ("parcels.zip", "是 GIS 文件（.zip），不是项目导入模板：请按“地块”“区块”或“区界”导入；项目请用项目导入模板（.xlsx）导入"),
    ("projects.xls", "是旧版 Excel 文件（.xls）：请在 Excel 中另存为 .xlsx 后再上传"),
])
def test_a_gis_file_or_an_old_excel_file_given_as_projects_says_what_to_do(client, login, tmp_path, name, says):
    # both were told "必须是项目导入模板（.xlsx）或单一类型的 .csv", which named neither the mistake nor the way out
    login("district_staff", "310115")
    path = tmp_path / name
    path.write_bytes(b"{}")
    response = _upload(client, path, target="projects")
    assert response.status_code == 422
    assert f"<li>文件：{says}</li>" in response.get_data(as_text=True)


def test_a_refusal_shown_under_the_upload_form_does_not_send_the_user_away(client, login, tmp_path):
    # the form's script shows the refusal below the form, still filled in: its "返回概览" led away from it
    login("district_staff", "310115")
    bad = tmp_path / "bad.gpkg"
    bad.write_bytes(b"not a geopackage at all" * 40)
    shown_under_the_form = _upload(client, bad).get_data(as_text=True)
    assert "文件：" in shown_under_the_form and "返回概览" not in shown_under_the_form
    whole_page = client.post("/imports/upload?token=test-token-2", content_type="multipart/form-data", data={
        "target": "parcels", "on_error": "abort", "file": (io.BytesIO(bad.read_bytes()), bad.name)})
    assert whole_page.status_code == 422 and "返回概览" in whole_page.get_data(as_text=True)  # without scripts


def test_a_file_already_imported_says_that_nothing_new_was_added(client, login, session, tmp_path):
    """It said 已导入 / Imported above 0 inserted, as if the file had brought something in."""
    from tests.integration.imports.conftest import WGS84_DISTRICTS, run_import

    run_import(session, WGS84_DISTRICTS, "districts")
    login("district_staff", "310115")
    path = write_parcels(tmp_path / "p.gpkg", squares(3), codes=["NN-1", "NN-2", "NN-3"])
    assert "已导入" in text_of(_upload(client, path).get_data(as_text=True))
    again = text_of(_upload(client, path).get_data(as_text=True))
    assert "未新增任何记录：“p.gpkg”中被接受的行均已在登记库中（3 行），均无变化。" in again and "已导入" not in again, again
    changed = write_parcels(tmp_path / "p.gpkg", squares(3), codes=["NN-1", "NN-2", "NN-3"], land_use=["M1", "W1", "M1"])
    client.get("/imports/?lang=en")
    english = text_of(_upload(client, changed).get_data(as_text=True))
    assert ("Nothing new was added from “p.gpkg”: its accepted rows were already in the registry (3: 1 updated, "
            "2 unchanged).") in english, english


@pytest.mark.parametrize("lang", ["zh_Hans_CN", "en"])
def test_the_progress_speaks_no_database_words(client, login, lang):
    """The stage of reading a file said 读取并载入（COPY） / Reading and loading (COPY): a PostgreSQL command."""
    import json
    import re

    login("district_staff", "310115")
    html = client.get(f"/imports/?lang={lang}").get_data(as_text=True)
    stages = json.loads(re.search(r'<script[^>]*id="import-stages"[^>]*>(.*?)</script>', html, re.S).group(1))
    assert stages["read"] == {"zh_Hans_CN": "正在读取文件", "en": "Reading the file"}[lang]
    assert not [words for words in stages.values() if re.search(r"COPY|SQL|staging|upsert", words, re.I)], stages
