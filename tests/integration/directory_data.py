"""What the enterprise directory's tests list: four enterprises of two districts and three industries,
with projects of both districts in several states and years, so that what district staff may read
counts differently from what a city reviewer reads. Shared by the integration and web tests (the
``districts`` fixture must have loaded the real districts)."""
from __future__ import annotations

from sqlalchemy import text

from registry.domain.permissions import Actor
from registry.services import enterprises
from registry.services import projects as svc
from tests.integration.project_data import MINHANG, MOTORS, PUDONG, draft
from tests.integration.search_data import credit_code

JIA = credit_code("91310115MA1KD0001")  # 上海名录甲化工有限公司, Pudong, C261
YI = credit_code("91310112MA1KD0002")  # 名录乙电力有限公司, Minhang, D441
BING = credit_code("91310115MA1KD0003")  # 上海名录丙贸易有限公司, Pudong, F512: no project
DING = credit_code("91310112MA1KD0004")  # 上海名录丁纸业有限公司, Minhang, C221: a Minhang draft only
NAMES = {JIA: "上海名录甲化工有限公司", YI: "名录乙电力有限公司", BING: "上海名录丙贸易有限公司", DING: "上海名录丁纸业有限公司"}
FIRMS = {JIA: ("310115", "C261"), YI: ("310112", "D441"), BING: ("310115", "F512"), DING: ("310112", "C221")}
# credit code → (registering staff, year, approved?) of each project
PROJECTS = {JIA: [(PUDONG, 2013, False), (PUDONG, 2015, True)], YI: [(MINHANG, 2016, False), (MINHANG, 2014, True)],
            DING: [(MINHANG, 2017, False)]}


def _project(session, actor: Actor, code: str, year: int, approved: bool) -> None:
    view = svc.register_project(session, actor, draft(
        title=f"{NAMES[code]}{year}年改造", year=year, inputs=MOTORS | {"year": year}, district_code=actor.district_code,
        credit_code=code, enterprise_name=NAMES[code], new_parcels=()))
    if approved:
        session.execute(text("UPDATE projects SET status = 'approved' WHERE id = :id"), {"id": view.id})


def seed_directory(session) -> dict[str, int]:
    """The enterprises and their projects; credit code → enterprise id."""
    ids = {}
    for code, (district, industry) in FIRMS.items():
        ids[code] = enterprises.find_or_create(session, Actor.system(), code, NAMES[code], industry, district).id
    for code, projects in PROJECTS.items():
        for actor, year, approved in projects:
            _project(session, actor, code, year, approved)
    return ids


ADDRESS = "浦东新区名录路 1 号"
FORMER = ["上海名录甲化学有限公司", "名录甲化学厂"]  # 甲's former names, the latest first
MONITORED = {JIA: (2020, 2019), YI: (2021,)}  # years online monitoring recorded: Pudong's 甲, Minhang's 乙


def seed_file_details(session, ids: dict[str, int]) -> None:
    """What a download writes besides the page's columns: 甲's address and former names, the monitored
    years of 甲 and 乙 (and of a code the registry does not hold)."""
    session.execute(text("UPDATE enterprises SET address = :address WHERE id = :id"), {"address": ADDRESS, "id": ids[JIA]})
    for until, name in zip(("2024-06-30", "2019-12-31"), FORMER):
        session.execute(text("INSERT INTO enterprise_former_names (enterprise_id, name, until) VALUES (:id, :name, :until)"),
                        {"id": ids[JIA], "name": name, "until": until})
    for code, years in (*MONITORED.items(), (credit_code("91310115MA1KD0099"), (2020,))):
        for year in years:
            session.execute(text("INSERT INTO energy_monitoring (credit_code, year, consumption_tce) "
                                 "VALUES (:code, :year, 1000)"), {"code": code, "year": year})
    session.flush()
