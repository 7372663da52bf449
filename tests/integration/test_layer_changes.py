"""The log of layer changes in long transactions (migrations 0010, 0013): a script writing parcels
one INSERT per row logs its first changes as versions and then widens the last box, so the cost
per statement stays constant and every row written stays covered."""
from __future__ import annotations

from sqlalchemy import text

PER_TRANSACTION = 100  # migration 0013


def insert_parcel(session, n: int, lon: float, lat: float) -> None:
    session.execute(text(
        "INSERT INTO parcels (code, geom, land_use_class) "
        "VALUES (:code, ST_Multi(ST_MakeEnvelope(:x, :y, :x + 0.0005, :y + 0.0005, 4326)), 'M1')"),
        {"code": f"ROW-{n}", "x": lon, "y": lat})


def logged_versions(session) -> int:
    return session.execute(text("SELECT count(*) FROM layer_changes WHERE layer = 'parcels'")).scalar_one()


def log_rows_updated(session) -> int:
    """Updates of ``layer_changes`` rows in this transaction so far."""
    return session.execute(text(
        "SELECT pg_stat_get_xact_tuples_updated('layer_changes'::regclass)")).scalar_one()


def uncovered(session) -> list[str]:
    """Codes of the rows written here that the layer's last logged box does not cover."""
    return list(session.execute(text(
        "SELECT p.code FROM parcels p, (SELECT box FROM layer_changes WHERE layer = 'parcels' "
        "ORDER BY version DESC LIMIT 1) last WHERE p.code LIKE 'ROW-%' AND NOT (last.box ~ p.geom)")).scalars())


def test_after_its_first_changes_a_transaction_widens_its_last_box(session):
    before = logged_versions(session)
    for n in range(3 * PER_TRANSACTION):  # scattered over the city, row by row
        insert_parcel(session, n, 121.2 + (n * 37 % 100) * 0.005, 31.0 + (n * 53 % 100) * 0.004)
    logged_here = logged_versions(session) - before
    assert 0 < logged_here <= PER_TRANSACTION  # not one per statement
    assert uncovered(session) == []


def test_a_creeping_sequence_of_writes_widens_the_box_a_few_times_only(session):
    for n in range(PER_TRANSACTION):
        insert_parcel(session, n, 121.3, 31.1)
    updated = log_rows_updated(session)
    for n in range(PER_TRANSACTION, PER_TRANSACTION + 1000):  # each row just east of the last
        insert_parcel(session, n, 121.3 + n * 0.0001, 31.1)
    assert log_rows_updated(session) - updated < 50  # ~ log(width) / log(1.25), not 1,000
    assert uncovered(session) == []


def changes_counted(session) -> int:
    """This transaction's changes of the parcels layer, as the log function counts them."""
    counted = session.execute(text("SELECT current_setting('registry.layer_changes_parcels', true)")).scalar_one()
    return int(counted or 0)


def test_a_rolled_back_savepoint_takes_its_count_of_changes_with_it(session):
    insert_parcel(session, 1, 121.3, 31.1)
    assert changes_counted(session) == 1
    savepoint = session.begin_nested()
    insert_parcel(session, 2, 121.3, 31.2)
    assert changes_counted(session) == 2
    savepoint.rollback()
    assert changes_counted(session) == 1
