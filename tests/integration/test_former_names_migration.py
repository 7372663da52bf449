"""Migration 0034 on a real database: the former names (曾用名) start with the renames the audit
trail holds — the latest day of each name (in Shanghai), none that is the name today (taken back, or
the same but for width and case), nothing from a registration or an edit of other fields — and the
way down drops the table."""
from __future__ import annotations

import json

import pytest
from sqlalchemy import create_engine, inspect, pool, text

from registry import migrations
from tests.integration.search_data import credit_code

BEFORE = "0033"
# enterprise → its name today, and its audit entries: (UTC moment, action, changes)
HISTORIES = {
    credit_code("91310115MA1KM0001"): ("丙化工有限公司", [
        ("2025-01-01 02:00+00", "create", {"name": [None, "甲化工厂"]}),
        ("2025-03-01 02:00+00", "update", {"name": ["甲化工厂", "乙化工有限公司"]}),
        ("2025-04-01 02:00+00", "update", {"address": [None, "浦东新区张江路 1 号"]}),
        ("2025-06-01 02:00+00", "update", {"name": ["乙化工有限公司", "甲化工厂"]}),
        ("2026-01-09 17:00+00", "update", {"name": ["甲化工厂", "丙化工有限公司"]}),  # 10 January in Shanghai
    ]),
    credit_code("91310115MA1KM0002"): ("上海AB电机厂", [
        ("2025-05-05 02:00+00", "update", {"name": ["上海ＡＢ电机厂", "上海AB电机厂"]}),  # width only
    ]),
    credit_code("91310115MA1KM0003"): ("丁纺织厂", [
        ("2025-05-05 02:00+00", "update", {"name": ["丁纺织厂", "戊纺织公司"]}),
        ("2025-07-07 02:00+00", "update", {"name": ["戊纺织公司", "丁纺织厂"]}),  # taken back
    ]),
}


@pytest.fixture(scope="module")
def url(fresh_database_url):
    return fresh_database_url("registry_test_former_names_migration")


def _former_names(engine) -> list[tuple]:
    with engine.connect() as conn:
        return sorted(tuple(row) for row in conn.execute(text(
            "SELECT e.name, f.name, f.until::text, u.username FROM enterprise_former_names f "
            "JOIN enterprises e ON e.id = f.enterprise_id LEFT JOIN users u ON u.id = f.recorded_by")))


def test_the_audit_trail_s_renames_become_former_names_and_down_drops_them(url):
    migrations.upgrade(url, BEFORE)
    engine = create_engine(url, poolclass=pool.NullPool)
    try:
        with engine.begin() as conn:
            user = conn.execute(text("INSERT INTO users (username, display_name, role) "
                                     "VALUES ('admin', '陈静', 'admin') RETURNING id")).scalar_one()
            for code, (name, entries) in HISTORIES.items():
                enterprise = conn.execute(text("INSERT INTO enterprises (credit_code, name) VALUES (:c, :n) RETURNING id"),
                                          {"c": code, "n": name}).scalar_one()
                for at, action, changes in entries:
                    conn.execute(text(
                        "INSERT INTO audit_log (at, user_id, action, entity, entity_id, changes, channel) "
                        "VALUES (:at, :u, :a, 'enterprise', :e, CAST(:changes AS jsonb), 'web')"),
                        {"at": at, "u": user, "a": action, "e": str(enterprise), "changes": json.dumps(changes, ensure_ascii=False)})

        migrations.upgrade(url)
        expected = sorted([("丙化工有限公司", "乙化工有限公司", "2025-06-01", "admin"),
                           ("丙化工有限公司", "甲化工厂", "2026-01-10", "admin"),
                           ("丁纺织厂", "戊纺织公司", "2025-07-07", "admin")])
        assert _former_names(engine) == expected

        migrations.downgrade(url, BEFORE)
        assert "enterprise_former_names" not in inspect(engine).get_table_names()
        migrations.upgrade(url)
        assert _former_names(engine) == expected
    finally:
        engine.dispose()
