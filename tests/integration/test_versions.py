"""The two kinds of version (``repositories.versions``) number different things, which is why they
are two tables (docs/development.md, "Two kinds of version"): a map layer moves with whatever the
map shows (a parcel's status, a project's parcels), a report's table only with what the report
reads; a table no map shows (``parcel_outputs``) has a table version only."""
from __future__ import annotations

from sqlalchemy import text

from registry.repositories import versions
from tests.integration.land_data import seed_land


def _both(session) -> tuple[int, tuple[int, ...]]:
    return versions.of_layer(session, "parcels")[1], versions.of_tables(session, ["parcels", "parcel_outputs"])


def test_a_status_edit_moves_the_map_layer_not_the_report_table(session):
    ids = seed_land(session)
    layer_before, tables_before = _both(session)
    session.execute(text("UPDATE parcels SET status = 'freed', freed_on = DATE '2018-01-01' WHERE id = :p"),
                    {"p": ids["P1"]})
    layer_after, tables_after = _both(session)
    assert layer_after > layer_before
    assert tables_after == tables_before


def test_a_recorded_output_moves_the_report_table_not_the_map_layer(session):
    ids = seed_land(session)
    layer_before, (_db, _table, parcels_before, outputs_before) = _both(session)
    session.execute(text("INSERT INTO parcel_outputs (parcel_id, year, output_wan_yuan) VALUES (:p, 2017, 10)"),
                    {"p": ids["P1"]})
    layer_after, (_db, _table, parcels_after, outputs_after) = _both(session)
    assert layer_after == layer_before
    assert (parcels_after, outputs_after > outputs_before) == (parcels_before, True)


def test_the_layers_read_together_name_the_database_and_each_layer(session):
    seed_land(session)
    database, every = versions.of_all_layers(session)
    assert sorted(every) == ["districts", "parcels", "projects", "zones"]
    assert versions.of_layers(session, "districts", "nowhere") == (database, every["districts"], -1)
