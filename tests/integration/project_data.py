"""Projects for the tests: an enterprise's credit code, parcels as GeoJSON, a motor upgrade's
inputs (DOMAIN §4.3's worked example), the actors, and ``draft()`` for ``register_project``.
Shared by the integration, web and API tests, as land_data.py and rollup_data.py are."""
from __future__ import annotations

from datetime import date, datetime

from registry import clock
from registry.domain.credit_code import credit_code_check_char
from registry.domain.permissions import Actor
from registry.services import projects as svc

FIRST17 = "91310115MA1K00002"
CREDIT = FIRST17 + credit_code_check_char(FIRST17)
# 0.001° × 0.001° in Pudong (310115): 95.3 m × 110.9 m ≈ 10,566 m² (geodesic)
SQUARE = {"type": "Polygon", "coordinates": [[[121.600, 31.200], [121.601, 31.200], [121.601, 31.201],
                                               [121.600, 31.201], [121.600, 31.200]]]}
OVERLAPPING = {"type": "Polygon", "coordinates": [[[121.6005, 31.2005], [121.6015, 31.2005], [121.6015, 31.2015],
                                                    [121.6005, 31.2015], [121.6005, 31.2005]]]}
BOW_TIE = {"type": "Polygon", "coordinates": [[[121.600, 31.200], [121.601, 31.201], [121.601, 31.200],
                                                [121.600, 31.201], [121.600, 31.200]]]}
IN_MINHANG = {"type": "Polygon", "coordinates": [[[121.40, 31.05], [121.401, 31.05], [121.401, 31.051],
                                                   [121.40, 31.051], [121.40, 31.05]]]}
MOTORS = {"kind": "motor_upgrade", "year": 2013, "motors": [{"count": 1, "rated_kw": 55, "load_factor": 0.75,
          "hours_per_year": 6000, "efficiency_before": 0.921, "efficiency_after": 0.946, "remanufactured": False}]}

# An exit's prior-year use: 900 t of raw coal in 2012 (642.87 tce), for a structural adjustment of 2013.
EXIT_INPUTS = {"kind": "structural_adjustment", "year": 2013, "baseline_year": 2012,
               "energy_use": [{"energy": "raw_coal", "quantity": 900, "unit": "t"}]}

PUDONG = Actor(None, "pudong-staff", "district_staff", "310115")
MINHANG = Actor(None, "minhang-staff", "district_staff", "310112")
REVIEWER = Actor(None, "reviewer", "city_reviewer")
PLANNER = Actor(None, "planner", "planner")


def draft(**overrides) -> svc.ProjectDraft:
    """A Pudong motor upgrade of 2013 on a new parcel (SQUARE), with ``overrides``."""
    values = dict(kind="motor_upgrade", year=2013, title="高效电机改造", district_code="310115", credit_code=CREDIT,
                  enterprise_name="上海测试电机有限公司", inputs=MOTORS,
                  new_parcels=(svc.NewParcel(SQUARE, "M2"),))
    return svc.ProjectDraft(**(values | overrides))


def submitted(session, count: int, **overrides) -> list[svc.ProjectView]:
    """``count`` Pudong motor upgrades (``draft()`` without parcels, as a motor programme may be)
    submitted for review, titled 电机改造 1, 电机改造 2, …"""
    return [svc.register_project(session, PUDONG, draft(**{"title": f"电机改造 {n}", "new_parcels": ()} | overrides),
                                 submit=True)
            for n in range(1, count + 1)]


def approved(session, title: str, planned_completion, actor: Actor = PUDONG, **overrides) -> svc.ProjectView:
    """A motor upgrade without parcels of ``actor``'s district, submitted and approved by the city,
    planned to be completed on ``planned_completion`` (a date or ``None``)."""
    view = svc.register_project(session, actor, draft(**{"title": title, "district_code": actor.district_code,
                                                         "new_parcels": (), "planned_completion": planned_completion}
                                                      | overrides), submit=True)
    return svc.transition(session, REVIEWER, view.id, "approve")


# 10:00 on 5 December 2026 in Shanghai (02:00 UTC): the overdue projects' today
OVERDUE_TODAY = datetime.fromisoformat("2026-12-05T10:00:00+08:00")


def overdue_set(session) -> dict[str, int]:
    """Projects around their planned completion on ``OVERDUE_TODAY``, their ids by name. Pudong:
    approved and a day late (``late``, 逾期一天), approved and due today (``due_today``, 今天到期),
    approved without a plan, submitted long past its plan, completed long past it; Minhang: approved,
    past its plan since 30 June (``minhang``, 闵行逾期: 158 days)."""
    with clock.frozen_at(OVERDUE_TODAY):
        late = approved(session, "逾期一天", date(2026, 12, 4))
        due_today = approved(session, "今天到期", date(2026, 12, 5))
        approved(session, "未定计划", None)
        svc.register_project(session, PUDONG, draft(title="已提交", new_parcels=(), planned_completion=date(2026, 1, 1)),
                             submit=True)
        done = approved(session, "已完成", date(2026, 1, 1))
        svc.transition(session, PUDONG, done.id, "complete")
        minhang = approved(session, "闵行逾期", date(2026, 6, 30), actor=MINHANG)
    return {"late": late.id, "due_today": due_today.id, "minhang": minhang.id}
