"""Parcel import: all or nothing, skip, the uploader's district, upsert by code, the rows' checks, a
first load's keys and the report (the formats and coordinate systems it reads: test_parcel_file_formats.py)."""
from __future__ import annotations

import csv
import io
import math

import pyarrow as pa
import pyogrio
import pytest
import shapely
import shapely.affinity
from openpyxl import load_workbook
from sqlalchemy import text

from registry.domain.errors import PermissionDenied, ValidationError
from registry.domain.permissions import Actor
from registry.services.imports.report import csv_bytes, report_rows, xlsx_bytes
from tests.integration.imports.conftest import PUDONG_ORIGIN, run_import, squares, table_fingerprint, write_parcels

TABLES = {"parcels": "code", "parcel_zones": "parcel_id, zone_id", "districts": "code",
          "import_runs": "id", "audit_log": "id", "import_mappings": "id"}


def _fingerprints(session):
    prints = {t: table_fingerprint(session, t, order) for t, order in TABLES.items()}
    prints["parcels_id_seq"] = session.execute(text("SELECT last_value, is_called FROM parcels_id_seq")).one()
    return prints


def test_one_bad_row_among_10000_with_abort_changes_nothing_and_names_the_row(session, districts, tmp_path):
    good = write_parcels(tmp_path / "first.gpkg", squares(200), codes=[f"KEEP-{i}" for i in range(200)])
    assert run_import(session, good).inserted == 200
    before = _fingerprints(session)
    land_use = ["M1"] * 10_000
    land_use[7776] = "XX"  # row 7777
    path = write_parcels(tmp_path / "ten-thousand.gpkg", squares(10_000), land_use=land_use)

    result = run_import(session, path, on_error="abort")

    assert result.aborted and not result.loaded
    assert (result.rows_read, result.refused, result.inserted) == (10_000, 1, 0)
    [problem] = result.problems
    assert (problem.row, problem.field, problem.value) == (7777, "land_use_class", "XX")
    assert problem.message.render().startswith("is not one of the list (allowed: ")  # the line shows XX
    assert _fingerprints(session) == before


def test_skip_loads_the_good_rows_and_reports_the_bad(session, districts, tmp_path):
    geoms = squares(5)
    geoms[1] = shapely.Polygon([(121.6, 31.15), (121.601, 31.151), (121.601, 31.15), (121.6, 31.151)])  # bow tie
    geoms[3] = shapely.box(121.0, 20.0, 121.001, 20.001)  # far south of Shanghai
    path = write_parcels(tmp_path / "mixed.geojson", geoms, codes=["A", "B", "C", "D", "A"], driver="GeoJSON")

    result = run_import(session, path, on_error="skip")

    assert result.loaded and result.inserted == 2 and result.refused == 3
    reasons = {(p.row, p.field): p.message.render() for p in result.problems}
    assert reasons[(2, "geometry")].startswith("geometry is invalid: the boundary crosses itself at ")
    assert reasons[(4, "geometry")] == "lies outside every district of Shanghai"
    assert reasons[(5, "code")] == "repeats the value of row 1: a file may hold it once"  # not “each key”
    stored = session.execute(text("SELECT code, district_code FROM parcels ORDER BY code")).all()
    assert stored == [("A", "310115"), ("C", "310115")]


def test_reimport_updates_by_code_and_leaves_unchanged_rows_alone(session, districts, tmp_path):
    path = write_parcels(tmp_path / "a.gpkg", squares(3), land_use=["M1", "M2", "M3"])
    run_import(session, path)
    changed = write_parcels(tmp_path / "b.gpkg", squares(4), land_use=["M1", "W1", "M3", "B1"])
    result = run_import(session, changed)
    assert (result.inserted, result.updated, result.unchanged) == (1, 1, 2)
    versions = dict(session.execute(text("SELECT code, version FROM parcels")).all())
    assert versions == {"T-000001": 1, "T-000002": 2, "T-000003": 1, "T-000004": 1}


def test_district_staff_may_import_only_inside_their_district(session, districts, make_user, tmp_path):
    staff = make_user("pudong-importer", "district_staff", "310115")
    actor = Actor(staff.id, staff.username, staff.role, staff.district_code)
    minhang = shapely.box(121.38, 31.10, 121.3805, 31.1005)
    path = write_parcels(tmp_path / "staff.gpkg", [*squares(2), minhang])
    result = run_import(session, path, actor=actor, on_error="skip")
    assert result.inserted == 2
    [problem] = result.problems
    assert problem.row == 3 and problem.message.render() == "lies in district 310112 (310112), outside your district 310115"
    planner = make_user("a-planner", "planner")
    with pytest.raises(PermissionDenied):
        run_import(session, path, actor=Actor(planner.id, planner.username, planner.role))


