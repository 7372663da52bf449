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
