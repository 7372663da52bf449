"""Land output (亿元/km²) against the 68 target, and matching freed land to a demand."""
from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from sqlalchemy import text

from registry.domain.errors import ValidationError
from registry.domain.permissions import Actor
from registry.services import land_output, matching
from tests.integration.land_data import A, B, seed_land

READER = Actor(None, "reviewer", "city_reviewer")


@pytest.fixture
def ids(session):
    ids = seed_land(session)
    session.execute(text(
        "INSERT INTO targets (year, scope, metric, kind, value, unit) "
        "VALUES (2017, 'city', 'dev_zone_land_output_yi_yuan_per_km2', 'plan', 68, '亿元/km²')"))
    return ids


def record(session, parcel_id: int, year: int, wan_yuan: str) -> None:
    session.execute(text("INSERT INTO parcel_outputs (parcel_id, year, output_wan_yuan) VALUES (:p, :y, :o)"),
                    {"p": parcel_id, "y": year, "o": Decimal(wan_yuan)})


def area_m2(session, parcel_id: int) -> Decimal:
    return session.execute(text("SELECT area_m2 FROM parcels WHERE id = :i"), {"i": parcel_id}).scalar_one()


def test_land_output_by_district_zone_and_parcel(session, ids):
    # P5 (development zone, A) produces at exactly 60 亿元/km²; P2 (104 block, B) at 90.
    record(session, ids["P5"], 2017, str(area_m2(session, ids["P5"]) * Decimal("0.6")))
    record(session, ids["P2"], 2017, str(area_m2(session, ids["P2"]) * Decimal("0.9")))
    report = land_output.land_output(session, READER, "district", 2017)
    assert report.target_yi_yuan_per_km2 == 68 and report.target_year == 2017
    lines = {line.key: line for line in report.lines}
    assert lines[A].output_yi_yuan_per_km2 == pytest.approx(Decimal(60)) and lines[A].meets(Decimal(68)) is False
    assert lines[B].output_yi_yuan_per_km2 == pytest.approx(Decimal(90)) and lines[B].meets(Decimal(68)) is True
    zones = land_output.land_output(session, READER, "development_zone", 2017).lines
    assert [(z.name_zh, round(z.output_yi_yuan_per_km2)) for z in zones] == [("测试Z1", 60)]
    parcels = land_output.land_output(session, READER, "parcel", 2017).lines
    assert [p.key for p in parcels] == ["T-P2", "T-P5"]  # best first
    city = land_output.land_output(session, READER, "zone", 2017).city
    assert city.parcels == 2 and 60 < city.output_yi_yuan_per_km2 < 90


def test_only_development_zones_are_judged_against_their_68(session, ids):
    # Districts, 104 blocks and parcels were marked 达标/未达标 against the development zones' target.
    record(session, ids["P5"], 2017, str(area_m2(session, ids["P5"]) * Decimal("0.6")))  # zone Z1, 60
    record(session, ids["P2"], 2017, str(area_m2(session, ids["P2"]) * Decimal("0.9")))  # 104 block, 90
    for level in ("district", "zone", "parcel"):
        report = land_output.land_output(session, READER, level, 2017)
        assert not report.judges and report.development_zones is None
        assert {line["meets_target"] for line in report.to_dict()["lines"]} == {None}
    zones = land_output.land_output(session, READER, "development_zone", 2017)
    assert zones.judges and [line["meets_target"] for line in zones.to_dict()["lines"]] == [False]
    assert zones.development_zones.parcels == 1  # P5 only, once, not the 104 block's P2
    assert round(zones.development_zones.output_yi_yuan_per_km2) == 60
    assert zones.judgement(zones.development_zones) is False and zones.to_dict()["city"]["meets_target"] is None


def test_the_latest_year_is_the_default_and_bad_levels_are_refused(session, ids):
    record(session, ids["P5"], 2015, "100")
    record(session, ids["P5"], 2016, "100")
    assert land_output.land_output(session, READER).year == 2016
    with pytest.raises(ValidationError):
        land_output.land_output(session, READER, "street")


def test_matching_ranks_and_explains(session, ids):
    result = matching.match_demand(session, READER, {"min_area": "1", "area_unit": "ha",
                                                     "zone_kind": "development_zone,other",
                                                     "lon": "121.503", "lat": "31.26", "radius_km": "20"},
                                   today=date(2018, 1, 1))
    # Only freed (not planned/redeveloped) parcels of ≥ 1 ha in the allowed kinds: P1 and P3.
    assert [r.candidate.code for r in result.ranked] == ["T-P3", "T-P1"]
    best = result.ranked[0]
    assert best.rank == 1 and best.score == pytest.approx(sum(r.points for r in best.reasons), abs=0.2)
    texts = [r.message.render() for r in best.reasons]
    assert texts[0].startswith("0.0 km") and "choice 2 of 2" in texts[2]


def test_matching_hard_conditions(session, ids):
    assert matching.match_demand(session, READER, {"min_area": "5", "area_unit": "ha"}).ranked == []
    only_b = matching.match_demand(session, READER, {"min_area": "0", "district": B})
    assert {r.candidate.code for r in only_b.ranked} == {"T-P2", "T-P3"}
    with pytest.raises(ValidationError):
        matching.match_demand(session, READER, {"min_area": "abc", "lon": "200"})
