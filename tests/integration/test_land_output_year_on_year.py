"""The land-output report's year before (同比), its orders and its parcel cap, on PostGIS; its
download (every line, an audit entry, a refusal above the bound) through the service."""
from __future__ import annotations

import csv
import io
import json
from decimal import Decimal

import pytest
from openpyxl import load_workbook
from sqlalchemy import select, text

from registry.catalogues import translator
from registry.domain.channels import WEB
from registry.domain.errors import ValidationError
from registry.domain.permissions import Actor
from registry import clock
from registry.models import AuditEntry
from registry.services import land_output
from registry.services.land_output_exports import export_land_output
from tests.integration.land_data import A, B, seed_land

READER = Actor(None, "reviewer", "city_reviewer")
ZH = translator("zh_Hans_CN")


def record(session, parcel_id: int, year: int, per_m2: str) -> None:
    """An output of ``per_m2`` 万元 per m² of the parcel: 0.6 is 60 亿元/km²."""
    session.execute(text("INSERT INTO parcel_outputs (parcel_id, year, output_wan_yuan) "
                         "SELECT id, :y, area_m2 * :f FROM parcels WHERE id = :p"),
                    {"p": parcel_id, "y": year, "f": Decimal(per_m2)})


@pytest.fixture
def ids(session):
    """P5 (A, development zone) 50 in 2016 and 60 in 2017; P2 (B, 104 block) 90 in 2017 only;
    P1 (A, development zone) 40 in 2016 only: not a line of 2017, yet in A's and the zones' 2016."""
    ids = seed_land(session)
    record(session, ids["P5"], 2016, "0.5")
    record(session, ids["P5"], 2017, "0.6")
    record(session, ids["P2"], 2017, "0.9")
    record(session, ids["P1"], 2016, "0.4")
    return ids


def _by_key(report) -> dict[str, land_output.OutputLine]:
    return {line.key: line for line in report.lines}


def _area_m2(session, parcel_id: int) -> Decimal:
    return session.execute(text("SELECT area_m2 FROM parcels WHERE id = :i"), {"i": parcel_id}).scalar_one()


def test_each_line_has_the_year_before_as_that_years_report_gives_it(session, ids):
    report = land_output.land_output(session, READER, "district", 2017)
    before = _by_key(land_output.land_output(session, READER, "district", 2016))
    a, b = _by_key(report)[A], _by_key(report)[B]
    assert a.previous_yi_yuan_per_km2 == before[A].output_yi_yuan_per_km2  # P5 and P1 in 2016
    p1, p5 = _area_m2(session, ids["P1"]), _area_m2(session, ids["P5"])
    assert a.previous_yi_yuan_per_km2 == pytest.approx((40 * p1 + 50 * p5) / (p1 + p5))
    assert a.change_yi_yuan_per_km2 == pytest.approx(Decimal(60) - a.previous_yi_yuan_per_km2)
    assert a.change_percent == pytest.approx(a.change_yi_yuan_per_km2 * 100 / a.previous_yi_yuan_per_km2)
    assert (b.previous_yi_yuan_per_km2, b.change_yi_yuan_per_km2, b.change_percent) == (None, None, None)
    assert a.parcels == 1 and report.previous_year == 2016  # the 2017 line counts 2017's parcels only
    city = land_output.land_output(session, READER, "district", 2016).city
    assert report.city.previous_yi_yuan_per_km2 == city.output_yi_yuan_per_km2


def test_zones_all_development_zones_and_parcels_have_their_year_before(session, ids):
    zones = land_output.land_output(session, READER, "development_zone", 2017)
    (z1,) = zones.lines
    assert z1.previous_yi_yuan_per_km2 == land_output.land_output(session, READER, "development_zone", 2016) \
        .lines[0].output_yi_yuan_per_km2
    everyone = zones.development_zones
    assert everyone.previous_yi_yuan_per_km2 == z1.previous_yi_yuan_per_km2 and everyone.change_percent is not None
    parcels = _by_key(land_output.land_output(session, READER, "parcel", 2017))
    assert parcels["T-P5"].previous_yi_yuan_per_km2 == pytest.approx(Decimal(50))
    assert parcels["T-P5"].change_yi_yuan_per_km2 == pytest.approx(Decimal(10))
    assert parcels["T-P5"].change_percent == pytest.approx(Decimal(20))
    assert parcels["T-P2"].previous_yi_yuan_per_km2 is None and parcels["T-P2"].change_percent is None
    api = land_output.land_output(session, READER, "parcel", 2017).to_dict()
    assert api["previous_year"] == 2016 and api["lines"][1]["change_percent"] == pytest.approx(20)
    assert api["lines"][0]["previous_output_yi_yuan_per_km2"] is None