def test_the_report_names_the_districts_of_a_refused_parcel_in_both_languages(session, districts, make_user,
                                                                             tmp_path):
    """The districts are found in SQL, by code; the report says their names, in Chinese and in English."""
    staff = make_user("pudong-importer", "district_staff", "310115")
    actor = Actor(staff.id, staff.username, staff.role, staff.district_code)
    run_import(session, write_parcels(tmp_path / "minhang.gpkg", [shapely.box(121.38, 31.10, 121.3805, 31.1005)],
                                      codes=["MH-1"]))
    path = write_parcels(tmp_path / "staff.gpkg", [shapely.box(121.38, 31.11, 121.3805, 31.1105), *squares(1)],
                         codes=["MH-2", "MH-1"])
    result = run_import(session, path, actor=actor, on_error="skip")
    assert [line[:5] for line in report_rows(result.problems)] == [
        (1, "几何图形 Geometry", "", "位于闵行区（310112），不在本区（浦东新区）内",
         "lies in district Minhang (310112), outside your district Pudong New Area"),
        (2, "地块编号 Parcel code", "MH-1", "该地块属于闵行区，您不能修改",
         "this parcel belongs to district Minhang; you may not change it")]


def test_an_unknown_land_use_or_status_is_refused_naming_the_accepted_ones_by_name(session, districts, tmp_path):
    """用地性质 refused with bare codes (M1、M2、…、A35、R、G、E): a clerk could not tell which meant what, where
    the other vocabularies' refusals name each with its label; the land-use labels hold their codes."""
    path = write_parcels(tmp_path / "uses.gpkg", squares(2), land_use=["M9", "M1"], extra={"status": ["in_use", "gone"]})
    [use, status] = [line[3:5] for line in report_rows(run_import(session, path, dry_run=True).problems)]
    assert use[0].startswith("不是可选值（可选：一类工业用地（M1）、二类工业用地（M2）、三类工业用地（M3）、") and \
        use[0].endswith("居住用地（R）、绿地与广场用地（G）、非建设用地（E））"), use
    assert use[1].startswith("is not one of the list (allowed: Class-1 industrial (M1), Class-2 industrial (M2), "), use
    assert "(M1)（M1）" not in use[0] and "(M1) (M1)" not in use[1]
    assert status[1].startswith("is not one of the list (allowed: In use (in_use), Freed (freed), "), status


def test_district_staff_may_not_import_zones_or_districts(session, make_user, tmp_path):
    staff = make_user("pudong-importer", "district_staff", "310115")
    with pytest.raises(PermissionDenied):
        run_import(session, tmp_path / "x.geojson", "districts", actor=Actor(staff.id, staff.username, staff.role, "310115"))


def test_dry_run_writes_nothing(session, districts, tmp_path):
    before = _fingerprints(session)
    result = run_import(session, write_parcels(tmp_path / "d.gpkg", squares(10)), dry_run=True)
    assert result.dry_run and not result.loaded and result.inserted == 10
    assert _fingerprints(session) == before


def test_a_missing_required_column_names_the_columns_the_file_has(session, districts, tmp_path):
    path = write_parcels(tmp_path / "p.gpkg", squares(1), extra={"YT": ["M1"]})
    import pyogrio

    gdf = pyogrio.read_dataframe(path).drop(columns=["land_use_class"])
    pyogrio.write_dataframe(gdf, tmp_path / "q.gpkg")
    with pytest.raises(ValidationError) as caught:
        run_import(session, tmp_path / "q.gpkg")
    assert "no column for this required field" in caught.value.render() and "YT" in caught.value.render()


