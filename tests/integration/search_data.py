"""What the search tests look for: projects of two districts in several states, their enterprises,
and parcels whose codes rank against each other. Shared by the integration and web tests (the
``districts`` fixture must have loaded the real districts)."""
from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import text

from registry.domain.credit_code import credit_code_check_char
from registry.services import projects as svc
from tests.integration.project_data import MINHANG, PUDONG, REVIEWER, draft


def credit_code(first17: str) -> str:
    return first17 + credit_code_check_char(first17)


BAOGANG_CODE = credit_code("91310115MA1KB0001")  # 上海宝钢化工有限公司, Pudong
TRADING_CODE = credit_code("91310112MA1KB0002")  # 宝钢化工贸易有限公司, Minhang
PUDONG_DRAFT_TITLE = "浦东未公开宝钢草稿"
# code → district; SRCH-1 is named whole by "srch-1", SRCH-10/11 start with it, A-SRCH-1 holds it.
PARCEL_CODES = {"SRCH-1": "310115", "SRCH-10": "310115", "SRCH-11": "310112", "A-SRCH-1": "310112",
                "PCT-50%_\\": "310115", "PCT-50": "310115"}


@dataclass(frozen=True)
class Seeded:
    pudong_draft: svc.ProjectView  # hidden from Minhang's staff
    pudong_approved: svc.ProjectView  # 宝钢化工园区电机改造: its title starts with 宝钢化工
    pudong_plain: svc.ProjectView  # 电机改造: only its enterprise's name holds 宝钢化工
    minhang_draft: svc.ProjectView  # of 宝钢化工贸易有限公司
    enterprises: dict[str, int]  # credit code → id
    parcels: dict[str, int]  # code → id


def _parcel(session, code: str, district: str, n: int) -> int:
    west = 121.300 + n * 0.002
    return session.execute(text(
        "INSERT INTO parcels (code, geom, land_use_class, status, district_code) VALUES "
        "(:code, ST_Multi(ST_MakeEnvelope(:w, 31.100, :w + 0.001, 31.101, 4326)), 'M1', 'in_use', :d) RETURNING id"),
        {"code": code, "w": west, "d": district}).scalar_one()


def seed_search(session) -> Seeded:
    pudong = dict(credit_code=BAOGANG_CODE, enterprise_name="上海宝钢化工有限公司", new_parcels=())
    hidden = svc.register_project(session, PUDONG, draft(title=PUDONG_DRAFT_TITLE, **pudong))
    approved = svc.register_project(session, PUDONG, draft(title="宝钢化工园区电机改造", **pudong), submit=True)
    approved = svc.transition(session, REVIEWER, approved.id, "approve")
    plain = svc.register_project(session, PUDONG, draft(title="电机改造", year=2014, inputs={**draft().inputs, "year": 2014},
                                                         **pudong), submit=True)
    plain = svc.transition(session, REVIEWER, plain.id, "approve")
    minhang = svc.register_project(session, MINHANG, draft(
        title="闵行电机改造", district_code="310112", credit_code=TRADING_CODE, enterprise_name="宝钢化工贸易有限公司",
        new_parcels=()))
    enterprises = dict(session.execute(text("SELECT credit_code, id FROM enterprises")).all())
    parcels = {code: _parcel(session, code, district, n) for n, (code, district) in enumerate(PARCEL_CODES.items())}
    session.flush()
    return Seeded(hidden, approved, plain, minhang, enterprises, parcels)
