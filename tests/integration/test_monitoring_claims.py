"""The claims kept for the online monitoring's cross-check (``project_claims``, migration 0041) on
PostGIS: the project list's filter, its page's marks and an enterprise's page give the verdicts that
parsing every candidate's document anew gives (``from_scratch``: what they computed before the claims
were kept) — within and beyond the tolerance, exactly at it, a part within and above its whole, no
data, a figure of 0, a document claiming nothing, one refused today — and keep giving them after a
document, a factor, the tolerance or a figure changes; and a second reading parses no document."""
from __future__ import annotations

from decimal import Decimal

import pytest
from sqlalchemy import text

from registry.config import monitoring_tolerance_percent
from registry.domain.monitoring import FLAGGED, cross_check
from registry.repositories import monitoring as monitoring_repo
from registry.repositories import project_claims
from registry.services import monitoring as monitoring_service
from registry.services import monitoring_checks
from registry.services import projects as svc
from registry.services.savings import FactorCache
from tests.integration.monitoring_data import ADMIN, code, csv_file
from tests.integration.project_data import EXIT_INPUTS, MINHANG, PUDONG, REVIEWER, draft

pytestmark = pytest.mark.usefixtures("districts")

# 2,000 MWh before a retrofit of 2017: 245.8 tce of 2016, a part
RETROFIT = {"kind": "technical_retrofit", "year": 2017, "method": "measured",
            "energy_before": [{"energy": "electricity", "quantity": 2000, "unit": "MWh"}],
            "energy_after": [{"energy": "electricity", "quantity": 1500, "unit": "MWh"}]}
INTENSITY = {"kind": "technical_retrofit", "year": 2017, "method": "intensity", "intensity_before": 1.2,
             "intensity_after": 1.0, "intensity_unit": "tce/t", "output_reporting": 1000}
EXIT = dict(kind="structural_adjustment", inputs=EXIT_INPUTS)  # 900 t of raw coal: 642.87 tce of 2012
# name: (enterprise number, the project's draft, the figures of its enterprise)
PROJECTS = {
    "within": (1, EXIT, [(2012, "675")]),  # −4.76 %
    "beyond": (2, EXIT, [(2012, "560")]),  # +14.80 %
    "motors": (2, {}, []),  # 33.03 tce of 2012, a part of beyond's 560
    "at": (3, EXIT, [(2012, "714.3")]),  # −10 % exactly: not beyond
    "past": (4, EXIT, [(2012, "714.31")]),  # −10.0014 %
    "part_within": (5, dict(kind="technical_retrofit", year=2017, inputs=RETROFIT), [(2016, "245.8")]),  # all of it
    "part_over": (6, dict(kind="technical_retrofit", year=2017, inputs=RETROFIT), [(2016, "245.79")]),
    "no_data": (7, EXIT, [(2013, "600")]),
    "zero": (8, EXIT, [(2012, "0")]),
    "intensity": (9, dict(kind="technical_retrofit", year=2017, inputs=INTENSITY), [(2016, "100")]),  # claims none
    "minhang": (11, dict(EXIT, district_code="310112"), [(2012, "560")]),
}
FLAGGED_NOW = {"beyond", "past", "part_over", "zero", "minhang"}


@pytest.fixture
def registered(session, tmp_path) -> dict[str, int]:
    ids, rows = {}, []
    for name, (n, overrides, figures) in PROJECTS.items():
        actor = MINHANG if overrides.get("district_code") == "310112" else PUDONG
        ids[name] = svc.register_project(session, actor, draft(**{
            "credit_code": code(n), "enterprise_name": f"上海监测测试{n}有限公司", "title": name, "new_parcels": (),
            **overrides})).id
        rows += [(code(n), year, tce, "") for year, tce in figures]
    monitoring_service.import_monitoring(session, ADMIN, csv_file(tmp_path, rows))
    return ids


