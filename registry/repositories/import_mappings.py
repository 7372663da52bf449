"""Saved field-mapping profiles of the GIS import (``import_mappings``), by target and name: what a
run saved to be named again, kept apart from the import's work tables (repositories/imports.py),
which live only in the import's transaction."""
from __future__ import annotations

from sqlalchemy import select, text
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.orm import Session

from registry.models import ImportMapping


def save_mapping(session: Session, target: str, name: str, profile: dict, user_id: int | None) -> None:
    statement = insert(ImportMapping).values(target=target, name=name, profile=profile, created_by=user_id)
    session.execute(statement.on_conflict_do_update(
        constraint="uq_import_mappings_target_name", set_={"profile": profile, "updated_at": text("now()")}))


def load_mapping(session: Session, target: str, name: str) -> dict | None:
    return session.scalar(select(ImportMapping.profile).where(ImportMapping.target == target,
                                                              ImportMapping.name == name))


def mapping_names(session: Session, target: str) -> list[str]:
    return list(session.scalars(select(ImportMapping.name).where(ImportMapping.target == target)
                                .order_by(ImportMapping.name)))
