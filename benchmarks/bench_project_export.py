"""The project list's download at city scale: time and peak memory of ``export_projects`` — what the
page, the API and ``registry projects export`` call — writing every project as XLSX and as CSV.

    DATABASE_URL=$URL .venv/bin/registry demo synth --parcels 200000 --projects 100000 --seed 7
    .venv/bin/python benchmarks/bench_project_export.py $URL [--runs 3]

Each case runs in a process of its own, its peak memory its own (``export_runs.py``). Results go to
docs/performance.md ("Downloading the project list").
"""
from __future__ import annotations

from export_runs import main

from registry.catalogues import translator
from registry.domain.permissions import Actor
from registry.services.project_exports import export_projects
from registry.services.projects.listing import ProjectFilter


def _case(actor: Actor, filters: ProjectFilter, fmt: str):
    return lambda session, out: export_projects(session, actor, filters, fmt, out, translator("zh_Hans_CN"))


CASES = {
    "every project, XLSX (administrator)": _case(Actor.system(), ProjectFilter(), "xlsx"),
    "every project, CSV (administrator)": _case(Actor.system(), ProjectFilter(), "csv"),
    "every project by enterprise, XLSX": _case(Actor.system(), ProjectFilter(sort="enterprise", descending=False), "xlsx"),
    "one district's staff, every district, CSV": _case(Actor(None, "pudong", "district_staff", "310115"),
                                                       ProjectFilter(), "csv"),
    "text 电机, XLSX": _case(Actor.system(), ProjectFilter(text="电机"), "xlsx"),
}


if __name__ == "__main__":
    main(__file__, CASES)