def from_scratch(session) -> dict[int, tuple[str, int, str]]:
    """Every candidate's (district, enterprise, verdict), each document parsed anew with today's factors
    and checked against the figures at today's tolerance: the computation before claims were kept."""
    rows = session.execute(text("""
        SELECT p.id, p.inputs, e.credit_code, p.district_code, p.enterprise_id FROM projects p
        JOIN enterprises e ON e.id = p.enterprise_id
        WHERE EXISTS (SELECT FROM energy_monitoring m WHERE m.credit_code = e.credit_code)""")).all()
    factors, tolerance = FactorCache(session), monitoring_tolerance_percent()
    figures = monitoring_repo.figures_of(session, {row.credit_code for row in rows})
    verdicts = {}
    for row in rows:
        if claim := monitoring_checks.claim_of(row.inputs, factors):
            check = cross_check(claim, figures.get((row.credit_code, claim.year)), tolerance)
            verdicts[row.id] = (row.district_code, row.enterprise_id, check.verdict)
    return verdicts


def flagged(session, actor) -> set[int]:
    return {p.id for p in svc.list_projects(session, actor, svc.ProjectFilter(monitoring=FLAGGED, page_size=200)).items}


def enterprise_verdicts(session, actor, enterprise_id: int) -> dict[int, str]:
    code_, district = session.execute(text("SELECT credit_code, district_code FROM enterprises WHERE id = :e"),
                                      {"e": enterprise_id}).one()
    page = monitoring_checks.enterprise_monitoring(session, actor, enterprise_id, code_, district)
    return {c.project.id: c.check.verdict for c in [*(c for y in page.years for c in y.projects), *page.without_figure]}


def assert_as_from_scratch(session, ids: dict[str, int], expected: set[str]) -> None:
    """Every reader's filter, the marks of a page and each enterprise's page as computed from scratch,
    and the flagged ones ``expected`` (by name)."""
    scratch = from_scratch(session)
    assert {pid for pid, (_d, _e, verdict) in scratch.items() if verdict == FLAGGED} == {ids[n] for n in expected}
    for actor in (REVIEWER, PUDONG, MINHANG):
        mine = {pid for pid, (district, _e, verdict) in scratch.items()
                if verdict == FLAGGED and actor.district_code in (None, district)}
        assert flagged(session, actor) == mine, actor.username
        assert monitoring_checks.marked_as_flagged(session, actor, [ids["within"], ids["beyond"], ids["zero"]]) == \
            mine & {ids["within"], ids["beyond"], ids["zero"]}
    for enterprise in {e for _d, e, _v in scratch.values()}:
        assert enterprise_verdicts(session, REVIEWER, enterprise) == {
            pid: verdict for pid, (_d, e, verdict) in scratch.items() if e == enterprise}


def test_the_verdicts_are_those_computed_from_scratch_and_kept_once(session, registered):
    assert_as_from_scratch(session, registered, FLAGGED_NOW)  # the claims computed, then kept
    assert_as_from_scratch(session, registered, FLAGGED_NOW)  # read as kept
    kept = dict(session.execute(text("SELECT project_id, scope FROM project_claims")).all())
    assert set(kept) == set(registered.values())
    assert kept[registered["intensity"]] is None and kept[registered["within"]] == "whole"


def test_a_second_reading_parses_no_document(session, registered, monkeypatch):
    parsed = []
    claim_of = monitoring_checks.claim_of
    monkeypatch.setattr(monitoring_checks, "claim_of", lambda inputs, factors: parsed.append(1) or claim_of(inputs, factors))
    flagged(session, REVIEWER)
    assert len(parsed) == len(PROJECTS)
    parsed.clear()
    assert flagged(session, REVIEWER) == {registered[n] for n in FLAGGED_NOW}
    monitoring_checks.marked_as_flagged(session, PUDONG, list(registered.values()))
    enterprise = session.execute(text("SELECT enterprise_id FROM projects WHERE id = :id"), {"id": registered["beyond"]})
    enterprise_verdicts(session, REVIEWER, enterprise.scalar_one())
    assert parsed == []


