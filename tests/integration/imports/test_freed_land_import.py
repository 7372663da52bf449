"""A parcel import reads a freed parcel's freed date (腾出日期, ``freed_on``) and former use (原用途,
``former_use``) when the file has them — the registry's export writes both — checked against the
parcel's status; the former-use trigger (migration 0046) then has its say by status. A file without
them imports as before."""
from __future__ import annotations

from datetime import date

from sqlalchemy import text

from registry.domain.permissions import Actor
from registry.services.imports.mapping import MappingProfile
from registry.services.imports.projects import import_projects
from registry.services.imports.report import report_rows
from tests.integration.imports.conftest import run_import, squares, write_parcels
from tests.integration.imports.test_exit_parcels_import import _exit, _workbook

FREED = "SELECT code, status, land_use_class, freed_on, former_use FROM parcels ORDER BY code"


def stored(session) -> dict[str, tuple]:
    return {code: rest for code, *rest in session.execute(text(FREED)).all()}


def test_the_freed_date_and_former_use_come_back_by_status(session, districts, tmp_path):
    path = write_parcels(tmp_path / "freed.gpkg", squares(5), land_use=["M1", "M2", "B1", "B2", "M3"], extra={
        "status": ["freed", "redevelopment_planned", "redeveloped", "redeveloped", "in_use"],
        "freed_on": ["2015-06-30", "2016-01-31", "2014-05-01", "", ""],
        "former_use": ["M1", "", "m2", "", ""]})

    result = run_import(session, path)

    assert (result.inserted, result.refused) == (5, 0)
    assert stored(session) == {
        "T-000001": ["freed", "M1", date(2015, 6, 30), "M1"],
        # planned: the trigger gives it its land use, the use the land was freed with
        "T-000002": ["redevelopment_planned", "M2", date(2016, 1, 31), "M2"],
        # redeveloped: the file's former use is kept (its land use is the new one)
        "T-000003": ["redeveloped", "B1", date(2014, 5, 1), "M2"],
        # blank: no project freed it, so no date; and an unknown former use, shown "—"
        "T-000004": ["redeveloped", "B2", None, None],
        "T-000005": ["in_use", "M3", None, None]}
    again = run_import(session, path)
    assert (again.inserted, again.updated, again.unchanged) == (0, 0, 5)


def test_freed_dates_and_former_uses_the_status_does_not_allow_are_refused_with_the_row(session, districts, tmp_path):
    rows = [("in_use", "M1", "2015-01-01", ""), ("in_use", "M1", "", "M1"), ("freed", "M1", "", "M2"),
            ("freed", "M1", "2999-01-01", ""), ("redevelopment_planned", "M1", "", "X9"),
            ("freed", "M1", "2015-02-30", ""), ("redeveloped", "B1", "2015-01-01", "M3"), ("", "M1", "2015-01-01", "")]
    status, land_use, freed_on, former_use = (list(column) for column in zip(*rows))
    path = write_parcels(tmp_path / "bad.gpkg", squares(len(rows)), land_use=land_use,
                         extra={"status": status, "freed_on": freed_on, "former_use": former_use})

    result = run_import(session, path, on_error="skip")

    today = session.execute(text("SELECT current_date")).scalar_one()
    lines = {line[0]: line[1:5] for line in report_rows(result.problems)}
    assert set(lines) == {1, 2, 3, 4, 5, 6, 8} and result.problems_total == 7
    assert lines[1] == ("腾出日期 Freed on", "2015-01-01",
                        "使用中的地块未曾腾出：腾出日期请留空，或将状态填为已腾出、已规划二次开发或已完成二次开发",
                        "a parcel in use was not freed: leave its freed date blank, or give its status as freed, "
                        "redevelopment planned or redeveloped")
    assert lines[2][:3] == ("原用途 Former use", "M1",
                            "使用中的地块没有原用途：原用途请留空，或将状态填为已腾出、已规划二次开发或已完成二次开发")
    assert lines[3][:3] == ("原用途 Former use", "M2", "已腾出或已规划二次开发的地块，原用途须与用地性质（M1）一致：土地仍是腾出时的用途")
    assert lines[4][:2] == ("腾出日期 Freed on", "2999-01-01")
    assert lines[4][3] == f"must not be in the future (today is {today:%b} {today.day}, {today.year})"
    assert lines[4][2] == f"不能晚于今天（今天是 {today.year}年{today.month}月{today.day}日）"
    assert lines[5][2].startswith("不是可选值（可选：一类工业用地（M1）、二类工业用地（M2）、"), lines[5]
    assert lines[6][2:] == ("2015年2月没有30日", "February 2015 has no day 30")
    assert lines[8][0] == "腾出日期 Freed on"  # a blank status is in use, as it is written
    assert stored(session) == {"T-000007": ["redeveloped", "B1", date(2015, 1, 1), "M3"]}


def test_without_a_status_column_a_parcel_is_judged_by_its_own(session, districts, tmp_path):
    run_import(session, write_parcels(tmp_path / "first.gpkg", squares(2), extra={"status": ["freed", "in_use"]}))
    path = write_parcels(tmp_path / "dates.gpkg", squares(3), extra={"freed_on": ["2016-09-30", "2016-09-30", ""],
                                                                      "former_use": ["M1", "", "M1"]})

    result = run_import(session, path, on_error="skip")

    assert {(p.row, p.field) for p in result.problems} == {(2, "freed_on"), (3, "former_use")}
    assert stored(session)["T-000001"] == ["freed", "M1", date(2016, 9, 30), "M1"]
    assert stored(session)["T-000002"] == ["in_use", "M1", None, None]


