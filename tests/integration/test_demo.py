"""The demo data set: every kind, every district, 2013–2017, loadable twice without duplicates."""
from __future__ import annotations

from sqlalchemy import text

from registry.services.demo import load_demo


def table_counts(session) -> dict[str, int]:
    return {t: session.execute(text(f"SELECT count(*) FROM {t}")).scalar_one()
            for t in ("districts", "zones", "parcels", "enterprises", "projects", "project_parcels", "targets")}


def test_demo_loads_every_kind_district_and_year_and_is_idempotent(session):
    first = load_demo(session, parcels=800, projects=200)
    assert first.inserted["districts"] == 16
    after_first = table_counts(session)
    second = load_demo(session, parcels=800, projects=200)
    assert sum(second.inserted.values()) == 0
    assert table_counts(session) == after_first

    kinds = session.execute(text("SELECT count(DISTINCT kind) FROM projects")).scalar_one()
    districts = session.execute(text("SELECT count(DISTINCT district_code) FROM projects")).scalar_one()
    years = session.execute(text("SELECT array_agg(DISTINCT year ORDER BY year) FROM projects")).scalar_one()
    assert kinds == 6 and districts == 16 and years == [2013, 2014, 2015, 2016, 2017]
    assert session.execute(text("SELECT count(*) FROM zones WHERE NOT is_illustrative")).scalar_one() == 0
    assert session.execute(text("SELECT count(*) FROM parcels WHERE district_code IS NULL")).scalar_one() == 0
    zone_kinds = session.execute(text("SELECT count(DISTINCT kind) FROM zones")).scalar_one()
    assert zone_kinds >= 4
    targets = dict(session.execute(text(
        "SELECT metric, value FROM targets WHERE year = 2013 AND kind = 'plan'")).all())
    assert targets["structural_adjustment_projects"] == 500
    assert targets["retrofit_savings_tce"] == 400000


def test_demo_parcels_are_in_force_through_the_demos_years_not_from_the_day_of_the_load(session):
    load_demo(session, parcels=200, projects=60)
    first, last = session.execute(text("SELECT min(valid_from), max(valid_from) FROM parcels")).one()
    assert str(first) == str(last) == "2013-01-01"  # before every project that holds one, every output
    earliest_use = session.execute(text(
        "SELECT min(make_date(year, 1, 1)) FROM projects p JOIN project_parcels pp ON pp.project_id = p.id"
    )).scalar_one()
    assert first <= earliest_use
