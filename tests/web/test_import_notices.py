"""A column a clerk added to the project workbook (备注) is said, on the result, to be left unread."""
from __future__ import annotations

from tests.integration.imports.test_project_import import _ENTERPRISE, _PARCELS, _motor, _workbook
from tests.integration.imports.test_project_sheet_typing import with_column, with_sheet
from tests.web.page_text import text_of
from tests.web.test_import_workbook_result import _upload


def test_a_column_not_in_the_template_is_a_notice_on_the_result(client, login, tmp_path):
    login("district_staff", "310115")
    path, column = with_column(_workbook(tmp_path, [_motor("2017-310115-8201", **{_PARCELS: None})],
                                         enterprises=[_ENTERPRISE]), "高效电机", "备注", ["急"])
    client.get("/imports/?lang=zh_Hans_CN")
    page = text_of(_upload(client, path, dry_run="1").get_data(as_text=True))
    assert f"高效电机!{column}1：列“备注”不在模板中，未导入" in page, page
    client.get("/imports/?lang=en")
    page = text_of(_upload(client, path, dry_run="1").get_data(as_text=True))
    assert f"高效电机!{column}1: column “备注” is not in the template: not imported" in page, page
    assert "Checked only: nothing was written. An import would insert 1" in page  # a notice refuses nothing


def test_a_sheet_not_in_the_template_is_a_notice_on_the_result(client, login, tmp_path):
    login("district_staff", "310115")
    path = with_sheet(_workbook(tmp_path, [_motor("2017-310115-8202", **{_PARCELS: None})], enterprises=[_ENTERPRISE]),
                      "电机明细", [["备注"], ["急"]])
    client.get("/imports/?lang=zh_Hans_CN")
    page = text_of(_upload(client, path, dry_run="1").get_data(as_text=True))
    assert "电机明细：工作表不在模板中，未导入（只导入模板中的工作表：产业结构调整、" in page, page
    client.get("/imports/?lang=en")
    page = text_of(_upload(client, path, dry_run="1").get_data(as_text=True))
    assert "电机明细: sheet not in the template: not imported (only the template's sheets are: 产业结构调整, " in page, page
