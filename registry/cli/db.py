"""``registry db …``: the local cluster, migrations, reset, backup and restore."""
from __future__ import annotations

import getpass
import os
import subprocess
from pathlib import Path

import click
from sqlalchemy.engine import make_url
from sqlalchemy.exc import SQLAlchemyError

from registry.cli.output import NOTHING, acting_as, message_text, say, text
from registry.cli.translated import group
from registry.domain.channels import CLI
from registry.domain.errors import N_
from registry.domain.permissions import Actor
from registry import migrations
from registry.config import database_url
from registry.db import make_engine, make_sessionmaker
from registry.localdb import DATABASE, LocalCluster, _pg_bindir, tool_failed
from registry.services.backups import backup_actor, record_backup
from registry.services.restores import record_restore


def _uses_local_cluster() -> bool:
    return not os.environ.get("DATABASE_URL")


def _local() -> LocalCluster:
    if not _uses_local_cluster():
        raise click.ClickException(text(N_("DATABASE_URL is set: the local cluster is not in use")))
    return LocalCluster.default()


def libpq_url(url: str) -> str:
    """SQLAlchemy's URL in the form pg_dump/pg_restore/psql understand."""
    return make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)


def ensure_started() -> None:
    """Start the local cluster if it is the configured database (no-op for DATABASE_URL)."""
    if _uses_local_cluster():
        LocalCluster.default().start()


@group(help=N_("Manage the database (the local cluster under var/ unless DATABASE_URL is set)."))
def db() -> None:
    pass


@db.command(help=N_("Create (on first use) and start the local cluster."))
def start() -> None:
    cluster = _local()
    cluster.start()
    click.echo(message_text(cluster.status()))


@db.command(help=N_("Stop the local cluster."))
def stop() -> None:
    cluster = _local()
    cluster.stop()
    click.echo(message_text(cluster.status()))


@db.command(help=N_("Say whether the database is up and which migration it is at."))
def status() -> None:
    if _uses_local_cluster():
        click.echo(message_text(LocalCluster.default().status()))
        if not LocalCluster.default().is_running():
            return
    say(N_("revision: %(revision)s (head %(head)s)"), revision=migrations.current_revision_of(database_url()) or NOTHING,
        head=migrations.head_revision() or NOTHING)


@db.command(help=N_("Migrate the schema up to REVISION (default: the head)."))
@click.argument("revision", default="heads")
def upgrade(revision: str) -> None:
    ensure_started()
    migrations.upgrade(database_url(), revision)
    _say_revision()


@db.command(help=N_("Migrate the schema down to REVISION (default: one step; 'base' removes everything)."))
@click.argument("revision", default="-1")
def downgrade(revision: str) -> None:
    ensure_started()
    migrations.downgrade(database_url(), revision)
    _say_revision()


def _say_revision() -> None:
    say(N_("at revision %(revision)s"), revision=migrations.current_revision_of(database_url()) or NOTHING)


@db.command(help=N_("Empty the database and migrate it to head (all data is lost)."))
@click.option("--yes", is_flag=True, help=N_("Needed when DATABASE_URL points at another server."))
def reset(yes: bool) -> None:
    if _uses_local_cluster():
        cluster = LocalCluster.default()
        cluster.start()
        cluster.recreate_database(DATABASE)
    else:
        if not yes:
            raise click.ClickException(text(N_("refusing to reset a DATABASE_URL database without --yes")))
        migrations.downgrade(database_url(), "base")
    migrations.upgrade(database_url())
    say(N_("database reset to an empty schema at head"))


def _run_pg_tool(tool: str, *args: str) -> None:
    result = subprocess.run([str(_pg_bindir() / tool), *args], capture_output=True, text=True)
    if result.returncode != 0:
        raise tool_failed(tool, result)


@db.command(help=N_("Write the whole database to FILE (pg_dump custom format); the audit trail then records "
                     "the backup: the file, its size, when, and who."))
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@acting_as(False, N_("Record the backup as this administrator (the audit trail names them); without it, the "
                     "command line, with the operating-system account."))
