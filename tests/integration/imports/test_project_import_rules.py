"""Project workbook: the rules of the project form and the workflow (who may import which status,
parcels and enterprises of which district), what the database would refuse caught by the check
(so a dry run and an import agree), and workbooks that are damaged or laid out differently."""
from __future__ import annotations

import zipfile
from datetime import date, timedelta

import pytest
from babel.dates import format_date
from openpyxl import load_workbook
from sqlalchemy import text

from registry import clock
from registry.domain.errors import ValidationError
from registry.domain.permissions import DISTRICT_STAFF, Actor
from registry.i18n import presenter
from registry.services.imports import project_template
from registry.services.imports.report import report_rows
from registry.services.imports.projects import import_projects
from tests.integration.imports.conftest import run_import, squares, write_parcels
from tests.integration.imports.test_project_import import _ENTERPRISE, _PARCELS, _motor, _workbook

PUDONG_STAFF = Actor(None, "pudong", DISTRICT_STAFF, "310115")
ADMIN = Actor.system()
STATUS, COMPLETED, VERIFIED, INVESTMENT = "高效电机.状态", "高效电机.完成日期", "高效电机.核定日期", "高效电机.总投资（万元）"


@pytest.fixture
def parcels(session, districts, tmp_path):
    """T-000001 in Pudong (310115), T-000002 moved to Minhang (310112), T-000003 retired."""
    run_import(session, write_parcels(tmp_path / "p.gpkg", squares(3)))
    session.execute(text("UPDATE parcels SET district_code = '310112' WHERE code = 'T-000002'"))
    session.execute(text("UPDATE parcels SET valid_to = current_date WHERE code = 'T-000003'"))
    session.commit()


def _refusals(result) -> list[tuple[int, str, str | None, str]]:
    """(row, field, value, reason) as the report's English column gives them."""
    return [(p.row, p.field, p.value, p.message.render(show=presenter("en"))) for p in result.problems]


def test_district_staff_import_only_the_statuses_they_reach_themselves(session, parcels, tmp_path):
    rows = [_motor("FX-VER-1", 状态="verified", 完成日期=date(2017, 6, 1)),
            _motor("FX-FUT-1", 状态="completed", 完成日期=date(2099, 1, 1)),
            _motor("FX-APP-1", 状态="approved"),
            _motor("FX-DATE-1", 完成日期=date(2017, 6, 1)),  # a draft has no completion date
            _motor("FX-SUB-1", 状态="submitted"), _motor("FX-DRAFT-1")]
    result = import_projects(session, PUDONG_STAFF, _workbook(tmp_path, rows, enterprises=[_ENTERPRISE]),
                             on_error="skip")
    assert [(row, field, value) for row, field, value, _ in _refusals(result)] == [
        (2, STATUS, "verified"), (3, STATUS, "completed"), (4, STATUS, "approved"), (5, COMPLETED, "2017-06-01")]
    # the statuses by their names in the reader's language, listed with its separator
    assert _refusals(result)[0][3] == ("may be only Draft, Submitted for your role: a project becomes Verified "
                                       "through the review workflow")
    assert next(report_rows(result.problems[:1]))[4] == "您的角色只能导入以下状态：草稿、已提交；项目须经审核流程才能变为“已核定”"
    assert _refusals(result)[3][3] == "only a completed or verified project has a completion date"
    stored = session.execute(text("SELECT reference, status FROM projects WHERE reference LIKE 'FX-%' "
                                  "ORDER BY reference")).all()
    assert [tuple(r) for r in stored] == [("FX-DRAFT-1", "draft"), ("FX-SUB-1", "submitted")]


