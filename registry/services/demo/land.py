"""Illustrative land data: yearly output of parcels (2013–2017) and a few redevelopments.

Output densities are plausible for Shanghai (亿元/km²: development zones ≈ 70, 104 blocks ≈ 45,
195 regions ≈ 30, 198 regions ≈ 12), spread lognormally and growing 5 % a year. A freed parcel
has output only before the year it was freed.
"""
from __future__ import annotations

import random
from datetime import date, timedelta
from decimal import Decimal

from sqlalchemy.orm import Session

from registry.domain.channels import SYSTEM
from registry.domain.permissions import PLANNER, Actor
from registry.domain.vocabulary import OUTPUT_ILLUSTRATIVE
from registry.repositories import land_output as repo
from registry.services import redevelopment

YEARS = range(2013, 2018)
DENSITY_YI_YUAN_PER_KM2 = {"development_zone": 70.0, "block_104": 45.0, "region_195": 30.0,
                           "region_198": 12.0, "other": 20.0}
NEW_USES = ("A35", "B2", "M1", "B1")
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
    _redevelop(session, rng, [(f[0], f[4]) for f in facts if f[3] == "freed"])
    return len(rows)


def _redevelop(session: Session, rng: random.Random, freed: list[tuple[int, date | None]]) -> None:
    planner = Actor(None, "demo", PLANNER, channel=SYSTEM)
    chosen = rng.sample(freed, int(len(freed) * REDEVELOPED_SHARE))
    for i, (parcel_id, freed_on) in enumerate(chosen):
        planned = (freed_on or date(2015, 1, 1)) + timedelta(days=rng.randint(30, 300))
        expected = Decimal(rng.randint(2000, 60000))
        redevelopment.plan_redevelopment(session, planner, parcel_id, {
            "new_use": rng.choice(NEW_USES), "planned_on": planned.isoformat(), "description": "二次开发（示意）",
            "investment_wan_yuan": str(rng.randint(5000, 200000)), "expected_output_wan_yuan": str(expected)})
        done = planned + timedelta(days=rng.randint(200, 700))
        if i % 2 == 0 and done.year <= YEARS[-1]:  # the demo's years end in 2017
            redevelopment.complete_redevelopment(session, planner, parcel_id, {
                "completed_on": done.isoformat(), "actual_output_wan_yuan": str(expected * Decimal("0.9"))})
