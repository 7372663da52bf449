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
    assert "Row Cell Field Value Reason 3 高效电机!M3 高效电机.台数 三" in page, page


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
