"""Migration 0046 on a real database: each freed parcel gets the land use it was freed with — its own
while freed or planned, a redeveloped one's from its completion in the audit trail (the plan's new
use when that completion changed no land use), none for one in use or with no completion recorded —
and the way down drops the column, its trigger and the index's copy of it."""
from __future__ import annotations

import json

import pytest
from sqlalchemy import create_engine, inspect, pool, text

from registry import migrations

THIS = "0046"
PREVIOUS = "0045"
# code: (land use today, status, the redevelopment's new use, the completion's changes) → former use
PARCELS = {
    "M-IN-USE": (("M1", "in_use", None, None), None),
    "M-FREED": (("M2", "freed", None, None), "M2"),
    "M-PLANNED": (("M1", "redevelopment_planned", "B1", None), "M1"),
    "M-DONE": (("B1", "redeveloped", "B1", {"status": ["redevelopment_planned", "redeveloped"],
                                            "land_use_class": ["M3", "B1"]}), "M3"),
    "M-SAME": (("M1", "redeveloped", "M1", {"status": ["redevelopment_planned", "redeveloped"]}), "M1"),
    "M-LOADED": (("A35", "redeveloped", "A35", None), None),  # loaded as redeveloped: no trail to read
}


@pytest.fixture(scope="module")
def url(fresh_database_url):
    return fresh_database_url("registry_test_former_use_migration")


def _former_uses(engine) -> dict[str, str | None]:
    with engine.connect() as conn:
        return dict(conn.execute(text("SELECT code, former_use FROM parcels")).all())


def test_freed_parcels_get_the_use_they_were_freed_with_and_down_drops_it(url):
    migrations.upgrade(url, PREVIOUS)
    engine = create_engine(url, poolclass=pool.NullPool)
    try:
        with engine.begin() as conn:
            for n, (code, ((use, status, new_use, completion), _former)) in enumerate(PARCELS.items()):
                parcel = conn.execute(text(
                    "INSERT INTO parcels (code, geom, land_use_class, status) VALUES (:c, ST_Multi(ST_MakeEnvelope("
                    ":x, 31.2, :x + 0.001, 31.201, 4326)), :u, :s) RETURNING id"),
                    {"c": code, "x": 121.4 + n / 100, "u": use, "s": status}).scalar_one()
                if new_use:
                    conn.execute(text("INSERT INTO parcel_redevelopments (parcel_id, new_use, planned_on) "
                                      "VALUES (:p, :n, DATE '2018-03-01')"), {"p": parcel, "n": new_use})
                if completion:
                    conn.execute(text(
                        "INSERT INTO audit_log (action, entity, entity_id, changes, channel) "
                        "VALUES ('complete_redevelopment', 'parcel', :e, CAST(:changes AS jsonb), 'web')"),
                        {"e": str(parcel), "changes": json.dumps(completion)})

        migrations.upgrade(url, THIS)
        expected = {code: former for code, (_row, former) in PARCELS.items()}
        assert _former_uses(engine) == expected

        migrations.downgrade(url, PREVIOUS)
        assert "former_use" not in {c["name"] for c in inspect(engine).get_columns("parcels")}
        with engine.connect() as conn:
            assert conn.execute(text("SELECT count(*) FROM pg_proc WHERE proname = 'registry_parcel_former_use'")).scalar() == 0
            index = conn.execute(text("SELECT indexdef FROM pg_indexes WHERE indexname = 'ix_parcels_freed'")).scalar_one()
        assert "INCLUDE (status, area_m2, land_use_class, zone_kind)" in index
        migrations.upgrade(url)
        assert _former_uses(engine) == expected
    finally:
        engine.dispose()
