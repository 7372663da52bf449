"""Rollup reports: XLSX (openpyxl and LibreOffice), CSV and JSON agree on every total."""
from __future__ import annotations

import csv
import io
import shutil
import subprocess
from datetime import date

import pytest
from openpyxl import load_workbook

from sqlalchemy import text

from registry.catalogues import translator
from registry.domain.permissions import Actor
from registry.domain.rollups import RollupQuery
from registry.services import rollups
from registry.services.rollup_reports import rollup_csv, rollup_json
from registry.services.rollup_xlsx import rollup_xlsx
from tests.integration import rollup_data

TODAY = date(2014, 2, 1)


def identity(msgid: str) -> str:
    return msgid


@pytest.fixture
def report(session):
    rollup_data.load(session)
    rollup_data.add_target(session, "retrofit_savings_tce", "400", "tce")
    return rollups.rollup(session, RollupQuery(2013), with_projects=True)


def test_xlsx_has_the_sheets_numbers_as_numbers_and_totals_equal_to_the_json(report):
    workbook = load_workbook(io.BytesIO(rollup_xlsx(report, identity, TODAY)))
    assert workbook.sheetnames == ["Summary vs targets", "By district", "By kind", "Projects", "About"]
    body = rollup_json(report, identity, TODAY)
    # every kind, the boiler replacements at 0 (none verified in 2013), as every district
    assert [(k["kind"], k["project_count"]) for k in body["by_kind"]][:2] == [
        ("structural_adjustment", 1), ("boiler_replacement", 0)] and len(body["by_kind"]) == 6
    assert workbook["By kind"]["A3"].value == "Coal/heavy-oil boiler replacement"
    for name in ("By district", "By kind"):
        sheet = workbook[name]
        assert sheet.freeze_panes == "A2"
        header = [c.value for c in sheet[1]]
        total_row = [c.value for c in sheet[sheet.max_row]]
        values = dict(zip(header, total_row))
        assert values["Projects (count)"] == body["totals"]["project_count"] == 6
        assert values["Energy saved, equivalent value (tce)"] == body["totals"]["savings_tce"] == 1365
        assert values["Energy saved, equal value (tce)"] == body["totals"]["savings_tce_equal_value"] == 1965
        assert values["Motors installed (kW)"] == body["totals"]["installed_kw"]
        assert values["Land freed (mu)"] == 30
        assert isinstance(values["Energy saved, equivalent value (tce)"], (int, float))
    summary = workbook["Summary vs targets"]
    rows = {r[0].value: [c.value for c in r] for r in summary.iter_rows(min_row=2)}
    retrofit = rows["Energy saved by retrofits (equivalent value)"]
    assert retrofit[3] == 400 and retrofit[5] == 200 and retrofit[6] == 50
    projects = workbook["Projects"]
    assert projects.max_row == 1 + 6 and projects["A2"].value == "P1"
    assert projects.print_title_rows == "$1:$1"


def test_the_project_sheet_names_each_savings_method_in_chinese_ipmvp_options_too(session):
    ids = rollup_data.load(session)
    for reference, method in (("P1", "prior_year"), ("P2", "ipmvp_b"), ("P3", "stipulated")):
        session.execute(text("UPDATE projects SET savings_method = :m WHERE id = :id"), {"m": method, "id": ids[reference]})
    report = rollups.rollup(session, RollupQuery(2013), with_projects=True)
    sheet = load_workbook(io.BytesIO(rollup_xlsx(report, translator("zh_Hans_CN"), TODAY)))["项目"]
    header = [c.value for c in sheet[1]]
    methods = {row[0].value: row[header.index("方法")].value for row in sheet.iter_rows(min_row=2)}
    assert methods["P1"] == "退出前最后一个完整年度的能耗"
    assert methods["P2"] == "改造前后对比（IPMVP 选项B，全参数测量）"
    assert methods["P3"] == "改造前后对比（约定值）"


def test_the_english_workbook_names_the_district_in_english_on_every_sheet(session):
    rollup_data.load(session)
    report = rollups.rollup(session, RollupQuery(2013, district_code="310115"), with_projects=True)
    workbook = load_workbook(io.BytesIO(rollup_xlsx(report, translator("en"), TODAY, english=True)))
    about = {row[0].value: row[1].value for row in workbook["About"].iter_rows(min_row=2)}
    assert about["District"] == "Pudong"
    assert {row[1].value for row in workbook["By district"].iter_rows(min_row=2)} == {"Pudong", "Total"}
    chinese = load_workbook(io.BytesIO(rollup_xlsx(report, translator("zh_Hans_CN"), TODAY)))
    assert {row[0].value: row[1].value for row in chinese["说明"].iter_rows(min_row=2)}["区"] == "浦东新区"


def test_the_about_sheet_heads_its_columns_without_the_word_for_project(report):
    """Its headers read 项目 | 数值 in a workbook whose 项目 are projects, over rows of words."""
    chinese = load_workbook(io.BytesIO(rollup_xlsx(report, translator("zh_Hans_CN"), TODAY)))["说明"]
    assert [c.value for c in chinese[1]] == ["事项", "内容"]
    english = load_workbook(io.BytesIO(rollup_xlsx(report, translator("en"), TODAY, english=True)))["About"]
    assert [c.value for c in english[1]] == ["Item", "Detail"]


