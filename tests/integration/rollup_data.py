"""A small hand-computed data set for the rollup tests: every cell of 2013 is known.

Projects are written with plain SQL (the figures are given, not computed), so the test also
shows that any write path feeds the rollup through the triggers.
"""
from __future__ import annotations

from decimal import Decimal

from sqlalchemy import text

CREDIT_CODE = "91110000600037341L"  # DOMAIN.md §5
DISTRICTS = {"310115": ("浦东新区", "Pudong"), "310112": ("闵行区", "Minhang")}

# reference, district, kind, status, completed_on, verified_on, tce, tce_equal_value, kw, reman_kw,
# investment 万元, freed m², output 万元
PROJECTS = [
    ("P1", "310115", "structural_adjustment", "verified", "2013-03-01", "2013-04-01", "1000", "1500", None, None, None, "20000", "5000"),
    ("P2", "310115", "technical_retrofit", "verified", "2013-05-01", "2013-06-15", "200", "260", None, None, "300", None, None),
    ("P3", "310112", "contract_energy_management", "verified", "2013-07-01", "2013-08-01", "150", "180", None, None, "400", None, None),
    ("P4", "310112", "motor_upgrade", "verified", "2013-09-01", "2013-10-01", "10", "25", "500", "100", "50", None, None),
    ("P5", "310112", "cleaner_production", "verified", "2013-10-15", "2013-11-01", "0", "0", None, None, "2000", None, None),
    # completed, never verified: counted only by the "completed" rule
    ("P6", "310115", "boiler_replacement", "completed", "2013-12-01", None, "400", "400", None, None, None, None, None),
    # completed in 2013, verified in 2014: 2014 by the "verified" rule, 2013 by the "completed" rule
    ("P7", "310115", "structural_adjustment", "verified", "2013-12-20", "2014-01-10", "700", "800", None, None, None, None, None),
    # another year, and a project still in the workflow: never in 2013
    ("P8", "310112", "technical_retrofit", "verified", "2012-05-01", "2012-06-01", "90", "95", None, None, None, None, None),
    ("P9", "310115", "boiler_replacement", "approved", None, None, "300", "300", None, None, None, None, None),
    # electricity in a year without a 等价值: its equal-value figure is unknown
    ("P10", "310112", "motor_upgrade", "verified", "2013-01-20", "2013-02-01", "5", None, "100", "0", None, None, None),
]

SQUARE = "ST_Multi(ST_MakeEnvelope(:x, 31.0, :x + 0.1, 31.1, 4326))"


def load(session) -> dict[str, int]:
    """Insert districts, one enterprise and the projects; return project ids by reference."""
    for i, (code, (zh, en)) in enumerate(DISTRICTS.items()):
        session.execute(text(f"INSERT INTO districts (code, name_zh, name_en, geom) VALUES (:c, :zh, :en, {SQUARE}) "
                             "ON CONFLICT DO NOTHING"), {"c": code, "zh": zh, "en": en, "x": 121.3 + i * 0.2})
    enterprise = session.execute(text(
        "INSERT INTO enterprises (credit_code, name) VALUES (:c, '示例企业') "
        "ON CONFLICT (credit_code) DO UPDATE SET name = EXCLUDED.name RETURNING id"), {"c": CREDIT_CODE}).scalar_one()
    ids = {}
    for ref, district, kind, status, completed, verified, tce, eq, kw, reman, inv, land, output in PROJECTS:
        ids[ref] = session.execute(text("""
            INSERT INTO projects (reference, kind, year, status, title, enterprise_id, district_code, inputs,
                savings_tce, savings_tce_equal_value, installed_kw, remanufactured_kw, investment_wan_yuan,
                freed_land_m2, output_value_wan_yuan, completed_on, verified_on)
            VALUES (:ref, :kind, 2013, :status, :title, :e, :d, '{}', :tce, :eq, :kw, :reman, :inv, :land, :output,
                    CAST(:completed AS date), CAST(:verified AS date)) RETURNING id"""),
            {"ref": ref, "kind": kind, "status": status, "title": f"项目 {ref}", "e": enterprise, "d": district,
             "tce": _d(tce), "eq": _d(eq), "kw": _d(kw), "reman": _d(reman), "inv": _d(inv), "land": _d(land),
             "output": _d(output), "completed": completed, "verified": verified}).scalar_one()
    session.flush()
    return ids


def _d(value: str | None) -> Decimal | None:
    return Decimal(value) if value is not None else None


def add_target(session, metric: str, value: str, unit: str, year: int = 2013, kind: str = "plan",
               source: str | None = None) -> None:
    session.execute(text("INSERT INTO targets (year, scope, metric, kind, value, unit, source) "
                         "VALUES (:y, 'city', :m, :k, :v, :u, :s)"),
                    {"y": year, "m": metric, "k": kind, "v": Decimal(value), "u": unit, "s": source})


def complete_without_verifying(session, references: list[str], day: str = "2015-11-20") -> None:
    """The current year's state for ``references``: completed on ``day``, not verified yet."""
    session.execute(text("UPDATE projects SET status = 'completed', completed_on = CAST(:day AS date), verified_on = NULL "
                         "WHERE reference = ANY(:refs)"), {"day": day, "refs": references})