def test_dates_are_checked_as_calendar_dates(session, districts, tmp_path):
    given = ["2020-02-29", "2021-02-29", "2021-13-01", "2021-04-31", "0000-01-01", "31/12/2020", "2021-04-30T08:00", ""]
    path = write_parcels(tmp_path / "dates.gpkg", squares(len(given)), extra={"valid_from": given})

    result = run_import(session, path, on_error="skip")

    refused = {p.row: p.value for p in result.problems if p.field == "valid_from"}
    assert refused == {2: "2021-02-29", 3: "2021-13-01", 4: "2021-04-31", 5: "0000-01-01", 6: "31/12/2020"}
    # a day that does not exist is said not to, as the forms say it; the format only when it is wrong
    reasons = {line[0]: line[3:5] for line in report_rows(result.problems) if line[0] in (2, 3, 4, 6)}
    assert reasons == {2: ("2021年2月没有29日", "February 2021 has no day 29"),
                       3: ("一年没有13月", "a year has no month 13"),
                       4: ("2021年4月没有31日", "April 2021 has no day 31"),
                       6: ("必须是 YYYY-MM-DD 格式的日期", "must be a date written as YYYY-MM-DD")}  # its line shows it
    stored = dict(session.execute(text("SELECT code, valid_from::text FROM parcels")).all())
    assert stored["T-000001"] == "2020-02-29" and stored["T-000007"] == "2021-04-30"
    assert stored["T-000008"] == session.execute(text("SELECT current_date::text")).scalar_one()


def test_a_year_or_a_month_alone_is_said_to_lack_the_rest_and_no_reason_quotes_its_value(session, districts, tmp_path):
    """A year alone (2024, 2024年) had “must be a date as YYYY-MM-DD, got “2024””: its format blamed, and
    the value the report's 值 column holds said again in the reason."""
    given = ["2024", "2024年", "2024-06", "2024年6月", "2024-13", "2024/6/1"]
    path = write_parcels(tmp_path / "dates.gpkg", squares(len(given)), extra={"valid_from": given})
    lines = [line[2:5] for line in report_rows(run_import(session, path, dry_run=True).problems)]
    year = ("缺少“月”和“日”：2024年只是年份；请填写完整日期，如 2017-09-30 或 2017年9月30日",
            "lacks the month and the day: 2024 is a year; write the whole date, as 2017-09-30 or 2017年9月30日")
    month = ("缺少“日”：2024年6月只是月份；请填写完整日期，如 2017-09-30 或 2017年9月30日",
             "lacks the day: June 2024 is a month; write the whole date, as 2017-09-30 or 2017年9月30日")
    form = ("必须是 YYYY-MM-DD 格式的日期", "must be a date written as YYYY-MM-DD")
    assert lines == [("2024", *year), ("2024年", *year), ("2024-06", *month), ("2024年6月", *month),
                     ("2024-13", *form), ("2024/6/1", *form)]


def test_an_end_before_the_start_is_said_in_the_words_of_the_fields_labels(session, districts, tmp_path):
    """It said “is before valid_from”, the registry's name of the column a clerk knows as 生效日期."""
    path = write_parcels(tmp_path / "order.gpkg", squares(1), extra={"valid_from": ["2021-06-01"], "valid_to": ["2021-01-01"]})
    [line] = [line[1:5] for line in report_rows(run_import(session, path, dry_run=True).problems)]
    assert line == ("失效日期 In force until", "2021-01-01", "早于生效日期", "is before the day it is in force from")


def test_area_bounds_are_judged_on_the_geodesic_area(session, districts, tmp_path):
    x, y = PUDONG_ORIGIN
    side = 3.2 / 111_320  # degrees of latitude for ~3.2 m: ~10 m² squares, either side of the bound
    shapes = [shapely.box(x, y, x + side * k / math.cos(math.radians(y)), y + side) for k in (0.95, 1.05)]
    path = write_parcels(tmp_path / "tiny.gpkg", shapes)

    result = run_import(session, path, on_error="skip")

    exact = dict(session.execute(text(
        "SELECT n, ST_Area(ST_GeomFromText(w, 4326)::geography) FROM unnest(CAST(:w AS text[])) WITH ORDINALITY AS t(w, n)"),
        {"w": [s.wkt for s in shapes]}).all())
    assert exact[1] < 10 < exact[2]
    [problem] = result.problems
    # the area as the problem's jsonb holds it: an exact decimal of the double PostGIS measured
    assert problem.row == 1 and float(problem.message.params["area"]) == pytest.approx(exact[1], rel=1e-9)
    assert result.inserted == 1


