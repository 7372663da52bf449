"""Migration 0047 on a real database: a parcel in use keeps no freed date — the stale dates an import
left (it took freed parcels back to in use) are cleared, freed land's kept — and the way down gives
back the trigger of before, which leaves a parcel in use its date."""
from __future__ import annotations

from sqlalchemy import create_engine, pool, text

from registry import migrations

THIS = "0047"
PREVIOUS = "0046"
# code: (status, freed date before) → freed date after
PARCELS = {
    "M-STALE": (("in_use", "2015-06-30"), None),  # freed once, taken back to in use by an import
    "M-IN-USE": (("in_use", None), None),
    "M-FREED": (("freed", "2016-03-31"), "2016-03-31"),
    "M-DONE": (("redeveloped", "2014-05-01"), "2014-05-01"),
}


def _freed_on(engine) -> dict[str, str | None]:
    with engine.connect() as conn:
        return dict(conn.execute(text("SELECT code, freed_on::text FROM parcels")).all())


def _stale(conn, code: str) -> None:
    """A parcel taken back to in use with the date it was freed on, as the trigger of before allowed."""
    conn.execute(text("UPDATE parcels SET status = 'in_use', freed_on = DATE '2015-06-30' WHERE code = :c"), {"c": code})


def test_a_parcel_in_use_loses_its_freed_date_and_down_restores_the_trigger_before(fresh_database_url):
    url = fresh_database_url("registry_test_freed_on_migration")
    migrations.upgrade(url, PREVIOUS)
    engine = create_engine(url, poolclass=pool.NullPool)
    try:
        with engine.begin() as conn:
            for n, (code, ((status, freed_on), _after)) in enumerate(PARCELS.items()):
                conn.execute(text(
                    "INSERT INTO parcels (code, geom, land_use_class, status, freed_on) VALUES (:c, ST_Multi("
                    "ST_MakeEnvelope(:x, 31.2, :x + 0.001, 31.201, 4326)), 'M1', :s, CAST(:f AS date))"),
                    {"c": code, "x": 121.4 + n / 100, "s": status, "f": freed_on})
        assert _freed_on(engine)["M-STALE"] == "2015-06-30"  # what 0046 left possible

        migrations.upgrade(url, THIS)
        assert _freed_on(engine) == {code: after for code, (_before, after) in PARCELS.items()}
        with engine.begin() as conn:
            _stale(conn, "M-FREED")
        assert _freed_on(engine)["M-FREED"] is None

        migrations.downgrade(url, PREVIOUS)
        with engine.begin() as conn:
            _stale(conn, "M-DONE")
            conn.execute(text("UPDATE parcels SET status = 'freed' WHERE code = 'M-IN-USE'"))
        assert _freed_on(engine)["M-DONE"] == "2015-06-30"
        assert _freed_on(engine)["M-IN-USE"] is None  # no project freed it: derived as nothing, as before
        migrations.upgrade(url)
        assert _freed_on(engine)["M-DONE"] is None
    finally:
        engine.dispose()