def test_administrators_load_historical_projects_with_the_workflows_dates(session, parcels, tmp_path):
    today = clock.today()  # the registry's day (Shanghai), not the server's
    rows = [_motor("FX-VER-1", 状态="verified", 完成日期=date(2017, 6, 1), 核定日期=date(2017, 9, 1)),
            _motor("FX-VER-2", 状态="verified", 完成日期=date(2017, 6, 1)),  # no verification date
            _motor("FX-VER-3", 状态="verified", 完成日期=date(2017, 6, 1), 核定日期=date(2017, 5, 1)),
            _motor("FX-FUT-1", 状态="completed", 完成日期=today + timedelta(days=1)),
            _motor("FX-OLD-1", 状态="completed", 完成日期=date(2015, 12, 31)),  # before the year before 2017
            _motor("FX-COM-1", 状态="completed", 完成日期=date(2016, 1, 1))]
    result = import_projects(session, ADMIN, _workbook(tmp_path, rows, enterprises=[_ENTERPRISE]), on_error="skip")
    assert [(row, field, reason) for row, field, _, reason in _refusals(result)] == [
        (3, VERIFIED, "is required for a project whose status is Verified"),
        (4, VERIFIED, "must not be before the completion date"),
        (5, COMPLETED, f"must not be in the future (today is {format_date(today, 'medium', locale='en')})"),
        (6, COMPLETED, "the completion date is before the project's year")]
    stored = session.execute(text("SELECT reference, status, completed_on, verified_on FROM projects "
                                  "WHERE reference LIKE 'FX-%' ORDER BY reference")).all()
    assert [tuple(r) for r in stored] == [("FX-COM-1", "completed", date(2016, 1, 1), None),
                                          ("FX-VER-1", "verified", date(2017, 6, 1), date(2017, 9, 1))]


def test_a_day_that_does_not_exist_is_said_not_to(session, parcels, tmp_path):
    """2017-02-30 was refused as a date in the wrong format (必须是 YYYY-MM-DD 格式的日期…)."""
    rows = [_motor("FX-FEB-1", 状态="completed", 完成日期="2017-02-30"),
            _motor("FX-FMT-1", 状态="completed", 完成日期="二月底")]
    result = import_projects(session, ADMIN, _workbook(tmp_path, rows, enterprises=[_ENTERPRISE]), on_error="skip")
    assert [line[2:6] for line in report_rows(result.problems)] == [  # the header alone beside its cell (line[1])
        ("完成日期", "2017-02-30", "2017年2月没有30日", "February 2017 has no day 30"),
        ("完成日期", "二月底", "必须是年份在前的日期（2017-09-30、2017/9/30、2017.9.30 或 2017年9月30日）",
         "must be a date written year first — 2017-09-30, 2017/9/30, 2017.9.30 or 2017年9月30日")]


def test_district_staff_link_only_parcels_in_force_in_their_district(session, parcels, tmp_path):
    rows = [_motor("FX-MH-1", **{_PARCELS: "T-000002"}), _motor("FX-RET-1", **{_PARCELS: "T-000003"}),
            _motor("FX-OK-1", **{_PARCELS: "T-000001"})]
    path = _workbook(tmp_path, rows, enterprises=[_ENTERPRISE])
    result = import_projects(session, PUDONG_STAFF, path, on_error="skip")
    assert _refusals(result) == [
        (2, f"高效电机.{_PARCELS}", "T-000002",
         "parcel T-000002 lies in district Minhang, not in the project's district Pudong New Area"),
        (3, f"高效电机.{_PARCELS}", "T-000003", "no active parcel with code T-000003")]
    assert [line[4] for line in report_rows(result.problems)][0] == "地块 T-000002 位于闵行区，不在项目所在的浦东新区"
    assert result.inserted == 1
    rows = [_motor("FX-MH-2", **{_PARCELS: "T-000002"}), _motor("FX-RET-2", **{_PARCELS: "T-000003"})]
    path = _workbook(tmp_path, rows, enterprises=[_ENTERPRISE])
    assert import_projects(session, ADMIN, path).inserted == 2  # administrators link any registered parcel


def test_a_project_in_another_district_is_refused_naming_both_districts(session, parcels, tmp_path):
    path = _workbook(tmp_path, [_motor("FX-MH-1", 区代码="310112")], enterprises=[_ENTERPRISE])
    result = import_projects(session, PUDONG_STAFF, path, on_error="skip")
    assert (2, "高效电机.区代码", "310112", "District staff of Pudong New Area may not act in district Minhang.") in _refusals(result)


