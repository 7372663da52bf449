"""Illustrative land data: yearly output of parcels (2013–2017) and a few redevelopments.

Output densities are plausible for Shanghai (亿元/km²: development zones ≈ 70, 104 blocks ≈ 45,
195 regions ≈ 30, 198 regions ≈ 12), spread lognormally and growing 5 % a year. A freed parcel
has output only before the year it was freed. A redevelopment's plan and output follow its area
(``redevelopment_figures``) and its history is dated on its own days in those years.
"""
from __future__ import annotations

import random
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from sqlalchemy.orm import Session

from registry import clock
from registry.domain.channels import SYSTEM
from registry.domain.permissions import PLANNER, Actor
from registry.domain.vocabulary import OUTPUT_ILLUSTRATIVE
from registry.repositories import land_output as repo
from registry.services import redevelopment

YEARS = range(2013, 2018)
DENSITY_YI_YUAN_PER_KM2 = {"development_zone": 70.0, "block_104": 45.0, "region_195": 30.0,
                           "region_198": 12.0, "other": 20.0}
NEW_USES = ("A35", "B2", "M1", "B1")
# A redevelopment's output density by its new use (亿元/km²): above the development zones' 2017 target of
# 68 (DOMAIN.md §6), what a redevelopment is for; research and offices above new clean industry
NEW_USE_DENSITY_YI_YUAN_PER_KM2 = {"A35": 90.0, "B2": 100.0, "M1": 70.0, "B1": 80.0}
INVESTMENT_WAN_YUAN_PER_M2 = (0.5, 1.5)  # ≈ 0.8 万元/m², Shanghai's industrial investment intensity
EXPECTED_SPREAD = (0.7, 1.4)  # of a plan's density around its new use's
ACHIEVED_SHARE = (0.6, 1.1)  # of the expected output, at completion
REDEVELOPED_SHARE = 0.15


def load_land_demo(session: Session, seed: int) -> int:
    """Record demo outputs and redevelopments once; the number of output rows added."""
    if repo.has_outputs(session):
        return 0
    rng = random.Random(seed + 5)
    facts = repo.parcel_facts(session)
    rows = []
    for parcel_id, area_m2, kind, status, freed_on in facts:
        density = DENSITY_YI_YUAN_PER_KM2.get(kind, 20.0) * rng.lognormvariate(0, 0.5)
        for year in YEARS:
            if status != "in_use" and (freed_on is None or year >= freed_on.year):
                continue
            yi_yuan = density * 1.05 ** (year - YEARS[0]) * float(area_m2) / 1e6
            rows.append({"parcel_id": parcel_id, "year": year, "output_wan_yuan": Decimal(f"{yi_yuan * 1e4:.1f}"),
                         "source": OUTPUT_ILLUSTRATIVE})
    repo.add_outputs(session, rows)
    session.commit()
    _redevelop(session, rng, [(f[0], float(f[1]), f[4]) for f in facts if f[3] == "freed"])
    return len(rows)


def redevelopment_figures(rng: random.Random, area_m2: float, new_use: str) -> tuple[Decimal, Decimal, Decimal]:
    """A plan's investment and expected output and the output achieved at completion (万元), from the
    parcel's area: a 0.2 ha plot expects ≈ 2,000 万元, not an amount drawn whatever its size."""
    km2 = area_m2 / 1e6
    expected = NEW_USE_DENSITY_YI_YUAN_PER_KM2[new_use] * rng.uniform(*EXPECTED_SPREAD) * km2 * 1e4
    investment = area_m2 * rng.uniform(*INVESTMENT_WAN_YUAN_PER_M2)
    actual = expected * rng.uniform(*ACHIEVED_SHARE)
    return Decimal(f"{investment:.1f}"), Decimal(f"{expected:.1f}"), Decimal(f"{actual:.1f}")


def _noon(day: date) -> datetime:
    """When the demo records a step taken on ``day``: midday in Shanghai."""
    return datetime.combine(day, time(12), tzinfo=clock.ZONE)


def _redevelop(session: Session, rng: random.Random, freed: list[tuple[int, float, date | None]]) -> None:
    planner = Actor(None, "demo", PLANNER, channel=SYSTEM)
    chosen = rng.sample(freed, int(len(freed) * REDEVELOPED_SHARE))
    for i, (parcel_id, area_m2, freed_on) in enumerate(chosen):
        planned = (freed_on or date(2015, 1, 1)) + timedelta(days=rng.randint(30, 300))
        new_use = rng.choice(NEW_USES)
        investment, expected, actual = redevelopment_figures(rng, area_m2, new_use)
        redevelopment.plan_redevelopment(session, planner, parcel_id, {
            "new_use": new_use, "planned_on": planned.isoformat(), "description": "二次开发（示意）",
            "investment_wan_yuan": str(investment), "expected_output_wan_yuan": str(expected)}, at=_noon(planned))
        done = planned + timedelta(days=rng.randint(200, 700))
        if i % 2 == 0 and done.year <= YEARS[-1]:  # the demo's years end in 2017
            redevelopment.complete_redevelopment(session, planner, parcel_id, {
                "completed_on": done.isoformat(), "actual_output_wan_yuan": str(actual)}, at=_noon(done))
