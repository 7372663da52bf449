"""Illustrative projects of every kind, 2013–2017 and the current year's work in progress, with
plausible savings input documents."""
from __future__ import annotations

import random
from collections import Counter, defaultdict
from datetime import date, timedelta
from decimal import Decimal
from typing import Any, Sequence

from geo.synth import ParcelSpec
from registry.services.demo import programme
from registry.services.demo.dates import dated
from registry.services.demo.parcels import with_parcels
from registry.services.records import EnterpriseRecord, ProjectRecord

YEARS = range(2013, 2018)
# Share of each kind among demo projects (structural adjustment dominates, as in the programme).
KIND_WEIGHTS = {
    "structural_adjustment": 40, "boiler_replacement": 15, "motor_upgrade": 15,
    "technical_retrofit": 12, "contract_energy_management": 10, "cleaner_production": 8,
}
KIND_TITLES = {
    "structural_adjustment": "产业结构调整", "boiler_replacement": "燃煤锅炉清洁能源替代",
    "motor_upgrade": "高效电机推广", "technical_retrofit": "节能技术改造",
    "contract_energy_management": "合同能源管理", "cleaner_production": "清洁生产审核",
}
DOUBLED = ("technical_retrofit", "contract_energy_management")  # kinds one project may be registered twice as
OPEN = ("draft", "submitted", "approved", "returned", "completed")  # the work in progress's statuses
MODES = ["shutdown", "shutdown", "shutdown", "relocation", "conversion", "upgrade"]
# (rated kW, IE1, IE2, IE3, IE4 efficiency) — DOMAIN.md §4.2, 4-pole 50 Hz
MOTOR_EFFICIENCIES = [
    (7.5, "0.860", "0.887", "0.904", "0.926"), (15, "0.887", "0.906", "0.921", "0.939"),
    (37, "0.912", "0.927", "0.939", "0.952"), (55, "0.921", "0.935", "0.946", "0.957"),
]


def _q(value: float, places: int = 1) -> float:
    return round(value, places)


def structural_inputs(rng: random.Random, year: int) -> dict[str, Any]:
    # ≈ 800 tce a closure on average: the programme's published results run 320 (2015 H1) to 1,200
    # (2009) tce a project (DOMAIN.md §6); ≈ 3,000 made 2016's 1,176 exits save 3.5 million tce
    lines = [{"energy": "electricity", "quantity": _q(rng.uniform(20, 600)), "unit": "10^4 kWh"}]
    if rng.random() < 0.5:
        lines.append({"energy": "raw_coal", "quantity": _q(rng.uniform(50, 1500)), "unit": "t"})
    if rng.random() < 0.3:
        lines.append({"energy": "natural_gas", "quantity": _q(rng.uniform(2, 80)), "unit": "10^4 m3"})
    return {"kind": "structural_adjustment", "year": year, "baseline_year": year - 1, "energy_use": lines}


def boiler_inputs(rng: random.Random, year: int) -> dict[str, Any]:
    fuel, unit_factor = rng.choice([("raw_coal", 0.7143), ("fuel_oil", 1.4286)])
    tonnes = _q(rng.uniform(200, 4000) if fuel == "raw_coal" else rng.uniform(100, 1500))
    doc: dict[str, Any] = {"kind": "boiler_replacement", "year": year,
                           "energy_before": [{"energy": fuel, "quantity": tonnes, "unit": "t"}]}
    eta_old, eta_new = round(rng.uniform(0.6, 0.72), 2), round(rng.uniform(0.9, 0.95), 2)
    if rng.random() < 0.5:
        doc |= {"efficiency_before": eta_old, "efficiency_after": eta_new}
    else:
        # measured gas use after the switch, consistent with the efficiencies (useful heat constant)
        gas_m3 = tonnes * 1000 * unit_factor * eta_old / eta_new / 1.2143
        doc["energy_after"] = [{"energy": "natural_gas", "quantity": _q(gas_m3 / 1e4, 2), "unit": "10^4 m3"}]
    return doc


def motor_inputs(rng: random.Random, year: int) -> dict[str, Any]:
    groups = []
    for _ in range(rng.randint(1, 3)):
        kw, *effs = rng.choice(MOTOR_EFFICIENCIES)
        before = rng.randint(0, 1)
        groups.append({
            # ≈ 8,000 kW a project: 2013's 2,000,000 kW over its ≈ 240 motor projects
            "count": rng.randint(20, 270), "rated_kw": kw, "load_factor": round(rng.uniform(0.6, 0.85), 2),
            "hours_per_year": rng.choice([3000, 4000, 5000, 6000, 7200]),
            "efficiency_before": float(effs[before]), "efficiency_after": float(effs[rng.randint(2, 3)]),
            "remanufactured": rng.random() < 0.3,
        })
    return {"kind": "motor_upgrade", "year": year, "motors": groups}