def test_district_staff_register_enterprises_only_in_their_district(session, districts, tmp_path):
    minhang = {**_ENTERPRISE, "区代码": "310112"}
    result = import_projects(session, PUDONG_STAFF, _workbook(tmp_path, [], enterprises=[minhang]))
    assert _refusals(result) == [(2, "企业.区代码", "310112", "District staff of Pudong New Area may not act in district Minhang.")]
    assert [line[4] for line in report_rows(result.problems)] == ["浦东新区的区级工作人员不能在闵行区操作。"]
    nowhere = {**_ENTERPRISE, "区代码": "999999"}  # would break the district key: refused for everyone
    result = import_projects(session, ADMIN, _workbook(tmp_path, [], enterprises=[nowhere]))
    assert _refusals(result) == [(2, "企业.区代码", "999999", "no district has this code")]  # the line shows 999999
    unplaced = {**_ENTERPRISE, "区代码": None}  # as on the project form: the staff's district
    assert import_projects(session, PUDONG_STAFF, _workbook(tmp_path, [], enterprises=[unplaced])).loaded
    assert session.execute(text("SELECT district_code FROM enterprises WHERE credit_code = :c"),
                           {"c": _ENTERPRISE["统一社会信用代码"]}).scalar_one() == "310115"


def test_a_dry_run_refuses_every_row_the_database_would_refuse(session, parcels, tmp_path):
    """Each value here once passed the check and then failed the INSERT (a 500)."""
    bad = [_motor("FX-NEG-1", **{"总投资（万元）": -5}), _motor("FX-HUGE-1", **{"总投资（万元）": "1e999999"}),
           _motor("FX-LONG-1", **{"产值（万元）": "1." + "0" * 20000}), _motor("FX-TINY-1", **{"产值（万元）": "1e-40"}),
           _motor("FX-YR-1", 年度=1800), _motor("FX-YR-2", 年度=99999), _motor("R" * 101)]
    bad[-1]["项目名称"] = "a reference too long for the unique key"
    rows = [*bad, _motor("FX-OK-1")]
    path = _workbook(tmp_path, rows, enterprises=[{**_ENTERPRISE}, {**_ENTERPRISE, "统一社会信用代码": None}])
    dry = import_projects(session, ADMIN, path, on_error="skip", dry_run=True)
    real = import_projects(session, ADMIN, path, on_error="skip")
    assert _refusals(dry) == _refusals(real) and real.refused == dry.refused == len(bad) + 1
    assert {row for row, *_ in _refusals(real) if _[0].startswith("高效电机")} == set(range(2, 2 + len(bad)))
    assert (2, INVESTMENT, "-5", "must not be negative") in _refusals(real)
    assert (3, INVESTMENT, "1e999999", "must be at most 1,000,000,000,000") in _refusals(real)
    assert dry.inserted == real.inserted == 1 and real.loaded
    assert session.execute(text("SELECT count(*) FROM projects WHERE reference LIKE 'FX-%'")).scalar_one() == 1


def test_money_is_taken_up_to_the_bound_of_the_project_form(session, parcels, tmp_path):
    rows = [_motor("FX-MAX-1", **{"总投资（万元）": 10**12}), _motor("FX-OVER-1", **{"总投资（万元）": "1000000000000.01"})]
    result = import_projects(session, ADMIN, _workbook(tmp_path, rows, enterprises=[_ENTERPRISE]), on_error="skip")
    assert _refusals(result) == [(3, INVESTMENT, "1000000000000.01",
                                  "must be at most 1,000,000,000,000")]  # the value not said twice
    assert [line[4] for line in report_rows(result.problems)] == ["不得大于 1,000,000,000,000"]
    assert session.execute(text("SELECT investment_wan_yuan FROM projects WHERE reference = 'FX-MAX-1'")).scalar_one() \
        == 10**12


