"""The ``registry`` command against a real PostGIS: savings, load, backup and restore."""
from __future__ import annotations

import getpass
import json
import re
import stat
import subprocess

from sqlalchemy import create_engine, pool, text
from sqlalchemy.engine import make_url

from registry import migrations
from registry.localdb import tool_failed
from tests.integration.command_line import run


def test_savings_prints_json_with_both_bases(runner, cli_database):
    doc = {"kind": "boiler_replacement", "year": 2013,
           "energy_before": [{"energy": "raw_coal", "quantity": 2000, "unit": "t"}],
           "efficiency_before": 0.65, "efficiency_after": 0.92}
    result = run(runner, cli_database, "savings", "-", input=json.dumps(doc))
    assert result.exit_code == 0, result.output
    body = json.loads(result.output)
    # DOMAIN.md §4.3: 2,000 t × 0.7143 = 1,428.6 tce; × (1 − 0.65/0.92) = 419.3 tce
    assert round(body["savings_tce"], 1) == 419.3
    assert body["savings_tce_equal_value"] == body["savings_tce"]  # no electricity involved
    assert body["trace"]


def test_savings_invalid_input_exits_2_with_one_line_naming_the_field(runner, cli_database):
    doc = {"kind": "motor_upgrade", "year": 2013, "motors": [{"count": 1, "rated_kw": 55, "load_factor": 0.75,
            "hours_per_year": 6000, "efficiency_before": 0, "efficiency_after": 0.946}]}
    result = run(runner, cli_database, "savings", "-", input=json.dumps(doc))
    assert result.exit_code == 2
    assert "motors[0].efficiency_before" in result.output
    assert "Traceback" not in result.output
    assert len(result.output.strip().splitlines()) == 1


def test_savings_of_non_json_exits_2(runner, cli_database):
    result = run(runner, cli_database, "savings", "-", input="{nope")
    assert result.exit_code == 2 and "document" in result.output


def test_load_of_a_bad_file_exits_2_and_writes_nothing(runner, cli_database, tmp_path):
    bad = {"parcels": [{"code": "X", "land_use_class": "M1", "geometry": {"type": "Polygon", "coordinates": [
        [[121.6, 31.2], [121.601, 31.201], [121.601, 31.2], [121.6, 31.201], [121.6, 31.2]]]}}]}
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(bad))
    result = run(runner, cli_database, "load", str(path))
    assert result.exit_code == 2
    assert "parcels[0] (X).geometry" in result.output
    engine = create_engine(cli_database, poolclass=pool.NullPool)
    with engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM parcels")).scalar_one() == 0
    engine.dispose()


TABLES = ("districts", "zones", "parcels", "parcel_zones", "enterprises", "projects", "project_parcels",
          "energy_factors", "electricity_equal_values", "targets", "audit_log")


def snapshot(url: str) -> dict[str, tuple[int, str]]:
    """Row count and an order-independent checksum of every table's rows."""
    engine = create_engine(url, poolclass=pool.NullPool)
    with engine.connect() as conn:
        result = {
            t: tuple(conn.execute(text(
                f"SELECT count(*), coalesce(md5(string_agg(md5(t::text), '' ORDER BY md5(t::text))), '') FROM {t} t"
            )).one())
            for t in TABLES
        }
    engine.dispose()
    return result


def test_backup_restores_every_row_into_a_fresh_database(runner, cli_database, fresh_database_url, tmp_path):
    loaded = run(runner, cli_database, "demo", "load", "--parcels", "300", "--projects", "60")
    assert loaded.exit_code == 0, loaded.output
    dump = tmp_path / "registry.dump"
    backup = run(runner, cli_database, "db", "backup", str(dump))
    assert backup.exit_code == 0, backup.output
    assert backup.output == f"backup written to {dump} ({dump.stat().st_size:,} bytes)\n"

    target = fresh_database_url("registry_test_restore")
    restored = run(runner, target, "db", "restore", str(dump))
    assert restored.exit_code == 0 and restored.output == f"restored from {dump}\n", restored.output
    before, after = snapshot(cli_database), snapshot(target)
    assert before["projects"][0] == 60 and before["parcels"][0] == 300
    trail_before, trail_after = before.pop("audit_log"), after.pop("audit_log")
    assert after == before
    # the backup's trail (without the backup's own entry, written once the file was), and the restore's entry
    assert trail_after[0] == trail_before[0] - 1 + 1
    assert migrations.current_revision_of(target) == migrations.head_revision()


