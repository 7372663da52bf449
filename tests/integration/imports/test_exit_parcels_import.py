"""The project workbook keeps the review's rule on an exit's parcels: an exit given a status beyond
a draft names at least one parcel, refused at its row and column in the reader's language; a draft
or another kind may name none (registry/domain/workflow.py, ``parcel_errors``)."""
from __future__ import annotations

from openpyxl import load_workbook
from sqlalchemy import text

from registry.domain.credit_code import credit_code_check_char
from registry.domain.permissions import DISTRICT_STAFF, Actor
from registry.services.imports import project_template
from registry.services.imports.project_rows import read_project
from registry.services.imports.project_sheet import SheetRow
from registry.services.imports.projects import import_projects
from registry.services.imports.report import report_rows
from tests.integration.imports.conftest import run_import, squares, write_parcels

PUDONG_STAFF = Actor(None, "pudong", DISTRICT_STAFF, "310115")
CREDIT = "91310115MA1H7XYB0" + credit_code_check_char("91310115MA1H7XYB0")
PARCELS = "产业结构调整.地块编号（逗号分隔）"


def _exit(reference: str, status: str, parcels: str | None) -> dict:
    return {"项目编号": reference, "项目名称": "化工厂关停", "年度": 2017, "状态": status, "统一社会信用代码": CREDIT,
            "区代码": "310115", "地块编号（逗号分隔）": parcels, "调整方式": "关停", "基准年": 2016, "上年原煤（吨）": 900}


def _workbook(tmp_path, exits: list[dict], motors: list[dict] = ()):
    path = tmp_path / "projects.xlsx"
    path.write_bytes(project_template.template_bytes())
    book = load_workbook(path)
    enterprise = {"统一社会信用代码": CREDIT, "企业名称": "浦东示例化工厂", "区代码": "310115"}
    for name, rows in (("产业结构调整", exits), ("高效电机", motors), ("企业", [enterprise])):
        headers = [c.value for c in book[name][1]]
        for row in rows:
            book[name].append([row.get(h) for h in headers])
    book.save(path)
    return path


def test_an_exit_is_imported_as_submitted_only_with_a_parcel(session, districts, tmp_path):
    run_import(session, write_parcels(tmp_path / "p.gpkg", squares(1)))
    motor = {"项目编号": "MO-SUB", "项目名称": "电机改造", "年度": 2017, "状态": "已提交", "统一社会信用代码": CREDIT,
             "区代码": "310115", "台数": 1, "额定功率（千瓦）": 55, "负载率": 0.75, "年运行时间（小时）": 6000,
             "改造前效率": 0.921, "改造后效率": 0.946, "再制造（是/否）": "否"}
    rows = [_exit("EX-SUB-NONE", "已提交", None), _exit("EX-DRAFT-NONE", "草稿", None),
            _exit("EX-SUB-ONE", "已提交", "T-000001")]
    result = import_projects(session, PUDONG_STAFF, _workbook(tmp_path, rows, [motor]), on_error="skip")
    assert [(p.row, p.field) for p in result.problems] == [(2, PARCELS)]
    [line] = report_rows(result.problems)
    assert line[1] == "产业结构调整!G2" and line[4] == "产业结构调整（淘汰落后产能）项目须连同其腾出的土地一并审核，至少有一个地块才能提交（草稿可暂无地块）"
    stored = session.execute(text("SELECT reference, status FROM projects ORDER BY reference")).all()
    assert [tuple(r) for r in stored] == [("EX-DRAFT-NONE", "draft"), ("EX-SUB-ONE", "submitted"),
                                          ("MO-SUB", "submitted")]


def test_an_administrator_loads_no_verified_exit_without_its_land(session, districts, tmp_path):
    rows = [_exit("EX-VER-NONE", "已核定", None) | {"完成日期": "2017-06-01", "核定日期": "2017-09-01"}]
    result = import_projects(session, Actor.system(), _workbook(tmp_path, rows))
    assert not result.loaded
    assert [(p.row, p.field) for p in result.problems] == [(2, PARCELS)]
    assert session.execute(text("SELECT count(*) FROM projects")).scalar_one() == 0


def test_an_exit_whose_status_is_refused_is_not_judged_by_its_parcels(session, districts, tmp_path):
    """An unknown status is said once, at its cell: whether the exit needs a parcel depends on the status,
    so the row is neither refused for its parcels nor passed as the draft a blank status would be."""
    rows = [_exit("EX-ODD-NONE", "已审核", None), _exit("EX-ODD-ONE", "finished", "T-404")]
    result = import_projects(session, Actor.system(), _workbook(tmp_path, rows), dry_run=True, on_error="skip")
    assert [(p.row, p.field, p.value) for p in result.problems] == [
        (2, "产业结构调整.状态", "已审核"), (3, "产业结构调整.状态", "finished"), (3, PARCELS, "T-404")]
    assert next(report_rows(result.problems[:1]))[4].startswith("不是可选值（可选：草稿、")


def test_a_refused_status_is_not_read_as_a_draft():
    """The record of a row whose status is refused holds none: a rule that reads the status (the
    parcels an exit needs) cannot take the row for the draft that a blank status means."""
    headers = project_template.COMMON + project_template.KIND_COLUMNS["structural_adjustment"]
    columns = {key: i for i, (key, _header) in enumerate(headers)}
    for status, read in (("已审核", ""), (None, "draft"), ("已提交", "submitted")):
        cells = tuple(_exit("EX-1", status, None).get(header) for _key, header in headers)
        record, _problems, unread = read_project([SheetRow("产业结构调整", 2, "structural_adjustment", cells, columns)])
        assert (record.status, "status" in unread) == (read, status == "已审核")