def test_a_csv_cell_with_a_nul_is_a_refused_row_not_an_error(session, parcels, tmp_path):
    headers = [h for _, h in project_template.COMMON + project_template.KIND_COLUMNS["motor_upgrade"]]
    row = _motor("FX-NUL-1", 项目名称="a\x00b", 统一社会信用代码=_ENTERPRISE["统一社会信用代码"] + "\x00")
    path = tmp_path / "motors.csv"
    path.write_text(",".join(headers) + "\n" + ",".join(str(row.get(h) or "") for h in headers) + "\n")
    result = import_projects(session, ADMIN, path, kind="motor_upgrade", on_error="skip")
    assert [(r, f, v) for r, f, v, _ in _refusals(result)] == [
        (2, "项目名称", "a\ufffdb"), (2, "统一社会信用代码", _ENTERPRISE["统一社会信用代码"] + "\ufffd")]


def test_dry_run_says_what_an_import_would_insert(session, parcels, tmp_path):
    path = _workbook(tmp_path, [_motor("FX-1"), _motor("FX-2"), _motor("FX-2", 台数=2), _motor("FX-3", 年度=1800)],
                     enterprises=[_ENTERPRISE])
    dry = import_projects(session, ADMIN, path, dry_run=True, on_error="skip")
    assert (dry.inserted, dry.refused, dry.loaded) == (2, 1, False)
    assert import_projects(session, ADMIN, path, on_error="skip").inserted == 2
    again = import_projects(session, ADMIN, path, dry_run=True, on_error="skip")
    assert (again.inserted, again.unchanged) == (0, 2)


def _file_error(session, path, **options) -> str:
    with pytest.raises(ValidationError) as error:
        import_projects(session, ADMIN, path, **options)
    assert [e.field for e in error.value.field_errors] == ["file"]
    return error.value.field_errors[0].message.render()


def test_workbooks_laid_out_otherwise_are_read_or_named_precisely(session, parcels, tmp_path):
    path = _workbook(tmp_path, [_motor("FX-1")], enterprises=[_ENTERPRISE])
    book = load_workbook(path)
    book["高效电机"].title = "高效电机 "  # a blank typed after the name
    book["企业"].insert_rows(1)  # a title row above the header, merged across
    book["企业"]["A1"] = "企业名录"
    book["企业"].merge_cells("A1:E1")
    book.save(path)
    result = import_projects(session, ADMIN, path, dry_run=True)
    assert (result.rows_read, result.inserted, result.problems) == (2, 1, ())

    for title in book.sheetnames:
        book[title].title = f"Sheet{book.sheetnames.index(title) + 1}"
    book.save(path)
    assert _file_error(session, path).startswith("has no sheet of the project template; expected sheets named 产业结构调整")

    headless = _workbook(tmp_path, [_motor("FX-1")])
    book = load_workbook(headless)
    book["高效电机"].delete_rows(1)
    book.save(headless)
    assert _file_error(session, headless).startswith("sheet 高效电机: no header row in its first 10 rows")


def test_a_damaged_workbook_and_a_csv_without_its_kind_are_file_errors(session, parcels, tmp_path):
    whole = _workbook(tmp_path, [_motor("FX-1")])
    damaged = tmp_path / "damaged.xlsx"
    # the motor sheet's part: sheets are written in order as sheetN.xml (the template's notes come first)
    motors = f"sheet{load_workbook(whole).sheetnames.index('高效电机') + 1}.xml"
    with zipfile.ZipFile(whole) as source, zipfile.ZipFile(damaged, "w") as target:
        for item in source.infolist():
            if not item.filename.endswith(f"/{motors}"):
                target.writestr(item, source.read(item))
    assert _file_error(session, damaged) == ("is damaged: the contents of sheet 高效电机 are missing; open the file "
                                             "in Excel and save it again")
    truncated = tmp_path / "truncated.xlsx"
    truncated.write_bytes(whole.read_bytes()[:3000])
    assert _file_error(session, truncated) == "cannot be read: it is damaged, or not an Excel workbook (.xlsx)"
    csv = tmp_path / "motors.csv"
    csv.write_text("项目编号,项目名称\nFX-CSV-2,x\n")
    assert _file_error(session, csv).startswith("is a CSV file, which holds projects of one kind, and no kind")


