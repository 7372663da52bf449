"""The enterprise directory's download (企业名录 导出) at 10,000 enterprises and 100,000 projects: time and
peak memory of ``export_enterprises`` — what the page, the API and ``registry enterprises export`` call.

    DATABASE_URL=$URL .venv/bin/registry db upgrade
    DATABASE_URL=$URL .venv/bin/registry demo synth --parcels 10000 --projects 0 --seed 7
    .venv/bin/python benchmarks/search_data.py $URL --projects 100000 --enterprises 10000 --former-names 1000
    .venv/bin/python benchmarks/monitoring_data.py $URL --monitored 2500
    .venv/bin/python benchmarks/bench_enterprise_export.py $URL [--runs 3] [--only TEXT]

Each case runs in a process of its own, its peak memory its own (``export_runs.py``). Results go to
docs/performance.md ("Downloading the enterprise directory").
"""
from __future__ import annotations

from export_runs import main

from registry.catalogues import translator
from registry.domain.permissions import Actor
from registry.services.enterprise_directory import EnterpriseFilter
from registry.services.enterprise_exports import export_enterprises

REVIEWER = Actor(None, "bench", "city_reviewer")
PUDONG = Actor(None, "bench-pudong", "district_staff", "310115")
PLANNER = Actor(None, "bench-planner", "planner")


def _case(actor: Actor, filters: EnterpriseFilter, fmt: str):
    return lambda session, out: export_enterprises(session, actor, filters, fmt, out, translator("zh_Hans_CN"))


CASES = {
    "every enterprise by name, XLSX (reviewer)": _case(REVIEWER, EnterpriseFilter(), "xlsx"),
    "every enterprise by name, CSV (reviewer)": _case(REVIEWER, EnterpriseFilter(), "csv"),
    "by number of projects, XLSX (reviewer)": _case(REVIEWER, EnterpriseFilter(sort="projects", descending=True), "xlsx"),
    "Pudong staff, every district, CSV": _case(PUDONG, EnterpriseFilter(), "csv"),
    "Pudong staff, their district, XLSX": _case(PUDONG, EnterpriseFilter(district_code="310115"), "xlsx"),
    "planner, every enterprise, XLSX": _case(PLANNER, EnterpriseFilter(), "xlsx"),
    "text 化工, by latest year, XLSX (reviewer)": _case(REVIEWER, EnterpriseFilter(text="化工", sort="latest_year",
                                                                                 descending=True), "xlsx"),
}


if __name__ == "__main__":
    main(__file__, CASES)
