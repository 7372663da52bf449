"""The project exports (services/project_exports.py) on real PostGIS: the list's filters and order on
every page, what each reader may read, one project of each kind with its figures, the parcels, Chinese
text intact, the bound, and the projects behind a rollup figure (live and as of a moment)."""
from __future__ import annotations

import csv
import io
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from registry.catalogues import translator
from registry.domain.errors import ValidationError
from registry.domain.rollups import RollupQuery
from registry.domain.vocabulary import PROJECT_KINDS
from registry.services import projects as svc
from registry.services.project_exports import export_projects, export_projects_behind
from registry.services.rollups import database_now
from tests.integration import rollup_data
from tests.integration.project_data import MINHANG, PUDONG, REVIEWER, draft

pytestmark = pytest.mark.usefixtures("districts")
ZH, EN = translator("zh_Hans_CN"), translator("en")


def _csv(session, actor, filters=svc.ProjectFilter(), translate=ZH, **options) -> list[dict[str, str]]:
    out = io.BytesIO()
    export_projects(session, actor, filters, "csv", out, translate, **options)
    raw = out.getvalue()
    assert raw.startswith(b"\xef\xbb\xbf")  # the BOM: Excel reads the Chinese as UTF-8
    return list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))


def _workbook(session, actor, filters=svc.ProjectFilter(), translate=ZH, english=False):
    out = io.BytesIO()
    exported = export_projects(session, actor, filters, "xlsx", out, translate, english)
    return load_workbook(io.BytesIO(out.getvalue())), exported


def test_one_project_of_each_kind_with_its_figures_in_the_list_order(session):
    rollup_data.load(session)
    rows = _csv(session, REVIEWER, svc.ProjectFilter(sort="reference", descending=False))
    assert [r["项目编号"] for r in rows] == ["P1", "P10", "P2", "P3", "P4", "P5", "P6", "P7", "P8", "P9"]
    assert {r["类型"] for r in rows} == {ZH(label) for label in PROJECT_KINDS.values()}
    motor = next(r for r in rows if r["项目编号"] == "P4")
    assert (motor["项目名称"], motor["企业"], motor["统一社会信用代码"]) == ("项目 P4", "示例企业", rollup_data.CREDIT_CODE)
    assert (motor["区"], motor["状态"], motor["年度"], motor["完成日期"]) == ("闵行区", "已核定", "2013", "2013-09-01")
    assert Decimal(motor["节能量，当量值（吨标准煤）"]) == 10 and Decimal(motor["节能量，等价值（吨标准煤）"]) == 25
    assert Decimal(motor["高效电机（千瓦）"]) == 500 and Decimal(motor["其中再制造（千瓦）"]) == 100
    exit_ = next(r for r in rows if r["项目编号"] == "P1")
    assert Decimal(exit_["腾出土地（亩）"]) == 30  # 20,000 m² × 15 / 10,000
    assert rows[1]["节能量，等价值（吨标准煤）"] == ""  # unknown, not 0


def test_filters_select_every_page_and_the_text_matches_as_the_list(session):
    rollup_data.load(session)
    mine = svc.register_project(session, PUDONG, draft())
    listed = svc.list_projects(session, REVIEWER, svc.ProjectFilter(district_code="310115", page_size=2))
    rows = _csv(session, REVIEWER, svc.ProjectFilter(district_code="310115", page=2, page_size=2))
    assert len(rows) == listed.total == 6 and listed.pages == 3  # every page, not the one asked
    by_text = _csv(session, REVIEWER, svc.ProjectFilter(text="测试电机"))
    assert [r["项目编号"] for r in by_text] == [mine.reference]
    assert by_text[0]["项目名称"] == "高效电机改造" and by_text[0]["企业"] == "上海测试电机有限公司"
    assert [r["项目编号"] for r in _csv(session, REVIEWER, svc.ProjectFilter(kind="motor_upgrade", year=2013,
                                                                             status="verified"))] == ["P10", "P4"]


def test_each_reader_gets_what_the_list_shows_them(session):
    rollup_data.load(session)
    pudong_draft = svc.register_project(session, PUDONG, draft())
    for actor in (PUDONG, MINHANG, REVIEWER):
        expected = svc.list_projects(session, actor, svc.ProjectFilter(page_size=200)).items
        assert sorted(r["项目编号"] for r in _csv(session, actor)) == sorted(p.reference for p in expected)
    assert pudong_draft.reference not in {r["项目编号"] for r in _csv(session, MINHANG)}
    assert pudong_draft.reference in {r["项目编号"] for r in _csv(session, PUDONG)}


def test_parcels_are_listed_with_their_geodesic_area(session):
    project = svc.register_project(session, PUDONG, draft())
    [row] = _csv(session, REVIEWER)
    [parcel] = project.parcels
    assert row["地块编号"] == parcel.code
    assert Decimal(row["地块面积（m²）"]) == pytest.approx(Decimal(str(parcel.area_m2)))
    assert float(row["地块面积（亩）"]) == pytest.approx(parcel.area_m2 * 15 / 10000)
    assert len(row["最后更新（北京时间）"]) == len("2026-12-05 10:00:00")


