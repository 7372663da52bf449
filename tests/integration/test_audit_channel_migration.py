"""Migration 0031 on a real database: the entries logged before it say ``unknown``, a new one must
say its channel (a known code, an API token with the API only), the log stays append-only, and the
way down drops the columns and keeps every entry."""
from __future__ import annotations

import pytest
from sqlalchemy import create_engine, inspect, pool, text
from sqlalchemy.exc import DBAPIError, IntegrityError

from registry import migrations

BEFORE = "0030"


def _insert(conn, channel: str | None = None, token: int | None = None, entity_id: str = "1") -> None:
    columns, values = "action, entity, entity_id", "'update', 'project', :id"
    if channel is not None:
        columns, values = columns + ", channel, api_token_id", values + ", :channel, :token"
    conn.execute(text(f"INSERT INTO audit_log ({columns}) VALUES ({values})"),
                 {"id": entity_id, "channel": channel, "token": token})


def _refused(engine, statement, said: str) -> None:
    with pytest.raises((IntegrityError, DBAPIError)) as info:
        with engine.begin() as conn:
            statement(conn)
    assert said in str(info.value)


@pytest.fixture(scope="module")
def url(fresh_database_url):
    return fresh_database_url("registry_test_audit_channel_migration")


def test_old_entries_are_unknown_new_ones_must_say_their_channel_and_down_keeps_them(url):
    migrations.upgrade(url, BEFORE)
    engine = create_engine(url, poolclass=pool.NullPool)
    try:
        with engine.begin() as conn:
            _insert(conn, entity_id="old-1")
            _insert(conn, entity_id="old-2")
            user = conn.execute(text("INSERT INTO users (username, display_name, role) "
                                     "VALUES ('robot', 'Robot', 'admin') RETURNING id")).scalar_one()
            token = conn.execute(text(
                "INSERT INTO api_tokens (user_id, name, token_hash, prefix, expires_at) "
                "VALUES (:u, 'ci', repeat('a', 64), 'reg_x', now() + interval '1 day') RETURNING id"), {"u": user}
            ).scalar_one()

        migrations.upgrade(url)
        with engine.begin() as conn:
            old = conn.execute(text("SELECT entity_id, channel, api_token_id FROM audit_log ORDER BY id")).all()
            assert [tuple(r) for r in old] == [("old-1", "unknown", None), ("old-2", "unknown", None)]
            _insert(conn, "api", token, "new-api")
            _insert(conn, "cli", None, "new-cli")
        # no default any more: a writer that does not say its channel is refused, not logged "unknown"
        _refused(engine, lambda conn: _insert(conn, entity_id="silent"), "channel")
        _refused(engine, lambda conn: _insert(conn, "telepathy"), "ck_audit_log_channel")
        _refused(engine, lambda conn: _insert(conn, "api"), "ck_audit_log_api_token")
        _refused(engine, lambda conn: _insert(conn, "web", token), "ck_audit_log_api_token")
        # still append-only: the backfill rewrote no row, and the trigger still refuses one
        _refused(engine, lambda conn: conn.execute(text("UPDATE audit_log SET channel = 'web'")), "append-only")
        _refused(engine, lambda conn: conn.execute(text("DELETE FROM audit_log")), "append-only")
        indexes = {i["name"]: i["column_names"] for i in inspect(engine).get_indexes("audit_log")}
        assert indexes["ix_audit_log_channel"] == ["channel", "at", "id"]

        migrations.downgrade(url, BEFORE)
        columns = {c["name"] for c in inspect(engine).get_columns("audit_log")}
        assert "channel" not in columns and "api_token_id" not in columns
        with engine.begin() as conn:
            kept = conn.execute(text("SELECT entity_id FROM audit_log ORDER BY id")).scalars().all()
        assert kept == ["old-1", "old-2", "new-api", "new-cli"]
        _refused(engine, lambda conn: conn.execute(text("DELETE FROM audit_log")), "append-only")
        migrations.upgrade(url)  # and up again, as test_migrations runs every migration
        with engine.begin() as conn:
            again = conn.execute(text("SELECT channel, count(*) FROM audit_log GROUP BY channel")).all()
        assert dict(again) == {"unknown": 4}
    finally:
        engine.dispose()
