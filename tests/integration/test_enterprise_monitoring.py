"""An enterprise's monitored consumption on its page (services/monitoring_checks.enterprise_monitoring,
through services/enterprises.get_enterprise): its figures the latest year first, each with the projects
compared with it and their verdicts — the project page's, computed once — those compared with a year
not monitored apart; who reads what: planners nothing, district staff their district's enterprises'
figures and their district's projects' verdicts."""
from __future__ import annotations

from decimal import Decimal

import pytest

from registry.domain.monitoring import CONSISTENT, FLAGGED, NO_DATA
from registry.services import enterprises
from registry.services import projects as svc
from registry.services.monitoring_checks import EnterpriseMonitoring
from tests.integration.monitoring_data import monitored_enterprise
from tests.integration.project_data import MINHANG, PLANNER, PUDONG, REVIEWER

pytestmark = pytest.mark.usefixtures("districts")


@pytest.fixture
def firm(session, tmp_path) -> dict[str, int]:
    return monitored_enterprise(session, tmp_path)


def monitoring_of(session, actor, enterprise_id) -> EnterpriseMonitoring | None:
    return enterprises.get_enterprise(session, actor, enterprise_id).monitoring


def verdicts(checked) -> dict[int, str]:
    return {c.project.id: c.check.verdict for c in checked}


def test_a_reviewer_reads_every_year_the_latest_first_with_the_projects_compared_with_it(session, firm):
    found = monitoring_of(session, REVIEWER, firm["enterprise"])
    assert [(y.figure.year, y.figure.consumption_tce, y.figure.source) for y in found.years] == [
        (2013, Decimal("600"), None), (2012, Decimal("560"), "市平台")]
    latest, compared = found.years
    assert latest.projects == []
    assert verdicts(compared.projects) == {firm["exit"]: FLAGGED, firm["motors"]: CONSISTENT, firm["minhang"]: CONSISTENT}
    assert verdicts(found.without_figure) == {firm["later"]: NO_DATA}
    assert found.without_figure[0].check.year == 2014


def test_each_verdict_is_the_one_the_project_page_gives(session, firm):
    found = monitoring_of(session, REVIEWER, firm["enterprise"])
    for checked in [*found.years[1].projects, *found.without_figure]:
        assert checked.check == svc.get_project(session, REVIEWER, checked.project.id).monitoring
    flagged = next(c.check for c in found.years[1].projects if c.project.id == firm["exit"])
    assert round(flagged.deviation_percent, 1) == Decimal("14.8")  # (642.87 − 560) / 560


def test_planners_read_none_and_another_districts_staff_not_this_enterprises_figures(session, firm):
    assert monitoring_of(session, PLANNER, firm["enterprise"]) is None
    assert enterprises.get_enterprise(session, PLANNER, firm["enterprise"]).projects.items  # the projects stay listed
    assert monitoring_of(session, MINHANG, firm["enterprise"]) is None  # a Pudong enterprise


def test_district_staff_read_their_districts_verdicts_only(session, firm):
    found = monitoring_of(session, PUDONG, firm["enterprise"])
    assert [y.figure.year for y in found.years] == [2013, 2012]
    # Minhang's draft is not theirs to read; approved, they read the project but not its verdict
    assert verdicts(found.years[1].projects) == {firm["exit"]: FLAGGED, firm["motors"]: CONSISTENT}
    svc.transition(session, MINHANG, firm["minhang"], "submit")
    svc.transition(session, REVIEWER, firm["minhang"], "approve")
    detail = enterprises.get_enterprise(session, PUDONG, firm["enterprise"])
    assert firm["minhang"] in {p.id for p in detail.projects.items}
    assert verdicts(detail.monitoring.years[1].projects) == {firm["exit"]: FLAGGED, firm["motors"]: CONSISTENT}


def test_an_enterprise_without_monitored_figures_has_none_and_lists_no_project(session, firm):
    assert monitoring_of(session, REVIEWER, firm["unmonitored"]) == EnterpriseMonitoring([], [])
    assert monitoring_of(session, PUDONG, firm["unmonitored"]) == EnterpriseMonitoring([], [])
    assert monitoring_of(session, PLANNER, firm["unmonitored"]) is None
