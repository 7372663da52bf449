"""Health of the registry's database: reachable, PostGIS version, migration revision."""
from __future__ import annotations

from dataclasses import asdict, dataclass

from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from registry import migrations


@dataclass(frozen=True)
class HealthReport:
    ok: bool
    database: bool
    postgis_version: str | None
    migration_revision: str | None
    migration_head: str | None
    error: str | None = None

    def as_dict(self) -> dict:
        return asdict(self)


def check(session: Session) -> HealthReport:
    head = migrations.head_revision()
    try:
        postgis = session.execute(text("SELECT postgis_lib_version()")).scalar_one()
        revision = migrations.current_revision(session.connection())
    except SQLAlchemyError as exc:
        session.rollback()
        return HealthReport(False, False, None, None, head, error=type(exc).__name__)
    return HealthReport(revision == head, True, postgis, revision, head)