# The product output of an intensity-method project, t: 2013's plan asks ≈ 2,700 tce of a retrofit
# (400,000 tce, 150 projects) and ≈ 500 of an EMC project (100,000 tce, 200 projects)
OUTPUT_T = {"technical_retrofit": (2000, 70000), "contract_energy_management": (500, 9000)}


def retrofit_inputs(rng: random.Random, year: int, kind: str) -> dict[str, Any]:
    if rng.random() < 0.5:
        before = rng.uniform(0.3, 2.0)
        doc = {"kind": kind, "year": year, "method": "intensity",
               "intensity_before": round(before, 3), "intensity_after": round(before * rng.uniform(0.8, 0.95), 3),
               "intensity_unit": "tce/t", "output_reporting": rng.randint(*OUTPUT_T.get(kind, OUTPUT_T["technical_retrofit"]))}
    else:
        kwh = rng.uniform(100, 3000)
        doc = {"kind": kind, "year": year, "method": "ipmvp_b",
               "energy_before": [{"energy": "electricity", "quantity": _q(kwh), "unit": "10^4 kWh"}],
               "energy_after": [{"energy": "electricity", "quantity": _q(kwh * rng.uniform(0.75, 0.95)),
                                 "unit": "10^4 kWh"}]}
    if kind == "contract_energy_management":
        doc["emc_model"] = rng.choice(["shared_savings", "guaranteed_savings"])
    return doc


def cleaner_inputs(rng: random.Random, year: int) -> dict[str, Any]:
    doc: dict[str, Any] = {"kind": "cleaner_production", "year": year}
    if rng.random() < 0.3:
        gas = rng.uniform(10, 100)
        doc["energy_before"] = [{"energy": "natural_gas", "quantity": _q(gas), "unit": "10^4 m3"}]
        doc["energy_after"] = [{"energy": "natural_gas", "quantity": _q(gas * 0.92), "unit": "10^4 m3"}]
    return doc


def inputs_for(rng: random.Random, kind: str, year: int) -> dict[str, Any]:
    if kind == "structural_adjustment":
        return structural_inputs(rng, year)
    if kind == "boiler_replacement":
        return boiler_inputs(rng, year)
    if kind == "motor_upgrade":
        return motor_inputs(rng, year)
    if kind in ("technical_retrofit", "contract_energy_management"):
        return retrofit_inputs(rng, year, kind)
    return cleaner_inputs(rng, year)


def _status_and_dates(rng: random.Random, year: int) -> tuple[str, date | None, date | None]:
    """Past years are mostly verified; the last year has every stage of the workflow (the projects
    not verified are then moved to the current year, ``dates.dated``)."""
    done = date(year, rng.randint(3, 12), rng.randint(1, 28))
    if year < 2017 or rng.random() < 0.4:
        status = "verified" if rng.random() < 0.9 else "completed"
    else:
        status = rng.choice(["draft", "submitted", "approved", "returned", "completed", "verified"])
    completed = done if status in ("completed", "verified") else None
    verified = done + timedelta(days=rng.randint(10, 60)) if status == "verified" else None
    return status, completed, verified


def demo_projects(rng: random.Random, count: int, enterprises: Sequence[EnterpriseRecord],
                  parcels: Sequence[ParcelSpec], today: date, zone_kinds: Sequence[str] = ()) -> list[ProjectRecord]:
    """``count`` projects of a random mix (``synth``'s city-scale loads and the benchmarks'): kinds
    by ``KIND_WEIGHTS``, years in turn, most of them verified, the work in progress in the current
    year, dated around ``today`` (``dates.dated``, which numbers them too). ``zone_kinds`` are the
    kinds of the zones the parcels' ``zone_index`` points into; with them projects take parcels of
    every zone kind, each project one site (``parcels.with_parcels``). The demo itself follows its
    programme instead (``programme_projects``)."""
    kinds = list(KIND_WEIGHTS)
    weights = list(KIND_WEIGHTS.values())
    result, wanted = [], []
    for i in range(count):
        enterprise = enterprises[i % len(enterprises)]
        kind = rng.choices(kinds, weights)[0]
        year = YEARS[i % len(YEARS)]
        wanted.append(rng.randint(1, 3) if kind == "structural_adjustment" else 1)
        status, completed, verified = _status_and_dates(rng, year)
        result.append(_record(rng, enterprise, kind, year, status, completed, verified))
    return dated(with_parcels(result, wanted, parcels, zone_kinds), today)


