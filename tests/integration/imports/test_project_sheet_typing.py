"""Project workbooks as clerks type them: dates as text written year first, 75% in a 0–1 column, a
column of their own (备注) — read, or refused saying why, never guessed and never dropped unsaid."""
from __future__ import annotations

import csv
from datetime import date

import pytest
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter
from sqlalchemy import text

from registry.catalogues import translator
from registry.domain.permissions import Actor
from registry.i18n import presenter
from registry.services.imports.projects import import_projects
from registry.services.imports.project_template import COMMON, KIND_COLUMNS
from registry.services.imports.report import report_rows
from tests.integration.imports.conftest import run_import, squares, write_parcels
from tests.integration.imports.test_project_import import _ENTERPRISE, _motor, _workbook


@pytest.fixture
def parcels(session, districts, tmp_path):
    run_import(session, write_parcels(tmp_path / "p.gpkg", squares(1)))
    session.commit()


def with_column(path, sheet: str, header: str, values):
    """The workbook with a column of the clerk's own after the template's: ``header`` over ``values``."""
    book = load_workbook(path)
    column = book[sheet].max_column + 1
    for row, value in enumerate([header, *values], start=1):
        book[sheet].cell(row, column, value)
    book.save(path)
    return path, get_column_letter(column)


def test_dates_typed_as_text_year_first_and_percentages_are_read(session, parcels, tmp_path):
    rows = [_motor("2017-310115-7101", 计划完成日期="2017/9/30", 负载率="75%", 改造前效率="92.1%"),
            _motor("2017-310115-7102", 计划完成日期="2017年9月30日"), _motor("2017-310115-7103", 计划完成日期="2017.9.30")]
    path = _workbook(tmp_path, rows, enterprises=[_ENTERPRISE])
    book = load_workbook(path)
    book["高效电机"]["O4"].number_format = "0%"  # a cell formatted as a percentage holds the fraction: 75% is 0.75
    book.save(path)
    result = import_projects(session, Actor.system(), path)
    assert result.problems == () and result.loaded and result.inserted == 3
    stored = session.execute(text(
        "SELECT reference, planned_completion, inputs->'motors'->0->>'load_factor', "
        "inputs->'motors'->0->>'efficiency_before' FROM projects WHERE reference LIKE '2017-310115-710_' "
        "ORDER BY reference")).all()
    assert [tuple(r) for r in stored] == [("2017-310115-7101", date(2017, 9, 30), "0.75", "0.921"),
                                          ("2017-310115-7102", date(2017, 9, 30), "0.75", "0.921"),
                                          ("2017-310115-7103", date(2017, 9, 30), "0.75", "0.921")]


def test_a_cell_formatted_as_a_percentage_is_read_under_either_header(session, parcels, tmp_path):
    """负载率(%) over a cell Excel shows as 75% (it holds 0.75, formatted 0%) was refused as ambiguous:
    the format says percent. Under a 0–1 header too; a percent cell beyond 100% is refused as 150% is."""
    rows = [_motor("2017-310115-7111"), _motor("2017-310115-7112", 改造后效率=1.5)]
    path = _workbook(tmp_path, rows, enterprises=[_ENTERPRISE])
    book = load_workbook(path)
    sheet = book["高效电机"]
    sheet["O1"] = "负载率(%)"
    for cell in ("O2", "Q2", "O3", "R3"):  # 负载率, 改造前效率, 负载率, 改造后效率
        sheet[cell].number_format = "0.0%"
    book.save(path)
    result = import_projects(session, Actor.system(), path, dry_run=True)
    assert [(p.cell, p.value, p.message.render(show=presenter("en"))) for p in result.problems] == [
        ("高效电机!R3", "150%", "must be a percentage greater than 0% and at most 100%")]
    assert result.inserted == 1
    book["高效电机"]["O2"].number_format = "General"  # a bare 0.75 under a percent header stays ambiguous
    book.save(path)
    refused = import_projects(session, Actor.system(), path, dry_run=True)
    assert [p.cell for p in refused.problems] == ["高效电机!O2", "高效电机!R3"]


