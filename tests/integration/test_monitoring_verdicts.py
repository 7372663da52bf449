"""A project's claim beside the online monitoring on PostGIS (services/monitoring_checks.py): the verdict
in the project's view for those who read it, the project list's filter "beyond the tolerance" (the page's,
the API's and the CLI's list and the export share it), and the operator's tolerance."""
from __future__ import annotations

import csv
import io
from decimal import Decimal

import pytest

from registry.domain.errors import PermissionDenied
from registry.domain.monitoring import CONSISTENT, FLAGGED, NO_DATA, PART, WHOLE
from registry.i18n import cli_translator
from registry.services import monitoring as monitoring_service
from registry.services import projects as svc
from registry.services.project_exports import export_projects
from tests.integration.monitoring_data import ADMIN, code, csv_file
from tests.integration.project_data import CREDIT, EXIT_INPUTS, MINHANG, PLANNER, PUDONG, REVIEWER, draft

pytestmark = pytest.mark.usefixtures("districts")

# 2,000 MWh before a retrofit of 2017: 2,000,000 kWh × 0.1229 kgce/kWh = 245.8 tce of 2016, a part
RETROFIT = {"kind": "technical_retrofit", "year": 2017, "method": "measured",
            "energy_before": [{"energy": "electricity", "quantity": 2000, "unit": "MWh"}],
            "energy_after": [{"energy": "electricity", "quantity": 1500, "unit": "MWh"}]}


@pytest.fixture
def registered(session, tmp_path):
    """An exit claiming 642.87 tce of 2012 (900 t raw coal) and a motor upgrade (33.03 tce of 2012 before)
    of CREDIT's enterprise, a retrofit claiming 245.8 tce of 2016 of another's; monitored: CREDIT 560 tce
    in 2012 (the exit +14.8 %: flagged; the motors a part of it), the other 200 tce in 2016 (the retrofit
    claims more than its whole enterprise: flagged)."""
    exit_ = svc.register_project(session, PUDONG, draft(kind="structural_adjustment", inputs=EXIT_INPUTS,
                                                        title="关停退出"))
    motors = svc.register_project(session, PUDONG, draft(new_parcels=()))
    retrofit = svc.register_project(session, PUDONG, draft(kind="technical_retrofit", year=2017, inputs=RETROFIT,
                                                           credit_code=code(9), enterprise_name="上海测试化工有限公司",
                                                           title="余热回收", new_parcels=()))
    monitoring_service.import_monitoring(session, ADMIN, csv_file(tmp_path, [(CREDIT, 2012, "560", ""),
                                                                             (code(9), 2016, "200", "")]))
    return {"exit": exit_.id, "motors": motors.id, "retrofit": retrofit.id}


def test_the_view_holds_the_verdict_with_the_figures_compared(session, registered):
    check = svc.get_project(session, REVIEWER, registered["exit"]).monitoring
    assert (check.verdict, check.claim.scope, check.claim.year, check.monitored_tce) == (FLAGGED, WHOLE, 2012, 560)
    # 900 t × 714.3 kgce/t = 642.87 tce; (642.87 − 560) / 560 = +14.798 %
    assert check.claim.consumption_tce == Decimal("642.87") and round(check.deviation_percent, 3) == Decimal("14.798")
    motors = svc.get_project(session, REVIEWER, registered["motors"]).monitoring
    assert (motors.verdict, motors.claim.scope, round(motors.share_percent, 2)) == (CONSISTENT, PART, Decimal("5.90"))
    retrofit = svc.get_project(session, PUDONG, registered["retrofit"]).monitoring  # its own district's staff
    assert retrofit.verdict == FLAGGED and retrofit.share_percent == Decimal("122.9")


def test_planners_and_another_districts_staff_read_no_verdict(session, registered):
    assert svc.get_project(session, PLANNER, registered["exit"]).monitoring is None
    svc.transition(session, PUDONG, registered["motors"], "submit")
    svc.transition(session, REVIEWER, registered["motors"], "approve")  # now Minhang's staff read the project
    assert svc.get_project(session, MINHANG, registered["motors"]).monitoring is None


def test_a_project_without_a_monitored_figure_of_its_year_has_no_data(session, registered):
    inputs = {**EXIT_INPUTS, "year": 2015, "baseline_year": 2014}
    other = svc.register_project(session, PUDONG, draft(year=2015, inputs=inputs, kind="structural_adjustment",
                                                        title="2015 关停", new_parcels=()))
    assert svc.get_project(session, REVIEWER, other.id).monitoring.verdict == NO_DATA


def flagged(session, actor, **filters) -> set[int]:
    return {p.id for p in svc.list_projects(session, actor, svc.ProjectFilter(monitoring=FLAGGED, **filters)).items}


def test_the_lists_filter_keeps_the_flagged_projects_its_reader_reads(session, registered):
    both = {registered["exit"], registered["retrofit"]}
    assert flagged(session, REVIEWER) == flagged(session, ADMIN) == flagged(session, PUDONG) == both
    assert flagged(session, REVIEWER, kind="technical_retrofit") == {registered["retrofit"]}  # with the other filters
    assert flagged(session, REVIEWER, year=2014) == set()
    assert flagged(session, MINHANG) == set()  # not their district's projects
    with pytest.raises(PermissionDenied):
        flagged(session, PLANNER)
    page = svc.list_projects(session, REVIEWER, svc.ProjectFilter(monitoring=FLAGGED))
    assert page.total == 2


def test_the_lists_download_keeps_the_flagged_projects_and_says_so(session, registered):
    out = io.BytesIO()
    written = export_projects(session, REVIEWER, svc.ProjectFilter(monitoring=FLAGGED), "csv", out,
                              cli_translator("zh_CN"))
    assert written.count == 2


def test_the_tolerance_is_the_operators(session, registered, monkeypatch):
    monkeypatch.setenv("REGISTRY_MONITORING_TOLERANCE_PERCENT", "15")
    check = svc.get_project(session, REVIEWER, registered["exit"]).monitoring
    assert (check.verdict, check.tolerance_percent) == (CONSISTENT, 15)
    assert flagged(session, REVIEWER) == {registered["retrofit"]}  # a part is flagged whatever the tolerance


def _download(session, actor, translate) -> list[dict[str, str]]:
    out = io.BytesIO()
    export_projects(session, actor, svc.ProjectFilter(), "csv", out, translate)
    return list(csv.DictReader(io.StringIO(out.getvalue().decode("utf-8-sig"))))


def test_the_lists_download_says_the_verdict_the_list_marks_to_those_who_read_it(session, registered):
    by_id = {registered[name]: name for name in ("exit", "motors", "retrofit")}
    rows = {row["项目编号"]: row for row in _download(session, REVIEWER, cli_translator("zh_CN"))}
    references = {svc.get_project(session, REVIEWER, pid).reference: name for pid, name in by_id.items()}
    said = {references[ref]: row["在线监测对照"] for ref, row in rows.items()}
    assert said == {"exit": "与监测数据偏差超限", "motors": "", "retrofit": "与监测数据偏差超限"}
    english = _download(session, REVIEWER, cli_translator("en"))
    assert sorted(row["Online monitoring cross-check"] for row in english) == [
        "", "Deviation from the monitoring beyond the tolerance", "Deviation from the monitoring beyond the tolerance"]
    # planners read no verdict, on the page or in the file: no column (an empty one would read "none flagged")
    assert "在线监测对照" not in _download(session, PLANNER, cli_translator("zh_CN"))[0]
