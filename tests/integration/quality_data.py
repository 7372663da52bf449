"""Records that fail the data-quality checks (domain/quality.py) in Pudong and in Minhang, and what
each reader should count: shared by the integration and web tests (the ``districts`` fixture must
have loaded the real districts).

Enterprises: 甲 (Pudong, C261, an address) passes; 乙 (Pudong) has no industry code and no address;
丙 (Minhang) no industry code; 丁 (Minhang) no address. Projects: a verified 2013 motor upgrade of 甲
on a parcel with its audit report, and one of 乙 with a contract only; a 2014 draft of 甲 (no 等价值 recorded for
2014); an approved exit of 乙 whose parcel link is gone (stored before the rule, as it were) and a
draft exit of 甲 without one (a draft may); two Minhang drafts of 丙 of one year and kind (possible
duplicates); an approved Minhang project of 丁 and a Pudong draft of 丁 of its year (alike: Minhang's
staff read only the approved one); a Pudong and a Minhang draft deleted, their parcels left.
"""
from __future__ import annotations

from sqlalchemy import text

from registry.domain.permissions import Actor
from registry.services import documents, enterprises
from registry.services import projects as svc
from tests import document_samples as samples
from tests.integration.project_data import EXIT_INPUTS, IN_MINHANG, MINHANG, MOTORS, PUDONG, REVIEWER, SQUARE, draft
from tests.integration.search_data import credit_code

JIA = credit_code("91310115MA1KQ0001")
YI = credit_code("91310115MA1KQ0002")
BING = credit_code("91310112MA1KQ0003")
DING = credit_code("91310112MA1KQ0004")
FIRMS = {  # credit code → name, district, industry code, address
    JIA: ("上海质检甲电机有限公司", "310115", "C261", "浦东新区质检路1号"),
    YI: ("上海质检乙钢铁有限公司", "310115", None, None),
    BING: ("上海质检丙纸业有限公司", "310112", None, "闵行区质检路3号"),
    DING: ("上海质检丁化工有限公司", "310112", "C221", None),
}
# A Pudong square apart from project_data's SQUARE (no overlap to explain)
ELSEWHERE_IN_PUDONG = {"type": "Polygon", "coordinates": [[[121.610, 31.210], [121.611, 31.210], [121.611, 31.211],
                                                            [121.610, 31.211], [121.610, 31.210]]]}
LEFT_IN_PUDONG = {"type": "Polygon", "coordinates": [[[121.620, 31.220], [121.621, 31.220], [121.621, 31.221],
                                                       [121.620, 31.221], [121.620, 31.220]]]}
LIMIT = 10 * 1024 * 1024

# What each reader counts: (actor, district asked) → {check id: failing records}
REVIEWER_CITY = {"enterprise_without_industry": 2, "enterprise_without_address": 2, "exit_without_parcels": 1,
                 "savings_without_equal_value": 1, "verified_without_audit_report": 1, "possible_duplicates": 4,
                 "parcel_without_project": 3}
PUDONG_STAFF = {"enterprise_without_industry": 1, "enterprise_without_address": 1, "exit_without_parcels": 1,
                "savings_without_equal_value": 1, "verified_without_audit_report": 1, "possible_duplicates": 1,
                "parcel_without_project": 2}
MINHANG_STAFF = {"enterprise_without_industry": 1, "enterprise_without_address": 1, "exit_without_parcels": 0,
                 "savings_without_equal_value": 0, "verified_without_audit_report": 0, "possible_duplicates": 2,
                 "parcel_without_project": 1}
# a reviewer reads Pudong's draft of 丁 beside its approved Minhang twin: 丙's pair and 丁's Minhang project
REVIEWER_MINHANG = MINHANG_STAFF | {"possible_duplicates": 3}


def _project(session, actor: Actor, code: str, **overrides) -> svc.ProjectView:
    name = FIRMS[code][0]
    return svc.register_project(session, actor, draft(**{"credit_code": code, "enterprise_name": name,
                                                         "district_code": actor.district_code, "new_parcels": (),
                                                         "title": f"{name}项目"} | overrides))


def _verified(session, view: svc.ProjectView) -> svc.ProjectView:
    svc.transition(session, PUDONG, view.id, "submit")
    svc.transition(session, REVIEWER, view.id, "approve")
    svc.transition(session, PUDONG, view.id, "complete", completed_on="2013-12-01")
    return view


def _add(session, actor: Actor, project_id: int, kind: str, name: str) -> None:
    documents.add_document(session, actor, project_id, documents.NewDocument(kind, name, samples.pdf(name)), LIMIT)


def seed_quality(session) -> dict[str, int]:
    """The records above; a name → project id of those the tests name."""
    for code, (name, district, industry, address) in FIRMS.items():
        enterprises.find_or_create(session, Actor.system(), code, name, industry, district, address)
    ids = {}
    reported = _verified(session, _project(session, PUDONG, JIA, new_parcels=(svc.NewParcel(SQUARE, "M2"),)))
    _add(session, REVIEWER, reported.id, "savings_audit", "节能量审核报告.pdf")
    bare = _verified(session, _project(session, PUDONG, YI))
    _add(session, REVIEWER, bare.id, "other", "核定意见.pdf")
    for view in (reported, bare):
        svc.transition(session, REVIEWER, view.id, "verify")
    ids["verified_without_report"] = bare.id
    ids["no_equal_value"] = _project(session, PUDONG, JIA, year=2014, inputs=MOTORS | {"year": 2014}).id
    exit_ = _project(session, PUDONG, YI, kind="structural_adjustment", inputs=EXIT_INPUTS, structural_mode="shutdown",
                     new_parcels=(svc.NewParcel(ELSEWHERE_IN_PUDONG, "M2"),))
    svc.transition(session, PUDONG, exit_.id, "submit")
    svc.transition(session, REVIEWER, exit_.id, "approve")
    session.execute(text("DELETE FROM project_parcels WHERE project_id = :id"), {"id": exit_.id})
    ids["exit_without_parcels"] = exit_.id
    _project(session, PUDONG, JIA, kind="structural_adjustment", inputs=EXIT_INPUTS, structural_mode="shutdown")
    ids["pair_1"] = _project(session, MINHANG, BING).id
    ids["pair_2"] = _project(session, MINHANG, BING, title="上海质检丙纸业有限公司项目（重复）").id
    twin = _project(session, MINHANG, DING, year=2017, inputs=MOTORS | {"year": 2017})
    session.execute(text("UPDATE projects SET status = 'approved' WHERE id = :id"), {"id": twin.id})
    ids["twin_elsewhere"] = _project(session, PUDONG, DING, year=2017, inputs=MOTORS | {"year": 2017}).id
    for actor, shape in ((PUDONG, LEFT_IN_PUDONG), (MINHANG, IN_MINHANG)):
        gone = _project(session, actor, JIA, year=2010, inputs=MOTORS | {"year": 2010},
                        new_parcels=(svc.NewParcel(shape, "M2"),))
        svc.delete_draft(session, actor, gone.id)
    session.flush()
    return ids