def test_ambiguous_dates_and_ratios_are_refused_naming_their_cells(session, parcels, tmp_path):
    rows = [_motor("2017-310115-7104", 计划完成日期="9/30/2017"), _motor("2017-310115-7105", 负载率=75),
            _motor("2017-310115-7106", 计划完成日期="2017/13/1")]
    result = import_projects(session, Actor.system(), _workbook(tmp_path, rows, enterprises=[_ENTERPRISE]),
                             dry_run=True)
    zh, show = translator("zh_Hans_CN"), presenter("zh_Hans_CN")
    found = {p.cell: (p.value, p.message.render(zh, show)) for p in result.problems}
    assert found == {
        "高效电机!J2": ("9/30/2017", "把年份写在了最后，月和日可有两种读法；请把年份写在前面：2017-09-30 或 2017年9月30日"),
        "高效电机!O3": ("75", "有歧义：本列填写 0 至 1 之间的小数，此数不是；75% 请写作 0.75 或 75%"),
        "高效电机!J4": ("2017/13/1", "一年没有13月"),
    }


def test_a_column_not_in_the_template_is_a_notice_of_the_result_and_of_its_report(session, parcels, tmp_path):
    path, column = with_column(_workbook(tmp_path, [_motor("2017-310115-7107")], enterprises=[_ENTERPRISE]),
                               "高效电机", "备注", ["急"])
    result = import_projects(session, Actor.system(), path)
    assert result.loaded and result.inserted == 1 and result.problems == () and result.refused == 0
    assert [(n.cell, n.value, n.action) for n in result.notices] == [(f"高效电机!{column}1", "备注", "ignored")]
    assert result.notices[0].message.render(translator("zh_Hans_CN")) == "列“备注”不在模板中，未导入"
    line, = report_rows(result.report_lines)
    assert line[:4] == (1, f"高效电机!{column}1", "备注", "备注")  # the header alone beside its cell and line[-1] == "未导入 ignored"
    assert line[4:6] == ("列“备注”不在模板中，未导入", "column “备注” is not in the template: not imported")


def with_sheet(path, title: str, rows):
    """The workbook with a sheet of the clerk's own, ``title``, holding ``rows``."""
    book = load_workbook(path)
    sheet = book.create_sheet(title)
    for row in rows:
        sheet.append(row)
    book.save(path)
    return path


def test_a_sheet_not_in_the_template_is_a_notice_naming_the_template_s_sheets(session, parcels, tmp_path):
    """高效电机(2), a copy of a sheet with more projects, was skipped unsaid; an empty Sheet2 is nothing lost."""
    path = with_sheet(_workbook(tmp_path, [_motor("2017-310115-7109")], enterprises=[_ENTERPRISE]), "高效电机(2)",
                      [["项目编号", "项目名称"], ["2017-310115-7110", "电机改造"]])
    result = import_projects(session, Actor.system(), with_sheet(path, "Sheet2", [[None], []]), dry_run=True)
    assert result.problems == () and result.inserted == 1
    assert [(n.field, n.value, n.cell, n.action) for n in result.notices] == [
        ("高效电机(2)", "高效电机(2)", None, "ignored")]
    assert result.notices[0].message.render(translator("zh_Hans_CN"), presenter("zh_Hans_CN")) == (
        "工作表不在模板中，未导入（只导入模板中的工作表：产业结构调整、锅炉替代、高效电机、节能技术改造、合同能源管理、"
        "清洁生产审核、企业）")
    line, = report_rows(result.report_lines)
    assert line[:3] == ("", "高效电机(2)", "高效电机(2)") and line[-1] == "未导入 ignored"  # no row: a whole sheet


def test_a_csv_is_read_as_the_workbook_is(session, parcels, tmp_path):
    session.execute(text("INSERT INTO enterprises (credit_code, name) VALUES (:c, '示例')"),
                    {"c": _ENTERPRISE["统一社会信用代码"]})
    headers = [h for _, h in COMMON + KIND_COLUMNS["motor_upgrade"]] + ["备注"]
    row = _motor("2017-310115-7108", 计划完成日期="2017-9-30", 负载率="75%", 备注="急")
    path = tmp_path / "motors.csv"
    with path.open("w", newline="", encoding="utf-8-sig") as out:
        csv.writer(out).writerows([headers, [row.get(h) for h in headers]])
    result = import_projects(session, Actor.system(), path, dry_run=True, kind="motor_upgrade")
    assert result.problems == () and result.inserted == 1
    assert [(n.cell, n.field) for n in result.notices] == [("T1", "备注")]
