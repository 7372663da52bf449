"""A committed database for the ``registry projects`` and ``registry documents`` tests: the 16
districts, a user of each kind, and helpers to register projects as them and to see what changed."""
from __future__ import annotations

from contextlib import contextmanager
from typing import Iterator

from click.testing import CliRunner, Result
from sqlalchemy import create_engine, func, pool, select
from sqlalchemy.orm import Session

from registry.cli import cli
from registry.domain.permissions import Actor
from registry.models import AuditEntry, Project, ProjectDocument, User
from registry.services import accounts
from registry.services import projects as svc
from tests.integration.command_line import committed_cli_database
from tests.integration.project_data import draft

USERS = (("pudong", "district_staff", "310115"), ("minhang", "district_staff", "310112"),
         ("reviewer", "city_reviewer", None), ("planner", "planner", None))


def users_database(fresh_database_url, name: str) -> str:
    def seed(session):
        for username, role, district in USERS:
            accounts.create_user(session, Actor.system(), username, "a-long-password", role, district)

    return committed_cli_database(fresh_database_url, name, seed)


@contextmanager
def session_on(url: str) -> Iterator[Session]:
    engine = create_engine(url, poolclass=pool.NullPool)
    try:
        with Session(engine, expire_on_commit=False) as session:
            yield session
    finally:
        engine.dispose()


def actor(session: Session, username: str) -> Actor:
    return accounts.actor_named(session, username)


def registered(url: str, status: str = "draft", **overrides) -> svc.ProjectView:
    """A Pudong motor upgrade of 2013 (no parcels, unless ``overrides`` give some) registered by pudong
    and taken to ``status``."""
    with session_on(url) as session:
        view = svc.register_project(session, actor(session, "pudong"), draft(**({"new_parcels": ()} | overrides)),
                                    submit=status != "draft")
        steps = {"approved": [("reviewer", "approve")],
                 "completed": [("reviewer", "approve"), ("pudong", "complete")],
                 "verified": [("reviewer", "approve"), ("pudong", "complete"), ("reviewer", "verify")]}
        for username, action in steps.get(status, []):
            view = svc.transition(session, actor(session, username), view.id, action)
        return view


def snapshot(url: str) -> tuple:
    """What a refused command must leave as it was: every project's status and version, the audit
    trail's length, the documents."""
    with session_on(url) as session:
        projects = session.execute(select(Project.id, Project.status, Project.version).order_by(Project.id)).all()
        documents = session.execute(select(ProjectDocument.id, ProjectDocument.sha256).order_by(ProjectDocument.id)).all()
        return projects, session.scalar(select(func.count()).select_from(AuditEntry)), documents


def last_entries(url: str, project_id: int, count: int = 1) -> list[tuple[str | None, str, str | None]]:
    """The project's last audit entries: (user name, action, note), oldest first."""
    with session_on(url) as session:
        rows = session.execute(select(User.username, AuditEntry.action, AuditEntry.note)
                               .outerjoin(User, User.id == AuditEntry.user_id)
                               .where(AuditEntry.entity == "project", AuditEntry.entity_id == str(project_id))
                               .order_by(AuditEntry.id.desc()).limit(count)).all()
        return [tuple(row) for row in reversed(rows)]


def registry(url: str, *args: str, lang: str = "en", **env: str) -> Result:
    """``registry ARGS`` on ``url`` in ``lang``."""
    return CliRunner().invoke(cli, list(args), env={"DATABASE_URL": url, "REGISTRY_LANG": lang, **env})


def refused_alone(url: str, line: str, *args: str) -> None:
    """``registry ARGS`` is refused with one error line starting with ``line`` (exit status 2),
    nothing on stdout, and the database as it was."""
    before = snapshot(url)
    refused = registry(url, *args)
    assert refused.exit_code == 2, refused.output
    assert refused.stdout == "" and refused.stderr.startswith(line)
    assert len(refused.stderr.splitlines()) == 1
    assert snapshot(url) == before
