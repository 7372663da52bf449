"""The result of a project workbook's upload: problems named by their cell as Excel names them."""
from __future__ import annotations

import io

from tests.integration.imports.test_project_import import _ENTERPRISE, _PARCELS, _motor, _workbook
from tests.web.page_text import text_of


def _upload(client, path, **form):
    data = {"target": "projects", "on_error": "abort", **form, "file": (io.BytesIO(path.read_bytes()), path.name)}
    return client.post("/imports/upload?token=test-token-2", data=data, content_type="multipart/form-data",
                       headers={"X-Requested-With": "XMLHttpRequest"})


def test_a_refused_row_is_named_by_its_cell_on_the_page(client, login, tmp_path):
    login("district_staff", "310115")
    rows = [_motor("2017-310115-8001", **{_PARCELS: None}), _motor("2017-310115-8002", 台数="三", **{_PARCELS: None})]
    client.get("/imports/?lang=en")
    page = text_of(_upload(client, _workbook(tmp_path, rows, enterprises=[_ENTERPRISE])).get_data(as_text=True))
    # the field beside its cell is the header alone: 高效电机!M3 names the sheet (高效电机.台数 said it twice)
    assert "Row Cell Field Value Reason 3 高效电机!M3 台数 三" in page, page


def test_the_result_says_what_to_do_next(client, login, tmp_path):
    """The page stopped at the counts: after a refusal nothing said to correct the file (or to skip
    the refused rows), after a check nothing said how to import, after an import nothing led to the projects."""
    login("district_staff", "310115")
    rows = [_motor("2017-310115-8101", **{_PARCELS: None}), _motor("2017-310115-8102", 台数="三", **{_PARCELS: None})]
    path = _workbook(tmp_path, rows, enterprises=[_ENTERPRISE])
    client.get("/imports/?lang=en")
    refused = text_of(_upload(client, path).get_data(as_text=True))
    assert ("Correct the cells the report names and upload the file again, or choose “Import the good rows” "
            "to import the others.") in refused, refused
    checked = text_of(_upload(client, path, on_error="skip", dry_run="1").get_data(as_text=True))
    assert "To import, upload the file again without “Check only, write nothing”." in checked, checked
    html = _upload(client, path, on_error="skip").get_data(as_text=True)
    assert '<a href="/projects">Open the project list</a>' in html and "newest first" in text_of(html), html
    client.get("/imports/?lang=zh_Hans_CN")
    assert "打开项目列表" in _upload(client, path, on_error="skip").get_data(as_text=True)


def test_a_workbook_counts_its_project_rows_and_its_enterprise_rows_apart(client, login, tmp_path):
    """Rows read 5, refused 2 mixed the motor rows of the projects with the 企业 sheet's rows."""
    login("district_staff", "310115")
    rows = [_motor("2017-310115-8301", **{_PARCELS: None}), _motor("2017-310115-8301", **{_PARCELS: None}),
            _motor("2017-310115-8302", 台数="三", **{_PARCELS: None})]  # two projects, one of two motor groups
    nameless = {**_ENTERPRISE, "统一社会信用代码": "91310115MA1H7XYB0X", "企业名称": None}
    client.get("/imports/?lang=en")
    page = text_of(_upload(client, _workbook(tmp_path, rows, enterprises=[_ENTERPRISE, nameless])).get_data(as_text=True))
    assert ("Nothing was imported: 1 of 3 project rows and 1 of 2 enterprise rows were refused. "
            "The registry is unchanged.") in page, page
    assert ("Project rows read 3 Enterprise rows read 2 Projects inserted 0 Enterprises inserted 0 "
            "Projects already registered (unchanged) 0 Project rows refused 1 Enterprise rows refused 1") in page, page
    client.get("/imports/?lang=zh_Hans_CN")
    loaded = text_of(_upload(client, _workbook(tmp_path, rows, enterprises=[_ENTERPRISE, nameless]),
                             on_error="skip").get_data(as_text=True))
    assert "读取项目行数 3 读取企业行数 2 新增项目 1 新增企业 1 已登记项目（未改动） 0 拒绝的项目行数 1 拒绝的企业行数 1" in loaded, loaded


def test_a_workbook_whose_projects_are_all_registered_says_that_nothing_new_was_added(client, login, tmp_path):
    """It said 已导入 / Imported above 0 inserted: as if the file had been taken in."""
    login("district_staff", "310115")
    rows = [_motor("2017-310115-8401", **{_PARCELS: None}), _motor("2017-310115-8402", **{_PARCELS: None})]
    path = _workbook(tmp_path, rows, enterprises=[_ENTERPRISE])
    assert "已导入" in text_of(_upload(client, path).get_data(as_text=True))
    again = text_of(_upload(client, path).get_data(as_text=True))
    assert "未新增任何项目：“projects.xlsx”中的项目均已在登记库中（2 个），工作簿不会修改已登记的项目。" in again, again
    assert "已导入" not in again
    client.get("/imports/?lang=en")
    english = text_of(_upload(client, path).get_data(as_text=True))
    assert ("Nothing new was added from “projects.xlsx”: its projects are already in the registry (2), and a "
            "workbook leaves registered projects unchanged.") in english, english
