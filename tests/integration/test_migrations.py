"""Every migration runs both ways: upgrade head → downgrade base → upgrade head."""
from __future__ import annotations

from sqlalchemy import create_engine, inspect, pool

from registry import migrations


def _tables(url: str) -> set[str]:
    engine = create_engine(url, poolclass=pool.NullPool)
    try:
        return set(inspect(engine).get_table_names()) - {"spatial_ref_sys", "alembic_version"}
    finally:
        engine.dispose()


def _index(url: str, table: str, name: str) -> dict:
    engine = create_engine(url, poolclass=pool.NullPool)
    try:
        return next(index for index in inspect(engine).get_indexes(table) if index["name"] == name)
    finally:
        engine.dispose()


def _index_columns(url: str, table: str, name: str) -> list[str]:
    return _index(url, table, name)["column_names"]


def _included(url: str, table: str, name: str) -> list[str]:
    return _index(url, table, name).get("dialect_options", {}).get("postgresql_include", [])


def _index_names(url: str, table: str) -> list[str]:
    engine = create_engine(url, poolclass=pool.NullPool)
    try:
        return [index["name"] for index in inspect(engine).get_indexes(table)]
    finally:
        engine.dispose()


def test_upgrade_downgrade_upgrade(fresh_database_url):
    url = fresh_database_url("registry_test_migrations")
    migrations.upgrade(url)
    after_first = _tables(url)
    assert {"parcels", "projects", "energy_factors", "audit_log"} <= after_first
    assert migrations.current_revision_of(url) == migrations.head_revision()
    # 0037 gives 0032's index the kind (the possible duplicates' grouping); its way down takes it back
    readable = ["enterprise_id", "year", "kind", "district_code", "status"]
    assert _index_columns(url, "projects", "ix_projects_enterprise_readable") == readable
    # 0043 has it carry what the list's text and lookalikes read of each project; its way down, not
    assert _included(url, "projects", "ix_projects_enterprise_readable") == ["id", "title_key", "reference"]
    # 0042's indexes read the project list in each of its orders; its way down drops them all
    assert _index_columns(url, "projects", "ix_projects_order_updated_desc") == ["updated_at", "id", "district_code"]
    migrations.downgrade(url, "0042")
    assert _included(url, "projects", "ix_projects_enterprise_readable") == []
    assert _index_columns(url, "projects", "ix_projects_enterprise_readable") == readable
    migrations.downgrade(url, "0041")
    assert not [name for name in _index_names(url, "projects") + _index_names(url, "enterprises") if "_order_" in name]
    migrations.downgrade(url, "0036")
    assert _index_columns(url, "projects", "ix_projects_enterprise_readable") == readable[:2] + readable[3:]

    migrations.downgrade(url, "base")
    assert _tables(url) == set()
    assert migrations.current_revision_of(url) is None

    migrations.upgrade(url)
    assert _tables(url) == after_first
