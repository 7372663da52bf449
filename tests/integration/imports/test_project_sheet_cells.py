"""Project workbook problems named by their cell as Excel names it (高效电机!C3); formulas without results."""
from __future__ import annotations

import pytest

from registry.domain.permissions import Actor
from registry.i18n import presenter
from registry.services.imports.projects import import_projects
from registry.services.imports.report import csv_bytes, report_headers, report_rows
from tests.integration.imports.conftest import run_import, squares, write_parcels
from tests.integration.imports.test_project_import import _ENTERPRISE, _motor, _workbook


@pytest.fixture
def parcels(session, districts, tmp_path):
    run_import(session, write_parcels(tmp_path / "p.gpkg", squares(1)))
    session.commit()


def test_each_problem_names_its_cell_as_excel_does(session, parcels, tmp_path):
    rows = [_motor("2017-310115-7003"), _motor("2017-310115-7004", 台数="三", 年度=None)]
    result = import_projects(session, Actor.system(), _workbook(tmp_path, rows, enterprises=[_ENTERPRISE]),
                             dry_run=True)
    assert sorted(p.cell for p in result.problems) == ["高效电机!C3", "高效电机!M3"]
    assert report_headers(result.problems)[:3] == ("行号 row", "单元格 cell", "字段 field")
    assert sorted(line[1] for line in report_rows(result.problems)) == ["高效电机!C3", "高效电机!M3"]


def test_the_field_beside_its_cell_is_the_header_alone(session, parcels, tmp_path):
    """高效电机!M3 names the sheet: its field 高效电机.台数 said it again, in the downloaded report as on the page."""
    rows = [_motor("2017-310115-7006", 台数="三", 年度=None)]
    result = import_projects(session, Actor.system(), _workbook(tmp_path, rows, enterprises=[_ENTERPRISE]),
                             dry_run=True)
    assert sorted(line[1:4] for line in report_rows(result.problems)) == [("高效电机!C2", "年度", ""),
                                                                          ("高效电机!M2", "台数", "三")]
    text = csv_bytes(result.problems).decode("utf-8-sig")
    assert "高效电机!M2,台数,三," in text and "高效电机.台数" not in text, text


def test_a_formula_whose_result_the_file_does_not_store_is_refused_as_such(session, parcels, tmp_path):
    """A workbook written by a program (not saved by Excel) holds formulas without results: 总投资
    =100+20 was read as empty (the investment lost) and 台数 =1+1 as "is required"."""
    path = _workbook(tmp_path, [_motor("2017-310115-7005", 台数="=1+1", **{"总投资（万元）": "=100+20"})],
                     enterprises=[_ENTERPRISE])
    result = import_projects(session, Actor.system(), path, dry_run=True)
    found = {p.cell: p.message.render(show=presenter("en")) for p in result.problems}
    assert set(found) == {"高效电机!H2", "高效电机!M2"}
    assert "=100+20" in found["高效电机!H2"] and "formula" in found["高效电机!H2"]


def test_the_check_of_a_workbook_reports_its_progress(session, parcels, tmp_path, monkeypatch):
    """The page's bar said 正在逐行检查 without a count until the end, however long the workbook."""
    from registry.services.imports import projects

    monkeypatch.setattr(projects, "PROGRESS_EVERY", 2)
    rows = [_motor(f"2017-310115-76{i:02d}") for i in range(5)]
    seen = []
    result = import_projects(session, Actor.system(), _workbook(tmp_path, rows, enterprises=[_ENTERPRISE]),
                             progress=lambda stage, done, total: seen.append((stage, done, total)))
    assert result.inserted == 5
    assert seen == [("check", 0, 6), ("check", 2, 6), ("check", 4, 6), ("check", 6, 6), ("write", 0, None)]


def test_an_empty_cell_of_a_merged_range_says_so(session, parcels, tmp_path):
    """项目编号 merged over a project's two motor rows (as a clerk lays them out) read as "is required"
    of a cell that shows the number on the screen."""
    from openpyxl import load_workbook

    path = _workbook(tmp_path, [_motor("2017-310115-7701"), _motor("2017-310115-7701", 台数=2)],
                     enterprises=[_ENTERPRISE])
    book = load_workbook(path)
    book["高效电机"].merge_cells("A2:A3")
    book.save(path)
    result = import_projects(session, Actor.system(), path, dry_run=True)
    [problem] = result.problems
    assert problem.cell == "高效电机!A3"
    assert problem.message.render(show=presenter("en")) == (
        "is empty: it lies in the merged cells A2:A3, whose value only their first cell A2 holds; "
        "unmerge them and fill in every row")


def test_a_problem_the_savings_calculation_finds_names_the_sheet_s_header_and_cell(session, parcels, tmp_path):
    """The accounting engine's problems said 高效电机.inputs.motors[1].hours_per_year and no cell: the
    engine's field is the column it was read from, in the row of its motor group."""
    motors = [_motor("2017-310115-7702", 改造后效率=0.9), _motor("2017-310115-7702", **{"年运行时间（小时）": 9000})]
    boiler = {"项目编号": "2017-310115-7703", "项目名称": "锅炉改造", "年度": 2017, "状态": "draft",
              "统一社会信用代码": _ENTERPRISE["统一社会信用代码"], "区代码": "310115", "原燃料": "原煤",
              "原燃料年用量（吨）": -5, "原锅炉效率": 0.6, "新锅炉效率": 0.9}
    result = import_projects(session, Actor.system(), _workbook(tmp_path, motors, [boiler], enterprises=[_ENTERPRISE]),
                             dry_run=True)
    found = {(p.row, p.cell): (p.field, p.value) for p in result.problems}
    assert found == {(2, "锅炉替代!N2"): ("锅炉替代.原燃料年用量（吨）", "-5"),
                     (2, "高效电机!R2"): ("高效电机.改造后效率", "0.9"),
                     (3, "高效电机!P3"): ("高效电机.年运行时间（小时）", "9000")}