def _last_entry(url: str) -> dict:
    engine = create_engine(url, poolclass=pool.NullPool)
    with engine.connect() as conn:
        row = conn.execute(text(
            "SELECT a.action, a.entity, a.entity_id, a.channel, u.username, a.changes, a.at > now() - interval '1 hour' AS now "
            "FROM audit_log a LEFT JOIN users u ON u.id = a.user_id ORDER BY a.id DESC LIMIT 1")).mappings().one()
    engine.dispose()
    return dict(row)


def test_a_restore_is_an_entry_of_the_restored_trail_naming_the_file_and_who(runner, cli_database,
                                                                             fresh_database_url, tmp_path):
    """The restore replaces the trail with the backup's: its own entry, written after, shows that
    the contents were replaced — which file, when, by which OS account (and registry user, if named)."""
    created = run(runner, cli_database, "users", "create", "ops-admin", "--role", "admin", "--password-stdin",
                  input="a-long-password-1\n")
    assert created.exit_code == 0, created.output
    dump = tmp_path / "registry.dump"
    assert run(runner, cli_database, "db", "backup", str(dump)).exit_code == 0
    target = fresh_database_url("registry_test_restore_audit")

    restored = run(runner, target, "db", "restore", str(dump))
    assert restored.exit_code == 0, restored.output
    entry = _last_entry(target)
    assert (entry["action"], entry["entity"], entry["entity_id"], entry["channel"], entry["username"], entry["now"]) == (
        "restore", "database", "-", "cli", None, True)
    assert entry["changes"] == {"file": str(dump.resolve()), "size_bytes": dump.stat().st_size,
                                "os_user": getpass.getuser()}

    as_admin = run(runner, target, "db", "restore", str(dump), "--as", "ops-admin")
    assert as_admin.exit_code == 0 and as_admin.output == f"restored from {dump}\n", as_admin.output
    entry = _last_entry(target)
    assert (entry["username"], entry["changes"]["as_user"]) == ("ops-admin", "ops-admin")

    # a name the backup's accounts do not hold: restored all the same, the entry the command line's, naming it
    unknown = run(runner, target, "db", "restore", str(dump), "--as", "nobody-here")
    assert unknown.exit_code == 0, unknown.output
    assert "no active user nobody-here" in unknown.output
    entry = _last_entry(target)
    assert (entry["username"], entry["channel"], entry["changes"]["as_user"]) == (None, "cli", "nobody-here")


def _entries(url: str) -> int:
    engine = create_engine(url, poolclass=pool.NullPool)
    with engine.connect() as conn:
        count = conn.execute(text("SELECT count(*) FROM audit_log")).scalar_one()
    engine.dispose()
    return count


def test_a_backup_is_an_entry_of_the_trail_naming_the_file_its_size_and_who(runner, cli_database, tmp_path):
    """A backup is a copy of every record and password hash: the trail shows who took one, to which
    file, how large, and when — as the command line's with the OS account, or as the administrator named."""
    dump = tmp_path / "registry.dump"
    backup = run(runner, cli_database, "db", "backup", str(dump))
    assert backup.exit_code == 0 and backup.output == f"backup written to {dump} ({dump.stat().st_size:,} bytes)\n"
    entry = _last_entry(cli_database)
    assert (entry["action"], entry["entity"], entry["entity_id"], entry["channel"], entry["username"], entry["now"]) == (
        "backup", "database", "-", "cli", None, True)
    assert entry["changes"] == {"file": str(dump.resolve()), "size_bytes": dump.stat().st_size,
                                "os_user": getpass.getuser()}

    created = run(runner, cli_database, "users", "create", "backup-admin", "--role", "admin", "--password-stdin",
                  input="a-long-password-1\n")
    assert created.exit_code == 0, created.output
    assert run(runner, cli_database, "db", "backup", str(dump), "--as", "backup-admin").exit_code == 0
    assert _last_entry(cli_database)["username"] == "backup-admin"