def backup(file: Path, as_user: str | None) -> None:
    ensure_started()
    engine = make_engine(database_url())
    try:
        with make_sessionmaker(engine)() as session:
            actor = backup_actor(session, as_user)  # a name refused before anything is written
        partial = _private_file_beside(file)
        try:
            _run_pg_tool("pg_dump", "--format=custom", "--no-owner", f"--file={partial}",
                         f"--dbname={libpq_url(database_url())}")
        except BaseException:
            partial.unlink(missing_ok=True)
            raise
        partial.replace(file)
        say(N_("backup written to %(file)s (%(size)d bytes)"), file=str(file), size=file.stat().st_size)
        _audit_backup(engine, actor, file)
    finally:
        engine.dispose()


def _audit_backup(engine, actor: Actor, file: Path) -> None:
    """The trail's entry for the backup in ``file``, written now that it is in place (never for one
    that failed). The file stays if the entry cannot be written: it is a good backup, and said so."""
    try:
        with make_sessionmaker(engine)() as session:
            record_backup(session, actor, str(file.resolve()), file.stat().st_size, _os_user())
    except SQLAlchemyError as error:
        raise click.ClickException(text(N_(
            "the audit trail does not record this backup: %(reason)s. The backup in %(file)s is whole."),
            reason=str(getattr(error, "orig", error)).strip().splitlines()[0], file=str(file))) from None


def _private_file_beside(file: Path) -> Path:
    """An empty file of mode 0600 in ``file``'s directory for pg_dump to write (it keeps the mode):
    a backup holds the password hashes, the sign-ins' digests and every supporting document, which
    the umask's usual 0644 left readable to every account on the server. Renamed to ``file`` only
    once pg_dump succeeded, so a failed run (the database gone, the disk full) neither truncates the
    last good backup of that name nor leaves a partial one under it."""
    partial = file.with_name(f".{file.name}.partial")
    descriptor = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    os.close(descriptor)
    partial.chmod(0o600)  # a partial file left by a killed run kept the mode it was created with
    return partial


@db.command(help=N_("Replace the database's contents with the backup in FILE (pg_restore); the restored "
                     "audit trail then records the restore: the file, when, and who."))
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@acting_as(False, N_("Record the restore as this user of the restored database (the audit trail names them); "
                     "without it, the command line, with the operating-system account."))
def restore(file: Path, as_user: str | None) -> None:
    ensure_started()
    _run_pg_tool(
        "pg_restore", "--clean", "--if-exists", "--no-owner", "--single-transaction",
        f"--dbname={libpq_url(database_url())}", str(file),
    )
    say(N_("restored from %(file)s"), file=str(file))
    _audit_restore(file, as_user)


def _os_user() -> str | None:
    """The operating-system account running the command (``None`` when the system names none)."""
    try:
        return getpass.getuser()
    except (OSError, KeyError):  # no LOGNAME/USER and no passwd entry (a bare container)
        return None


def _audit_restore(file: Path, as_user: str | None) -> None:
    """The restored trail's entry for the restore. The contents are replaced whatever happens here: a
    backup whose schema cannot take the entry (an older revision) is said, with the way on, exit 1."""
    engine = make_engine(database_url())
    try:
        with make_sessionmaker(engine)() as session:
            actor = record_restore(session, Actor.system(CLI), str(file.resolve()), file.stat().st_size, _os_user(),
                                   as_user)
    except SQLAlchemyError as error:
        raise click.ClickException(text(N_(
            "the audit trail does not record this restore: %(reason)s. The database holds the backup's contents; "
            "migrate it (registry db upgrade) and record the restore by hand if the trail must show it."),
            reason=str(getattr(error, "orig", error)).strip().splitlines()[0])) from None
    finally:
        engine.dispose()
    if as_user is not None and actor.user_id is None:
        click.echo(text(N_("the restored database has no active user %(name)s: the audit trail records the "
                           "restore as the command line's, naming %(name)s"), name=as_user), err=True)