def test_lines_sort_by_any_column_those_without_the_figure_last(session, ids):
    def keys(level: str, sort: str | None) -> list[str]:
        return [line.key for line in land_output.land_output(session, READER, level, 2017, sort).lines]

    assert keys("district", None) == [A, B] and keys("district", "-name") == [B, A]
    assert keys("district", "-output") == [B, A] and keys("district", "output") == [A, B]
    assert keys("district", "change") == [A, B] and keys("district", "-change") == [A, B]  # B has no 2016
    assert keys("parcel", None) == ["T-P2", "T-P5"]  # the highest land output first
    assert keys("parcel", "output") == ["T-P5", "T-P2"] and keys("parcel", "-previous") == ["T-P5", "T-P2"]
    assert keys("parcel", "-parcels") == ["T-P2", "T-P5"]  # one parcel each: the level's own order
    assert keys("parcel", "name") == ["T-P2", "T-P5"] and keys("parcel", "-name") == ["T-P5", "T-P2"]
    with pytest.raises(ValidationError) as refused:
        land_output.land_output(session, READER, "district", 2017, "street")
    assert refused.value.field_errors[0].field == "sort"


def test_the_page_shows_the_first_parcels_and_says_how_many_there_are(session, ids):
    report = land_output.land_output(session, READER, "parcel", 2017, "-change", parcel_limit=1)
    assert [line.key for line in report.lines] == ["T-P5"] and (report.total_lines, report.left_out) == (2, 1)
    assert [line.key for line in land_output.every_line(session, report)] == ["T-P5", "T-P2"]  # streamed, in order
    districts = land_output.land_output(session, READER, "district", 2017)
    assert (districts.total_lines, districts.left_out) == (2, 0)


def _exports(session) -> list[AuditEntry]:
    return list(session.scalars(select(AuditEntry).where(AuditEntry.action == "export").order_by(AuditEntry.id)))


def test_a_download_holds_every_parcel_in_the_order_shown_and_is_an_audit_entry(session, ids, make_user):
    reviewer = make_user("output-reviewer", "city_reviewer").actor(WEB)
    out = io.BytesIO()
    written = export_land_output(session, reviewer, "parcel", 2017, "-previous", "csv", out, ZH)
    rows = list(csv.reader(io.StringIO(out.getvalue().decode("utf-8-sig"))))
    assert rows[0] == ["地块", "产值（万元）", "面积（km²）", "单位土地产出（亿元/km²）", "上年单位土地产出（亿元/km²）",
                       "同比增减（亿元/km²）", "同比增减（%）"]
    assert [r[0] for r in rows[1:]] == ["T-P5", "T-P2", "全市"] and written.count == 2
    assert Decimal(rows[1][6]) == pytest.approx(Decimal(20)) and rows[2][4:] == ["", "", ""]
    assert written.file_name == f"land-output-2017-parcel-{clock.today().isoformat()}.csv"
    (entry,) = _exports(session)
    assert (entry.user_id, entry.channel, entry.entity, entry.entity_id) == (reviewer.user_id, "web", "land_output",
                                                                              "2017/parcel")
    assert entry.changes == {"format": "csv", "rows": 2, "year": 2017, "level": "parcel", "sort": "previous",
                             "descending": True}


def test_the_workbook_has_its_title_row_units_and_totals(session, ids):
    session.execute(text("INSERT INTO targets (year, scope, metric, kind, value, unit) "
                         "VALUES (2017, 'city', 'dev_zone_land_output_yi_yuan_per_km2', 'plan', 68, '亿元/km²')"))
    out = io.BytesIO()
    written = export_land_output(session, READER, "development_zone", 2017, None, "xlsx", out, ZH)
    book = load_workbook(io.BytesIO(out.getvalue()))
    sheet = book["土地产出"]
    title = sheet["A1"].value
    assert title.startswith("2017 年土地产出（亿元/km²）；按开发区；数据截至 ") and "（北京时间）；单位土地产出（亿元/km²）：" in title
    assert [c.value for c in sheet[2]] == ["开发区", "地块数", "产值（万元）", "面积（km²）", "单位土地产出（亿元/km²）",
                                           "上年单位土地产出（亿元/km²）", "同比增减（亿元/km²）", "同比增减（%）", "对照目标"]
    assert [[c.value for c in row][:1] + [row[8].value] for row in sheet.iter_rows(min_row=3)] == [
        ["测试Z1", "未达标"], ["全部开发区", "未达标"], ["全市", None]]
    assert round(sheet["F3"].value) == 42 and sheet["G3"].number_format == "+#,##0.0;-#,##0.0;#,##0.0"
    about = {row[0].value: row[1].value for row in book["说明"].iter_rows(min_row=2)}
    assert about["层级"] == "开发区" and about["同比年份"] == 2016 and about["行数"] == written.count == 1
    assert about["开发区目标（亿元/km²）"] == 68 and about["排序"] == "开发区（升序）"


def test_json_holds_every_line_and_a_refused_download_logs_nothing(session, ids):
    out = io.BytesIO()
    export_land_output(session, READER, "parcel", 2017, None, "json", out, ZH, limit=None)
    body = json.loads(out.getvalue())
    assert [line["key"] for line in body["lines"]] == ["T-P2", "T-P5"] and body["total_lines"] == 2
    assert body["city"]["previous_output_yi_yuan_per_km2"] is not None
    before = len(_exports(session))
    with pytest.raises(ValidationError) as refused:
        export_land_output(session, READER, "parcel", 2017, None, "xlsx", io.BytesIO(), ZH, limit=1)
    assert "registry land output --level parcel" in refused.value.field_errors[0].render(ZH)
    assert len(_exports(session)) == before