def test_a_workbook_from_an_older_template_is_read_with_its_verification_header(session, parcels, tmp_path):
    rows = [_motor("FX-OLD-HEAD", 状态="verified", 完成日期=date(2017, 6, 1), 核定日期=date(2017, 9, 1))]
    path = _workbook(tmp_path, rows, enterprises=[_ENTERPRISE])
    book = load_workbook(path)
    sheet = book["高效电机"]
    [cell] = [c for c in sheet[1] if c.value == "核定日期"]
    cell.value = "核验日期"  # the header templates wrote before 2026-12-05
    book.save(path)
    result = import_projects(session, ADMIN, path)
    assert result.loaded and not result.problems, result.problems
    assert session.execute(text("SELECT verified_on FROM projects WHERE reference = 'FX-OLD-HEAD'")).scalar_one() \
        == date(2017, 9, 1)


def test_an_enterprise_neither_registered_nor_on_the_enterprise_sheet_says_where_to_add_it(session, parcels, tmp_path):
    """It said only “no enterprise with credit code …”, leaving the clerk to guess the 企业 sheet."""
    unknown = "91310115MA1K000003"  # well formed: a malformed one is said to be
    path = _workbook(tmp_path, [_motor("FX-ENT-1", 统一社会信用代码=unknown)])
    result = import_projects(session, ADMIN, path, dry_run=True, on_error="skip")
    assert [(row, field, value) for row, field, value, _ in _refusals(result)] == [(2, "高效电机.统一社会信用代码", unknown)]
    assert _refusals(result)[0][3] == ("no enterprise with this credit code is registered or on the 企业 sheet: "
                                       "add it to the 企业 sheet, or correct the code")  # the line shows the code
    assert next(report_rows(result.problems))[4] == ("登记系统和“企业”表中都没有该统一社会信用代码的企业："
                                                     "请在“企业”表中填写该企业，或更正代码")
    headers = [h for _, h in project_template.COMMON + project_template.KIND_COLUMNS["motor_upgrade"]]
    csv = tmp_path / "motors.csv"
    row = _motor("FX-ENT-2", 统一社会信用代码=unknown)
    csv.write_text(",".join(headers) + "\n" + ",".join(str(row.get(h) or "") for h in headers) + "\n")
    result = import_projects(session, ADMIN, csv, kind="motor_upgrade", dry_run=True, on_error="skip")
    assert next(report_rows(result.problems))[4] == ("登记系统中没有该统一社会信用代码的企业：请先登记该企业"
                                                     "（CSV 文件不含企业信息），或更正代码")


def test_a_row_with_an_unreadable_year_is_checked_for_everything_else_at_once(session, parcels, tmp_path):
    """The year is typed wrong and the parcel code, the credit code and the status too: every
    problem of the row is said in one report, so the user corrects them all before uploading again.
    What needs the year (the completion date's year, the savings) is not checked, nor said wrong."""
    rows = [_motor("FX-ALL-1", 年度="二〇一七", 状态="finished", 统一社会信用代码="91310115MA1K00002X",
                   **{"地块编号（逗号分隔）": "T-404404", "区代码": "310999"}),
            _motor("FX-YEAR-1", 年度="2017年", 完成日期=date(2017, 6, 1))]
    result = import_projects(session, ADMIN, _workbook(tmp_path, rows, enterprises=[_ENTERPRISE]), on_error="skip")
    assert [(row, field, value) for row, field, value, _ in _refusals(result)] == [
        (2, "高效电机.年度", "二〇一七"), (2, STATUS, "finished"), (2, "高效电机.区代码", "310999"),
        (2, "高效电机.统一社会信用代码", "91310115MA1K00002X"), (2, "高效电机.地块编号（逗号分隔）", "T-404404"),
        (3, "高效电机.年度", "2017年"), (3, COMPLETED, "2017-06-01")]
    assert _refusals(result)[4][3] == "no parcel with code T-404404"
    assert _refusals(result)[6][3] == "only a completed or verified project has a completion date"
    assert session.execute(text("SELECT count(*) FROM projects WHERE reference LIKE 'FX-%'")).scalar_one() == 0