def programme_projects(rng: random.Random, count: int, enterprises: Sequence[EnterpriseRecord],
                       parcels: Sequence[ParcelSpec], today: date, zone_kinds: Sequence[str] = ()
                       ) -> list[ProjectRecord]:
    """The demo's ``count`` projects as its programme has them (``programme.scaled``): so many of each
    kind verified in each of 2013–2017, the rest the current year's work in progress; each district's
    share its share of the industrial parcels, where exits take their land (``programme.district_shares``)."""
    cells, in_progress = programme.scaled(count)
    pools = Counter(p.district_code for p in parcels if p.land_use_class.startswith(("M", "W")))
    by_district: dict[str, list[EnterpriseRecord]] = defaultdict(list)
    for enterprise in enterprises:
        by_district[enterprise.district_code].append(enterprise)
    floor = max(2, pools.total() // 100)
    weights = {code: pools[code] + floor for code in by_district}  # as the enterprises were shared out
    slots = [(year, kind, "verified") for (year, kind), n in sorted(cells.items()) for _ in range(n)]
    slots += [(YEARS[-1], kind, rng.choice(OPEN)) for kind in programme.in_progress_kinds(rng, in_progress)]
    # exits where the industrial land is, in its proportion (the city centre's few parcels hold few
    # exits: an exit without land stays a draft, out of its year's count); the other kinds everywhere
    is_exit = [kind == "structural_adjustment" for _, kind, _ in slots]
    shares = {True: programme.district_shares(sum(is_exit), {c: pools[c] for c in by_district if pools[c]} or weights),
              False: programme.district_shares(len(slots) - sum(is_exit), weights)}
    for codes in shares.values():
        rng.shuffle(codes)
    districts = [shares[exit].pop() for exit in is_exit]
    # an exit is its enterprise's last project: each has an enterprise of its own, the first of its
    # district's; the other kinds share the rest (a boiler, then motors, then an audit)
    exits = Counter(d for (_, kind, _), d in zip(slots, districts) if kind == "structural_adjustment")
    used: Counter[tuple[str, bool]] = Counter()
    result, wanted = [], []
    retrofits: list[tuple[str, EnterpriseRecord]] = []  # the work in progress's retrofits and EMC contracts
    for (year, kind, status), district in zip(slots, districts):
        if status != "verified" and kind in DOUBLED and len(retrofits) % 4 == 1:
            # registered twice: the enterprise's retrofit again as the EMC contract financing it (or
            # by a colleague) — a possible double registration for the reviewer (domain/duplicates)
            district, enterprise = retrofits[-1]
            retrofits.append((district, enterprise))
            wanted.append(1)
            result.append(_record(rng, enterprise, kind, year, status, None, None))
            continue
        enterprise = _enterprise_for(by_district[district], exits[district], kind == "structural_adjustment",
                                     used[district, kind == "structural_adjustment"])
        used[district, kind == "structural_adjustment"] += 1
        completed = verified = None
        if status == "verified":
            completed, verified = programme.verification_dates(rng, year)
        if status != "verified" and kind in DOUBLED:
            retrofits.append((district, enterprise))
        # most exits are one works on one plot (2015 H1 counted 438 single-site exits, DOMAIN.md §6)
        wanted.append(rng.choices((1, 2, 3), (85, 12, 3))[0] if kind == "structural_adjustment" else 1)
        result.append(_record(rng, enterprise, kind, year, status, completed, verified))
    return dated(with_parcels(result, wanted, parcels, zone_kinds), today)


def _enterprise_for(enterprises: list[EnterpriseRecord], exits: int, is_exit: bool, nth: int) -> EnterpriseRecord:
    """The ``nth`` exit's enterprise, or the ``nth`` other project's, of a district whose first ``exits``
    enterprises are its exits' (all of them, turn about, when the district has too few)."""
    others = enterprises[exits:] if not is_exit and len(enterprises) > exits else enterprises
    return others[nth % len(others)]


def _record(rng: random.Random, enterprise: EnterpriseRecord, kind: str, year: int, status: str,
            completed: date | None, verified: date | None) -> ProjectRecord:
    investment = None
    if kind == "cleaner_production":  # an audit's measures: 2013's plan asks 2亿元 of 200 audits
        investment = Decimal(rng.randint(20, 165))
    elif kind != "structural_adjustment":
        investment = Decimal(rng.randint(50, 5000))
    return ProjectRecord(
        reference="",  # numbered once the year is known (dates.dated)
        title=f"{enterprise.name.removesuffix('（示意）')}{KIND_TITLES[kind]}项目（示意）",
        kind=kind, year=year, status=status, enterprise_credit_code=enterprise.credit_code,
        district_code=enterprise.district_code, inputs=inputs_for(rng, kind, year),
        structural_mode=rng.choice(MODES) if kind == "structural_adjustment" else None,
        investment_wan_yuan=investment,
        output_value_wan_yuan=Decimal(rng.randint(500, 80000)),
        planned_completion=date(year, 12, 31), completed_on=completed, verified_on=verified,
        is_illustrative=True,
    )