def test_the_workbook_has_numbers_formats_a_frozen_filtered_header_and_an_about_sheet(session):
    rollup_data.load(session)
    book, exported = _workbook(session, REVIEWER, svc.ProjectFilter(kind="motor_upgrade", sort="reference",
                                                                     descending=False))
    assert exported.count == 2 and exported.file_name.startswith("projects-") and exported.file_name.endswith(".xlsx")
    sheet, about = book.worksheets
    assert sheet.title == "项目" and about.title == "说明"
    headers = [c.value for c in sheet[1]]
    assert headers[:3] == ["项目编号", "项目名称", "企业"]
    assert sheet.freeze_panes == "A2" and sheet.auto_filter.ref == f"A1:{sheet.cell(1, len(headers)).column_letter}3"
    tce = sheet.cell(2, headers.index("节能量，当量值（吨标准煤）") + 1)
    assert tce.value == 5 and tce.number_format == "#,##0.00"
    completed = sheet.cell(2, headers.index("完成日期") + 1)
    assert completed.is_date and completed.number_format == "yyyy-mm-dd"
    lines = {row[0].value: row[1].value for row in about.iter_rows(min_row=2)}
    assert lines["类型"] == "高效电机推广" and lines["区"] == "全市" and lines["项目数（项）"] == 2
    assert lines["导出人"] == "reviewer" and "示意" not in lines


def test_english_headers_and_names_when_the_reader_reads_english(session):
    rollup_data.load(session)
    book, _ = _workbook(session, REVIEWER, svc.ProjectFilter(kind="motor_upgrade"), EN, english=True)
    sheet = book.worksheets[0]
    assert [c.value for c in sheet[1]][:4] == ["Reference", "Project name", "Enterprise", "Unified social credit code"]
    assert {sheet.cell(r, 5).value for r in (2, 3)} == {"Minhang"}
    assert book.worksheets[1].title == "About"


def test_a_selection_beyond_the_bound_is_refused_before_anything_is_written(session):
    rollup_data.load(session)
    out = io.BytesIO()
    with pytest.raises(ValidationError) as refused:
        export_projects(session, REVIEWER, svc.ProjectFilter(), "xlsx", out, ZH, limit=9)
    assert out.getvalue() == b""
    assert "10" in refused.value.render(ZH) and "9" in refused.value.render(ZH)
    with pytest.raises(ValidationError):
        export_projects(session, REVIEWER, svc.ProjectFilter(), "pdf", out, ZH)


def _behind(session, query, fmt="csv", **options) -> list[dict[str, str]]:
    out = io.BytesIO()
    export_projects_behind(session, REVIEWER, query, options.pop("kinds", ()), options.pop("status", None), fmt, out,
                           ZH)
    return list(csv.DictReader(io.StringIO(out.getvalue().decode("utf-8-sig"))))


def test_the_projects_behind_a_rollup_figure_as_the_drill_down_counts_them(session):
    rollup_data.load(session)
    query = RollupQuery(year=2013, rule="verified")
    assert [r["项目编号"] for r in _behind(session, query)] == ["P1", "P10", "P2", "P3", "P4", "P5"]
    assert [r["项目编号"] for r in _behind(session, query, kinds=("motor_upgrade",))] == ["P10", "P4"]
    completed = _behind(session, RollupQuery(year=2013, rule="completed", district_code="310115"))
    assert [r["项目编号"] for r in completed] == ["P1", "P2", "P6", "P7"]
    with pytest.raises(ValidationError):
        _behind(session, query, kinds=("nope",))


def test_as_of_a_moment_the_figures_are_those_then_held(session):
    ids = rollup_data.load(session)
    before = database_now(session)
    session.execute(rollup_data.text("UPDATE projects SET savings_tce = 11 WHERE id = :id"), {"id": ids["P4"]})
    session.flush()
    then = {r["项目编号"]: r for r in _behind(session, RollupQuery(year=2013, rule="verified", as_of=before))}
    now = {r["项目编号"]: r for r in _behind(session, RollupQuery(year=2013, rule="verified"))}
    assert Decimal(then["P4"]["节能量，当量值（吨标准煤）"]) == 10 and Decimal(now["P4"]["节能量，当量值（吨标准煤）"]) == 11
    assert then["P4"]["企业"] == "示例企业"  # the enterprise as the project names it now


def test_the_about_sheet_says_when_illustrative_data_is_exported(session):
    ids = rollup_data.load(session)
    session.execute(rollup_data.text("UPDATE projects SET is_illustrative = true WHERE id = :id"), {"id": ids["P4"]})
    book, _ = _workbook(session, REVIEWER, svc.ProjectFilter(kind="motor_upgrade"))
    lines = {row[0].value: row[1].value for row in book.worksheets[1].iter_rows(min_row=2)}
    assert lines["示意"].startswith("示意数据")
    book, _ = _workbook(session, REVIEWER, svc.ProjectFilter(kind="cleaner_production"))
    assert "示意" not in {row[0].value for row in book.worksheets[1].iter_rows(min_row=2)}


def test_the_subsidies_requested_and_approved_are_columns_and_as_of_a_moment_those_then_recorded(session):
    ids = rollup_data.load(session)
    set_money = rollup_data.text("UPDATE projects SET subsidy_requested_wan_yuan = :asked, "
                                 "subsidy_approved_wan_yuan = :granted WHERE id = :id")
    session.execute(set_money, {"asked": 120, "granted": 100, "id": ids["P4"]})
    session.flush()
    before = database_now(session)
    session.execute(set_money, {"asked": 120, "granted": 90, "id": ids["P4"]})
    session.flush()
    listed = {r["项目编号"]: r for r in _csv(session, REVIEWER)}
    assert Decimal(listed["P4"]["申请补贴（万元）"]) == 120 and Decimal(listed["P4"]["批准补贴（万元）"]) == 90
    assert listed["P1"]["批准补贴（万元）"] == ""  # none recorded, not 0
    then = {r["项目编号"]: r for r in _behind(session, RollupQuery(year=2013, rule="verified", as_of=before))}
    assert Decimal(then["P4"]["批准补贴（万元）"]) == 100
