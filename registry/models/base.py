"""Declarative base shared by every ORM model. The schema itself is built by Alembic only."""
from __future__ import annotations

from datetime import datetime

from geoalchemy2 import Geometry
from sqlalchemy import Computed, DateTime, MetaData, func
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from geo.geometry import SRID_STORAGE

NAMING = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


def search_key(column: str) -> Computed:
    """What the search compares a name with (migration 0030): ``column`` in NFKC and lower case,
    stored by PostgreSQL on every write (registry.domain.search.search_key in Python)."""
    return Computed(f"registry_search_key({column})", persisted=True)


def multipolygon() -> Geometry:
    """A MultiPolygon column in the storage SRID; its GiST index is made by the migration."""
    return Geometry("MULTIPOLYGON", srid=SRID_STORAGE, spatial_index=False)


class Timestamped:
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    updated_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), server_default=func.now(), onupdate=func.now()
    )
