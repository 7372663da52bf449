"""Pure rules of freed land: the query's parameters, the lifecycle, the matching score."""
from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from registry.catalogues import translator
from registry.domain.errors import Conflict, ValidationError
from registry.domain.freed_land import Totals, parse_land_query, to_m2
from registry.domain.matching import Candidate, Demand, rank_candidates, read_demand
from registry.domain.redevelopment import check_transition, read_plan


def test_areas_are_converted_to_square_metres_exactly():
    assert to_m2(Decimal(30), "mu") == Decimal(20000)
    assert to_m2(Decimal("1.5"), "ha") == Decimal(15000)
    query = parse_land_query({"area_min": ["15"], "area_max": ["30"], "area_unit": ["mu"]})
    assert (query.area_min_m2, query.area_max_m2) == (Decimal(10000), Decimal(20000))


def test_lists_may_repeat_or_use_commas_and_bbox_keeps_its_commas():
    query = parse_land_query({"district": ["310115,310112", "310115"], "bbox": ["121.4,31.1,121.6,31.3"]})
    assert query.district_codes == ("310115", "310112") and query.bbox == (121.4, 31.1, 121.6, 31.3)


def test_sort_direction():
    assert parse_land_query({"sort": ["-area_m2"]}).descending
    assert not parse_land_query({"sort": ["area_m2"]}).descending


def test_every_bad_parameter_is_reported_at_once():
    with pytest.raises(ValidationError) as caught:
        parse_land_query({"year_from": ["x"], "area_min": ["-1"], "land_use": ["Q"], "limit": ["0"]})
    assert {e.field for e in caught.value.field_errors} == {"year_from", "area_min", "land_use", "limit"}


def test_totals_in_every_unit():
    totals = Totals(2, Decimal(20000))
    assert (totals.area_mu, totals.area_ha, totals.area_km2) == (Decimal(30), Decimal(2), Decimal("0.02"))


@pytest.mark.parametrize("current, target, allowed", [
    ("freed", "redevelopment_planned", True), ("redevelopment_planned", "redeveloped", True),
    ("redevelopment_planned", "freed", True), ("freed", "redeveloped", False), ("in_use", "freed", False),
    ("redeveloped", "freed", False),
])
def test_lifecycle_transitions(current, target, allowed):
    if allowed:
        check_transition(current, target)
    else:
        with pytest.raises(Conflict):
            check_transition(current, target)


def test_a_plan_defaults_to_today():
    plan = read_plan({"new_use": "A35", "investment_wan_yuan": " 120.5 "}, today=date(2018, 5, 1))
    assert plan.planned_on == date(2018, 5, 1) and plan.investment_wan_yuan == Decimal("120.5")


@pytest.mark.parametrize("new_use", [None, "", "  "])
def test_a_plan_without_a_new_use_is_told_to_choose_one(new_use):
    """The page's list of new uses now starts unchosen (it had M1 chosen, saved unseen): sent so, the
    plan is refused as missing a value, not as one unknown (未知取值“”)."""
    with pytest.raises(ValidationError) as refused:
        read_plan({"new_use": new_use}, today=date(2018, 5, 1))
    [error] = refused.value.field_errors
    assert (error.field, error.message.msgid) == ("new_use", "is required")


def test_matching_score_worked_example():
    # 20 亩 wanted within 10 km, development zones first then 104 blocks.
    demand = read_demand({"min_area": "20", "area_unit": "mu", "zone_kind": "development_zone,block_104",
                          "lon": "121.5", "lat": "31.2", "radius_km": "10"})
    near = Candidate(1, "A", Decimal("13333.33"), "development_zone", "310115", date(2013, 1, 1), 2.5)
    far = Candidate(2, "B", Decimal("26666.67"), "block_104", "310115", date(2017, 1, 1), 5.0)
    ranked = rank_candidates(demand, [far, near], today=date(2018, 1, 1))
    assert [r.candidate.code for r in ranked] == ["A", "B"]
    # near: distance 40×0.75=30, area 30×1.0=30, zone 20, idle 10×min(1, 5.0/5)=10 → 90
    assert ranked[0].score == 90.0
    # far: 40×0.5=20, 30×0.5=15, zone choice 2 of 2 → 10, idle 1.0 year → 2 → 47
    assert ranked[1].score == 47.0
    assert [round(r.points, 1) for r in ranked[1].reasons] == [20.0, 15.0, 10.0, 2.0]


def test_the_zone_reason_names_the_kind_in_the_reader_s_language():
    demand = read_demand({"min_area": "1", "zone_kind": "development_zone,block_104"})
    block = Candidate(2, "B", Decimal("26666.67"), "block_104", "310115", date(2017, 1, 1))
    zone_reason = rank_candidates(demand, [block], today=date(2018, 1, 1))[0].reasons[2]
    assert zone_reason.message.render(translator("zh_Hans_CN")) == "区域类型 104产业区块 是 2 个选择中的第 2 个"
    assert zone_reason.message.render() == "zone kind 104 industrial block is choice 2 of 2"


def test_a_demand_without_point_or_kinds_gives_full_marks_for_them():
    ranked = rank_candidates(Demand(Decimal(0)), [Candidate(1, "A", Decimal(1), "other", None, None)], date(2018, 1, 1))
    assert ranked[0].score == 90.0  # 40 + 30 + 20, no idle points without a date


def test_a_district_code_that_is_no_gb_t_2260_code_is_quoted_in_both_languages():
    with pytest.raises(ValidationError) as refused:
        parse_land_query({"district": ["310115,99"]})
    with pytest.raises(ValidationError) as demand_refused:
        read_demand({"district": "3101155"})
    for error, code in ((refused.value, "99"), (demand_refused.value, "3101155")):
        (problem,) = [e for e in error.field_errors if e.field == "district"]
        assert problem.render() == f"must be a 6-digit GB/T 2260 code, got “{code}”"
        assert problem.render(translator("zh_Hans_CN")) == f"必须是 6 位 GB/T 2260 行政区划代码，实际为“{code}”"