def test_zone_memberships_and_kind_follow_a_reimport(session, districts, tmp_path):
    x, y = PUDONG_ORIGIN
    zones = {"development_zone": shapely.box(x, y, x + 0.0029, y + 0.01), "block_104": shapely.box(x, y, x + 0.01, y + 0.01)}
    zone_file = tmp_path / "zones.geojson"
    pyogrio.write_arrow(pa.table({
        "kind": pa.array(list(zones)), "name_zh": pa.array(["开发区甲", "104地块乙"]),
        "geometry": pa.array(list(shapely.to_wkb([shapely.MultiPolygon([g]) for g in zones.values()])), pa.binary()),
    }), zone_file, driver="GeoJSON", geometry_name="geometry", geometry_type="MultiPolygon", crs="EPSG:4326")
    assert run_import(session, zone_file, "zones").inserted == 2
    squares_now = squares(6)  # x steps of 0.0006°: squares 1–5 start inside the development zone
    run_import(session, write_parcels(tmp_path / "a.gpkg", squares_now))
    kinds = "SELECT code, zone_kind FROM parcels ORDER BY code"
    assert [k for _, k in session.execute(text(kinds))] == ["development_zone"] * 5 + ["block_104"]

    moved = squares_now[:4] + [shapely.box(x + 0.2, y + 0.2, x + 0.2005, y + 0.2005), squares_now[0]]
    result = run_import(session, write_parcels(tmp_path / "b.gpkg", moved), on_error="abort")

    assert (result.inserted, result.updated) == (0, 2)
    assert [k for _, k in session.execute(text(kinds))] == ["development_zone"] * 4 + ["other", "development_zone"]
    memberships = session.execute(text(
        "SELECT p.code, count(*) FROM parcel_zones pz JOIN parcels p ON p.id = pz.parcel_id GROUP BY p.code")).all()
    assert dict(memberships) == {"T-000001": 2, "T-000002": 2, "T-000003": 2, "T-000004": 2, "T-000006": 2}


SCHEMA = ("SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint WHERE conrelid IN "
          "('parcels'::regclass, 'parcel_zones'::regclass) UNION ALL SELECT indexname, indexdef FROM pg_indexes "
          "WHERE tablename IN ('parcels', 'parcel_zones') ORDER BY 1, 2")


def test_a_first_load_rebuilds_the_index_and_keys_it_set_aside(session, districts, tmp_path):
    before = session.execute(text(SCHEMA)).all()
    assert {"fk_parcel_zones_parcel_id_parcels", "ck_parcels_geom_valid"} <= {name for name, _ in before}

    result = run_import(session, write_parcels(tmp_path / "first.gpkg", squares(10_000)))

    assert result.inserted == 10_000
    assert session.execute(text(SCHEMA)).all() == before
    with pytest.raises(Exception, match="ck_parcels_geom_valid"), session.begin_nested():
        session.execute(text("UPDATE parcels SET geom = ST_Multi(ST_GeomFromText("
                             "'POLYGON((121.6 31.15, 121.601 31.151, 121.601 31.15, 121.6 31.151, 121.6 31.15))', 4326)) "
                             "WHERE code = 'T-000001'"))
    assert session.execute(text("SELECT count(*) FROM parcels WHERE district_code = '310115'")).scalar_one() == 10_000
    with pytest.raises(Exception, match="fk_parcels_district_code_districts"), session.begin_nested():
        session.execute(text("UPDATE parcels SET district_code = '319999' WHERE code = 'T-000001'"))
    with pytest.raises(Exception, match="fk_parcel_zones_zone_id_zones"), session.begin_nested():
        session.execute(text("INSERT INTO parcel_zones SELECT min(id), -1 FROM parcels"))
    with pytest.raises(Exception, match="uq_parcels_code"), session.begin_nested():  # set aside for the insert too
        session.execute(text("UPDATE parcels SET code = 'T-000002' WHERE code = 'T-000001'"))


def test_a_first_load_updates_the_codes_it_knows_and_inserts_the_others(session, districts, tmp_path):
    assert run_import(session, write_parcels(tmp_path / "few.gpkg", squares(3))).inserted == 3
    known = session.execute(text("SELECT code, id, version FROM parcels ORDER BY code")).all()
    moved = [shapely.affinity.translate(g, 0.0, 0.0001) if i < 2 else g for i, g in enumerate(squares(12_000))]
    for setting in ("min_parallel_table_scan_size", "parallel_setup_cost", "parallel_tuple_cost"):
        session.execute(text(f"SET LOCAL {setting} = 0"))  # parallel plans even for these few rows

    result = run_import(session, write_parcels(tmp_path / "many.gpkg", moved))

    assert (result.inserted, result.updated, result.unchanged) == (11_997, 2, 1)
    after = session.execute(text("SELECT code, id, version FROM parcels WHERE code = ANY(:codes) ORDER BY code"),
                            {"codes": [c for c, _, _ in known]}).all()
    assert [(c, i) for c, i, _ in after] == [(c, i) for c, i, _ in known]  # the same parcels, updated in place
    assert [v for _, _, v in after] == [2, 2, 1]
    assert session.execute(text("SELECT count(*), count(DISTINCT code) FROM parcels")).one() == (12_000, 12_000)
    # New parcels are numbered in the file's order (parallel workers write the work tables in any order).
    codes_by_id = session.execute(text("SELECT code FROM parcels ORDER BY id")).scalars().all()
    assert codes_by_id == [f"T-{i + 1:06d}" for i in range(12_000)]
    # The import wrote the areas itself (migration 0012): each is the one the trigger computes.
    assert session.execute(text(
        "SELECT count(*) FROM parcels WHERE area_m2 IS DISTINCT FROM ST_Area(geom::geography)::numeric")).scalar_one() == 0
    assert session.execute(text("SELECT current_setting('registry.area_written', true)")).scalar_one() == "off"