def test_a_backup_refused_or_failed_writes_no_entry_and_no_file(runner, cli_database, tmp_path, monkeypatch):
    """An entry must not claim a backup that was not written: a name that is no active administrator
    is refused before the dump, and a failed pg_dump leaves the trail as it was."""
    assert run(runner, cli_database, "users", "create", "a-planner", "--role", "planner", "--password-stdin",
               input="a-long-password-1\n").exit_code == 0
    dump, before = tmp_path / "registry.dump", _entries(cli_database)
    for name, said in (("nobody-here", "no user named nobody-here"), ("a-planner", "Your role may not do this")):
        refused = run(runner, cli_database, "db", "backup", str(dump), "--as", name)
        assert refused.exit_code != 0 and said in refused.output and "backup written" not in refused.output, refused.output
    assert list(tmp_path.iterdir()) == [] and _entries(cli_database) == before

    def failing(tool, *args):
        raise tool_failed(tool, subprocess.CompletedProcess([tool], 1, "", "could not write: No space left on device"))

    monkeypatch.setattr("registry.cli.db._run_pg_tool", failing)
    failed = run(runner, cli_database, "db", "backup", str(dump))
    assert failed.exit_code != 0 and "No space left" in failed.output
    assert list(tmp_path.iterdir()) == [] and _entries(cli_database) == before


def test_a_backup_is_readable_by_its_owner_only(runner, cli_database, tmp_path):
    """It holds the password hashes, the sign-ins' digests and every supporting document: not for a
    process umask (022) to leave readable to every account on the server."""
    dump = tmp_path / "registry.dump"
    dump.write_bytes(b"yesterday")
    dump.chmod(0o644)  # a file of the same name already there keeps no wider mode either
    assert run(runner, cli_database, "db", "backup", str(dump)).exit_code == 0
    assert stat.S_IMODE(dump.stat().st_mode) == 0o600
    assert dump.read_bytes().startswith(b"PGDMP")  # pg_dump's custom format
    assert [p.name for p in tmp_path.iterdir()] == ["registry.dump"]


def test_a_failed_backup_leaves_the_previous_file_whole_and_nothing_beside_it(runner, cli_database, tmp_path):
    """pg_dump truncates its file before it fails (a database that has gone away, a full disk): the
    last good backup under that name must survive a failed run, and no partial file pass for one."""
    dump = tmp_path / "registry.dump"
    dump.write_bytes(b"the last good backup")
    gone = make_url(cli_database).set(database="registry_test_no_such_database").render_as_string(hide_password=False)
    failed = run(runner, gone, "db", "backup", str(dump))
    assert failed.exit_code != 0 and "pg_dump" in failed.output
    assert dump.read_bytes() == b"the last good backup"
    assert [p.name for p in tmp_path.iterdir()] == ["registry.dump"]


def test_demo_load_commits_the_subsidies_it_reports(runner, fresh_database_url):
    # The in-process demo tests share one rolled-back transaction, which hides a step that only
    # flushes: here the command runs on its own database and a new connection reads what stayed.
    url = fresh_database_url("registry_test_demo_cli")
    migrations.upgrade(url)
    loaded = run(runner, url, "demo", "load", "--parcels", "300", "--projects", "120")
    assert loaded.exit_code == 0, loaded.output
    reported = int(re.search(r"Subsidies: (\d+) inserted", loaded.output).group(1))
    engine = create_engine(url, poolclass=pool.NullPool)
    with engine.connect() as conn:
        stored = conn.execute(text(
            "SELECT count(*) FROM projects WHERE subsidy_requested_wan_yuan IS NOT NULL")).scalar_one()
    engine.dispose()
    assert stored == reported > 0
