"""A project's title is 项目名称 (Project name) wherever a page or a file names it: the rollup's
workbook and its drill-down page said 名称 (Title), its drill-down download, the project list, the
form and the import template 项目名称."""
from __future__ import annotations

import csv
import io

from openpyxl import load_workbook

from tests.integration import rollup_data


def _first_row(workbook: bytes, sheet: str | int = 0) -> list[str]:
    book = load_workbook(io.BytesIO(workbook))
    return [c.value for c in (book[sheet] if isinstance(sheet, str) else book.worksheets[sheet])[1]]


def test_every_table_of_projects_names_their_title_alike(client, login, session):
    rollup_data.load(session)
    login("admin")
    headers = {
        "rollup workbook": _first_row(client.get("/rollups/export?year=2013&format=xlsx").data, "项目"),
        "drill-down download": next(csv.reader(io.StringIO(
            client.get("/rollups/projects/export?year=2013&format=csv").data.decode("utf-8-sig")))),
        "import template": _first_row(client.get("/imports/template.xlsx").data, "高效电机"),  # a kind's sheet
    }
    for where, row in headers.items():
        assert "项目名称" in row and "名称" not in row, where
    drill = client.get("/rollups/projects?year=2013").get_data(as_text=True)
    assert "<th>项目名称</th>" in drill and "<th>名称</th>" not in drill
    english = client.get("/rollups/projects?year=2013&lang=en").get_data(as_text=True)
    assert "<th>Project name</th>" in english and "<th>Title</th>" not in english