def test_xlsx_of_the_same_report_is_byte_identical(report):
    assert rollup_xlsx(report, identity, TODAY) == rollup_xlsx(report, identity, TODAY)


def test_xlsx_converts_to_pdf_with_libreoffice(report, tmp_path):
    office = shutil.which("libreoffice") or shutil.which("soffice")
    if office is None:
        pytest.fail("libreoffice is missing: scripts/lib/setup.sh installs libreoffice-calc-nogui")
    source = tmp_path / "rollup-2013.xlsx"
    source.write_bytes(rollup_xlsx(report, identity, TODAY))
    profile = tmp_path / "lo-profile"
    done = subprocess.run([office, f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "pdf",
                           "--outdir", str(tmp_path), str(source)], capture_output=True, text=True, timeout=180)
    pdf = tmp_path / "rollup-2013.pdf"
    assert done.returncode == 0, done.stderr
    assert pdf.exists() and pdf.read_bytes().startswith(b"%PDF")


def test_csv_has_a_row_per_cell_and_a_total_row(report):
    text = rollup_csv(report, identity).decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert len(rows) == len(report.cells) + 1
    total = rows[-1]
    assert total["district"] == "Total" and total["project_count"] == "6"
    assert float(total["savings_tce"]) == 1365 and total["equal_value_missing"] == "1"


def test_json_lists_both_bases_and_progress(report):
    body = rollup_json(report, identity, TODAY)
    assert body["year"] == 2013 and body["rule"] == "verified" and body["as_of"] is None
    by_district = {d["district_code"]: d for d in body["by_district"]}
    assert by_district["310115"]["savings_tce"] == 1200 and by_district["310115"]["savings_tce_equal_value"] == 1760
    retrofit = next(p for p in body["progress"] if p["metric"] == "retrofit_savings_tce")
    assert retrofit["target"] == 400 and retrofit["actual"] == 200 and retrofit["percent"] == 50
    assert retrofit["expected_percent"] == 100 and retrofit["behind_pace"]


def test_a_project_title_that_looks_like_a_formula_is_text_in_the_workbook(session):
    rollup_data.load(session)
    link = '=HYPERLINK("http://evil.example/","点击")'
    session.execute(text("UPDATE projects SET title = :t WHERE reference = 'P1'"), {"t": link})
    report = rollups.rollup(session, RollupQuery(2013), with_projects=True)
    projects = load_workbook(io.BytesIO(rollup_xlsx(report, identity, TODAY)))["Projects"]
    [title] = [row[1] for row in projects.iter_rows(min_row=2) if row[0].value == "P1"]
    assert (title.value, title.data_type) == (link, "s")
    assert isinstance(projects["H2"].value, (int, float))  # figures stay numbers


def test_the_workbook_writes_a_ten_thousand_unit_in_a_summary_as_a_multiplier(session):
    import json

    from registry.services import savings

    rollup_data.load(session)
    result = savings.compute(session, {  # as a project workbook's 吨标准煤/万元 is stored
        "kind": "technical_retrofit", "year": 2013, "method": "intensity", "intensity_before": "1.2",
        "intensity_after": "1", "intensity_unit": "tce/10^4 CNY", "output_reporting": "5000"})
    session.execute(text("UPDATE projects SET savings_trace = CAST(:trace AS jsonb) WHERE reference = 'P2'"),
                    {"trace": json.dumps(savings.stored_trace(result))})
    report = rollups.rollup(session, RollupQuery(2013), with_projects=True)
    projects = load_workbook(io.BytesIO(rollup_xlsx(report, identity, TODAY)))["Projects"]
    [summary] = [row[-1].value for row in projects.iter_rows(min_row=2) if row[0].value == "P2"]
    # the result to its unit's places as the page shows it (presentation.PLACES), not the float's 1000.0
    assert summary == "(1.2 − 1) tce/10⁴ CNY × 5000 × 10⁴ CNY = 1000.00 tce", summary


def test_the_about_sheet_says_the_day_the_figures_were_read_and_who_exported_them(report, session):
    """数据截至 said 当前 (now), which a file read next month no longer means; the land-output workbook
    names who exported it. The day alone, so the same report the same day is the same file."""
    chinese = load_workbook(io.BytesIO(rollup_xlsx(report, translator("zh_Hans_CN"), TODAY, exported_by="pudong")))
    about = {row[0].value: row[1].value for row in chinese["说明"].iter_rows(min_row=2)}
    assert about["数据截至（北京时间）"] == "读取于 2014-02-01"
    assert about["导出人"] == "pudong" and about["导出日期"] == "2014-02-01"
    assert rollup_xlsx(report, identity, TODAY, exported_by="pudong") == rollup_xlsx(
        report, identity, TODAY, exported_by="pudong")
    # a closed year's frozen report is the same file whoever takes it, whenever (its checksum's report)
    rollups.close_year(session, Actor.system(), 2013, "verified")
    frozen = rollups.frozen_rollup(session, 2013, "verified")
    taken = load_workbook(io.BytesIO(rollup_xlsx(frozen, identity, TODAY, exported_by="pudong")))["About"]
    assert {row[0].value for row in taken.iter_rows(min_row=2)}.isdisjoint({"Exported by", "Exported on"})
    assert rollup_xlsx(frozen, identity, TODAY, exported_by="pudong") == rollup_xlsx(
        frozen, identity, date(2015, 1, 1), exported_by="admin")