def test_without_a_status_column_a_redeveloped_parcel_takes_the_files_former_use(session, districts, tmp_path):
    """The upsert's proposed row is written, triggers and all, before it meets the parcel it updates:
    it must carry the parcel's status, or the triggers take it for a parcel in use and clear both."""
    run_import(session, write_parcels(tmp_path / "first.gpkg", squares(1), land_use=["B1"],
                                      extra={"status": ["redeveloped"]}))

    again = run_import(session, write_parcels(tmp_path / "gis.gpkg", squares(1), land_use=["B1"],
                                              extra={"freed_on": ["2015-03-31"], "former_use": ["M2"]}))

    assert again.updated == 1 and stored(session)["T-000001"] == ["redeveloped", "B1", date(2015, 3, 31), "M2"]


def test_the_columns_are_found_by_their_chinese_names_or_a_mapping(session, districts, tmp_path):
    extra = {"status": ["redeveloped"], "腾出日期": ["2017-12-31"], "原用途": ["M2"]}
    run_import(session, write_parcels(tmp_path / "zh.gpkg", squares(1), land_use=["B1"], extra=extra))
    assert stored(session)["T-000001"] == ["redeveloped", "B1", date(2017, 12, 31), "M2"]

    mapped = write_parcels(tmp_path / "dkb.gpkg", squares(1), land_use=["B1"],
                           extra={"status": ["redeveloped"], "TCRQ": ["2018-01-31"], "YYT": ["W1"]})
    result = run_import(session, mapped, mapping=MappingProfile({"freed_on": "TCRQ", "former_use": "YYT"}))
    assert result.columns["freed_on"] == "TCRQ" and result.updated == 1
    assert stored(session)["T-000001"] == ["redeveloped", "B1", date(2018, 1, 31), "W1"]


def test_a_file_without_them_leaves_a_freed_parcels_date_and_former_use_alone(session, districts, tmp_path):
    """A district's GIS file has neither column: its parcels keep what the registry knows."""
    run_import(session, write_parcels(tmp_path / "first.gpkg", squares(2), land_use=["B1", "M1"], extra={
        "status": ["redeveloped", "freed"], "freed_on": ["2015-03-31", "2016-03-31"], "former_use": ["M2", ""]}))
    before = stored(session)

    result = run_import(session, write_parcels(tmp_path / "gis.gpkg", squares(2), land_use=["B1", "M1"]))

    assert "freed_on" not in result.columns and "former_use" not in result.columns
    assert (result.updated, result.unchanged) == (0, 2) and stored(session) == before
    assert before["T-000001"] == ["redeveloped", "B1", date(2015, 3, 31), "M2"]


def test_a_parcel_an_import_sets_back_in_use_keeps_no_freed_date(session, districts, tmp_path):
    """A file with a status column but no freed date: the parcel it takes back to in use loses the
    date it was freed on with its former use (migrations 0047 and 0046), and the export, the freed
    land and the tiles need not hide it."""
    run_import(session, write_parcels(tmp_path / "freed.gpkg", squares(2), extra={
        "status": ["freed", "freed"], "freed_on": ["2015-06-30", "2016-06-30"]}))

    result = run_import(session, write_parcels(tmp_path / "back.gpkg", squares(2), extra={"status": ["in_use", "freed"]}))

    assert result.updated == 1
    assert stored(session) == {"T-000001": ["in_use", "M1", None, None],
                               "T-000002": ["freed", "M1", date(2016, 6, 30), "M1"]}


def test_a_freed_parcel_with_a_blank_freed_date_imported_again_is_unchanged(session, districts, tmp_path):
    """A blank freed date is the one derived from the project that freed the parcel (migration 0005):
    the same file again changes nothing, so it is counted unchanged, by the dry run and the import alike,
    and the parcel's version stays (it was counted updated on every upload, the proposed blank
    compared with the derived date)."""
    run_import(session, write_parcels(tmp_path / "first.gpkg", squares(2)))
    completed = _exit("EX-DONE", "已完成", "T-000001") | {"完成日期": "2017-06-01"}
    assert import_projects(session, Actor.system(), _workbook(tmp_path, [completed])).loaded
    assert stored(session)["T-000001"] == ["freed", "M1", date(2017, 6, 1), "M1"]
    path = write_parcels(tmp_path / "freed.gpkg", squares(2), extra={"status": ["freed", "in_use"],
                                                                    "freed_on": ["", ""]})
    version = "SELECT version FROM parcels WHERE code = 'T-000001'"
    before = session.execute(text(version)).scalar_one()

    for _ in range(2):
        checked = run_import(session, path, dry_run=True)
        imported = run_import(session, path)
        assert [(r.inserted, r.updated, r.unchanged) for r in (checked, imported)] == [(0, 0, 2)] * 2

    assert session.execute(text(version)).scalar_one() == before
    assert stored(session)["T-000001"] == ["freed", "M1", date(2017, 6, 1), "M1"]
