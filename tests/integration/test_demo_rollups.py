"""The demo's annual rollups as a leader reads them, on PostGIS: each programme year counts what the
demo's programme says (``services/demo/programme.py``), under either counting rule, and its tables
add up — districts, kinds and the targets' rows say the same totals, the trend the same years.

The demo had counted 27 structural adjustments in 2017 against the plan's 1,000; its projects
completed in December and verified in January made 2017's two rules disagree and an unplanned
2018; its work in progress stood in 2017."""
from __future__ import annotations

from registry import clock
from registry.domain.presentation import shown_rounded
from registry.domain.rollups import RollupQuery
from registry.domain.targets import METRICS
from registry.domain.rollup_progress import measured_value
from registry.services import rollups
from registry.services.demo import load_demo
from registry.services.demo.programme import PROGRAMME, scaled

PROJECTS = 1200


def test_each_programme_year_counts_the_programme_and_its_tables_add_up(session):
    load_demo(session, parcels=1600, projects=PROJECTS)
    cells, _ = scaled(PROJECTS)
    trend = rollups.trend(session, RollupQuery(2017))
    assert sorted(y for y, f in trend.items() if f.project_count) == list(PROGRAMME)  # no 2018, no 2026
    for year in PROGRAMME:
        report = rollups.rollup(session, RollupQuery(year))
        by_kind = {kind: f.project_count for kind, f in report.by_kind().items()}
        assert by_kind == {kind: cells[year, kind] for kind in by_kind}, year
        totals = report.totals
        assert sum(f.project_count for f in report.by_district().values()) == totals.project_count == sum(by_kind.values())
        # exactly, at the 0.01 tce the report shows them with (rounded half up as it rounds them): the
        # exact sums differ in their 28th digit by the order they add in (districts' subtotals vs all
        # cells: 175229.7259981349175693805540 vs …539), which no reader sees
        districts = sum(f.savings_tce for f in report.by_district().values())
        assert shown_rounded(districts, "tce") == shown_rounded(totals.savings_tce, "tce"), (districts, totals.savings_tce)
        # the trend's chart and the tables: the same count, the same figure to the page's 0.01 tce
        assert trend[year].project_count == totals.project_count
        assert shown_rounded(trend[year].savings_tce, "tce") == shown_rounded(totals.savings_tce, "tce")
        rows = {p.metric.code: p for p, _ in report.progress(clock.today())}
        assert rows["structural_adjustment_projects"].actual == by_kind["structural_adjustment"]
        assert rows["projects_total"].actual == measured_value(METRICS["projects_total"], report.cells) == totals.project_count
        # every project of the year is verified in it, weeks after its completion there: both rules agree
        completed = rollups.rollup(session, RollupQuery(year, rule="completed"))
        assert completed.totals.project_count == totals.project_count, year


def test_the_current_years_work_is_in_progress_and_no_programme_year_lacks_its_targets(session):
    load_demo(session, parcels=1600, projects=PROJECTS)
    _, in_progress = scaled(PROJECTS)
    report = rollups.rollup(session, RollupQuery(2017))
    plans = {t.metric: t.value for t in report.targets if t.kind == "plan"}
    assert plans["structural_adjustment_projects"] == 1000  # the seed document's target, kept
    assert rollups.default_year(session, clock.today()) == 2017
    counted = sum(rollups.rollup(session, RollupQuery(y)).totals.project_count for y in PROGRAMME)
    assert counted + in_progress == PROJECTS