def test_a_first_load_gives_its_new_and_known_parcels_their_zones(session, districts, tmp_path):
    """A first load finds its new parcels' zones by row number and the known ones' by code; a refused
    row repeating a known code inside the zone adds none."""
    x, y = PUDONG_ORIGIN
    zone_file = tmp_path / "zone.geojson"
    pyogrio.write_arrow(pa.table({
        "kind": pa.array(["development_zone"]), "name_zh": pa.array(["开发区甲"]),
        "geometry": pa.array([shapely.to_wkb(shapely.MultiPolygon([shapely.box(x, y, x + 0.0029, y + 0.01)]))],
                             pa.binary()),
    }), zone_file, driver="GeoJSON", geometry_name="geometry", geometry_type="MultiPolygon", crs="EPSG:4326")
    assert run_import(session, zone_file, "zones").inserted == 1  # columns 0–4 of rows 0–16 of the grid
    assert run_import(session, write_parcels(tmp_path / "few.gpkg", squares(3))).inserted == 3  # all in the zone
    geoms = squares(12_000)
    geoms[0], geoms[-1] = shapely.box(x + 0.2, y + 0.2, x + 0.2005, y + 0.2005), geoms[0]  # T-000001 leaves the zone
    codes = [f"T-{i + 1:06d}" for i in range(11_999)] + ["T-000001"]  # … and a repeat of it takes its place

    result = run_import(session, write_parcels(tmp_path / "many.gpkg", geoms, codes=codes), on_error="skip")

    assert (result.inserted, result.updated, result.unchanged, result.refused) == (11_996, 1, 2, 1)
    in_zone = {f"T-{row * 100 + column + 1:06d}" for row in range(17) for column in range(5)} - {"T-000001"}
    members = session.execute(text(
        "SELECT p.code FROM parcel_zones pz JOIN parcels p ON p.id = pz.parcel_id")).scalars().all()
    assert sorted(members) == sorted(in_zone)
    kinds = dict(session.execute(text("SELECT zone_kind, count(*) FROM parcels GROUP BY zone_kind")).all())
    assert kinds == {"development_zone": 84, "other": 11_999 - 84}


WORK_SCHEMAS = "SELECT count(*) FROM pg_namespace WHERE nspname LIKE 'import\\_%'"


def test_the_work_schema_is_gone_and_the_search_path_back_after_any_import(session, districts, tmp_path):
    path_before = session.execute(text("SELECT current_setting('search_path')")).scalar_one()
    bad = write_parcels(tmp_path / "bad.gpkg", squares(3), land_use=["M1", "??", "M1"])
    for on_error, dry_run in (("skip", False), ("abort", False), ("skip", True)):
        run_import(session, bad, on_error=on_error, dry_run=dry_run)
        assert session.execute(text(WORK_SCHEMAS)).scalar_one() == 0
        assert session.execute(text("SELECT current_setting('search_path')")).scalar_one() == path_before


def test_the_error_report_neutralises_a_refused_value_that_looks_like_a_formula(session, districts, tmp_path):
    """The report repeats what the file held: a spreadsheet must not run it (CSV injection)."""
    formula = "=cmd|' /C calc'!A0"
    path = write_parcels(tmp_path / "f.gpkg", squares(1), land_use=[formula])
    result = run_import(session, path, on_error="skip")
    assert [p.value for p in result.problems] == [formula]
    rows = list(csv.reader(io.StringIO(csv_bytes(result.problems).decode("utf-8-sig"))))
    assert rows[1][2] == "'" + formula
    cell = load_workbook(io.BytesIO(xlsx_bytes(result.problems))).active["C2"]
    assert (cell.value, cell.data_type) == (formula, "s")