def test_a_document_changed_is_checked_as_changed(session, registered):
    assert_as_from_scratch(session, registered, FLAGGED_NOW)
    more = {**EXIT_INPUTS, "energy_use": [{"energy": "raw_coal", "quantity": 1100, "unit": "t"}]}  # 785.73: +16.4 %
    svc.update_project(session, PUDONG, registered["within"], draft(
        **{"credit_code": code(1), "enterprise_name": "上海监测测试1有限公司", "title": "within", "new_parcels": (),
           **EXIT, "inputs": more}), None)
    # and one rewritten in SQL (a correction, a migration) into a document today's rules refuse
    session.execute(text("""UPDATE projects SET inputs = '{"kind": "structural_adjustment", "year": 2013}'
                            WHERE id = :id"""), {"id": registered["zero"]})
    assert_as_from_scratch(session, registered, FLAGGED_NOW - {"zero"} | {"within"})


def test_a_factor_edited_is_read_at_once(session, registered):
    assert_as_from_scratch(session, registered, FLAGGED_NOW)
    # as a migration correcting GB/T 2589's raw coal would: 900 t × 0.6 kgce/kg = 540 tce of 2012
    session.execute(text("UPDATE energy_factors SET value_kgce = 0.6 WHERE energy = 'raw_coal'"))
    assert_as_from_scratch(session, registered, {"within", "at", "past", "part_over", "zero"})


def test_the_tolerance_is_read_at_each_check(session, registered, monkeypatch):
    assert_as_from_scratch(session, registered, FLAGGED_NOW)
    monkeypatch.setenv("REGISTRY_MONITORING_TOLERANCE_PERCENT", "15")  # +14.80 % and −10.0014 % within it
    assert_as_from_scratch(session, registered, {"part_over", "zero"})
    monkeypatch.setenv("REGISTRY_MONITORING_TOLERANCE_PERCENT", "4.7")  # −4.76 % beyond it
    assert_as_from_scratch(session, registered, FLAGGED_NOW | {"within", "at"})
    monkeypatch.setenv("REGISTRY_MONITORING_TOLERANCE_PERCENT", "14.798")  # +14.7982 % just beyond it
    assert_as_from_scratch(session, registered, {"beyond", "part_over", "zero", "minhang"})


def test_a_figure_loaded_again_is_read(session, registered, tmp_path):
    assert_as_from_scratch(session, registered, FLAGGED_NOW)
    monitoring_service.import_monitoring(session, ADMIN, csv_file(tmp_path, [(code(1), 2012, "500", ""),
                                                                             (code(2), 2012, "642.87", ""),
                                                                             (code(7), 2012, "1", "")], name="again.csv"))
    assert_as_from_scratch(session, registered, FLAGGED_NOW - {"beyond"} | {"within", "no_data"})


def test_other_rules_compute_every_claim_again(session, registered, monkeypatch):
    flagged(session, REVIEWER)
    session.execute(text("UPDATE project_claims SET consumption_tce = 1 WHERE scope IS NOT NULL"))  # as other rules'
    monkeypatch.setattr(monitoring_checks, "CLAIM_RULES", "2")
    assert_as_from_scratch(session, registered, FLAGGED_NOW)


def test_a_claim_is_kept_only_for_the_document_and_factors_it_was_computed_from(session, registered):
    key, candidates = project_claims.candidates(session, monitoring_checks.CLAIM_RULES, project_ids=[registered["beyond"]])
    [candidate] = candidates
    claim = monitoring_checks.claim_of(candidate.inputs, FactorCache(session))

    def kept() -> list:
        return session.execute(text("SELECT consumption_tce FROM project_claims WHERE project_id = :id"),
                               {"id": candidate.id}).scalars().all()

    project_claims.store(session, [(candidate.id, "another document's digest", claim)], monitoring_checks.CLAIM_RULES,
                         key)
    project_claims.store(session, [(candidate.id, candidate.digest, claim)], monitoring_checks.CLAIM_RULES,
                         key.replace(":", ":other factors"))
    assert kept() == []
    project_claims.store(session, [(candidate.id, candidate.digest, claim)], monitoring_checks.CLAIM_RULES, key)
    assert kept() == [Decimal("642.87")]
