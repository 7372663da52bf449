"""SQL of the online monitoring's figures (``energy_monitoring``, migration 0035): a load's upsert, the
monitoring page's filtered list and an enterprise's rows of it, and the figures a project's claim is
checked against (the cross-check's candidates and their claims: ``project_claims.py``)."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import Iterable, Sequence

from sqlalchemy import ColumnElement, Select, exists, func, select, tuple_
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.orm import Session, aliased

from registry.domain.monitoring import MonitoredRow
from registry.models import EnergyMonitoring as Monitored
from registry.models import Enterprise, User

# the (code, year) pairs one statement reads or locks: well under PostgreSQL's bound on parameters
_CHUNK = 5000


@dataclass(frozen=True)
class ListedRow:
    credit_code: str
    year: int
    consumption_tce: Decimal
    source: str | None
    loaded_at: datetime
    loaded_by: str | None  # the loader's display name; None: the system (a demo load)
    enterprise_id: int | None  # the registry's enterprise of the code, when it holds one
    enterprise_name: str | None


def held(session: Session, keys: Iterable[tuple[str, int]]) -> dict[tuple[str, int], tuple[Decimal, str | None]]:
    """The figures already held for ``keys`` (code, year), locked until the transaction ends, so two
    loads of the same rows replace them one after the other."""
    keys = list(keys)
    found: dict[tuple[str, int], tuple[Decimal, str | None]] = {}
    for start in range(0, len(keys), _CHUNK):
        rows = session.execute(
            select(Monitored.credit_code, Monitored.year, Monitored.consumption_tce, Monitored.source)
            .where(tuple_(Monitored.credit_code, Monitored.year).in_(keys[start:start + _CHUNK]))
            .order_by(Monitored.id).with_for_update())
        found.update({(code, year): (tce, source) for code, year, tce, source in rows})
    return found


def upsert(session: Session, rows: Sequence[MonitoredRow], user_id: int | None) -> None:
    """Insert ``rows``; a row whose code and year are held replaces the figure, its source, who loaded it
    and when."""
    for start in range(0, len(rows), _CHUNK):
        statement = insert(Monitored).values([
            {"credit_code": r.credit_code, "year": r.year, "consumption_tce": r.consumption_tce, "source": r.source,
             "loaded_by": user_id} for r in rows[start:start + _CHUNK]])
        session.execute(statement.on_conflict_do_update(
            constraint="uq_energy_monitoring_credit_code_year",
            set_={"consumption_tce": statement.excluded.consumption_tce, "source": statement.excluded.source,
                  "loaded_by": statement.excluded.loaded_by, "loaded_at": func.now()}))


def readable_by_district(district_code: str) -> ColumnElement[bool]:
    """The rows of enterprises the registry places in ``district_code`` (what its staff read)."""
    placed = aliased(Enterprise)  # not the list's own join of the enterprise, which it would correlate to
    return exists(select(placed.id).where(placed.credit_code == Monitored.credit_code,
                                          placed.district_code == district_code))


def _listed(code_prefix: str | None, year: int | None, district_code: str | None) -> Select:
    query = (select(Monitored.credit_code, Monitored.year, Monitored.consumption_tce, Monitored.source,
                    Monitored.loaded_at, User.display_name, Enterprise.id, Enterprise.name)
             .outerjoin(Enterprise, Enterprise.credit_code == Monitored.credit_code)
             .outerjoin(User, User.id == Monitored.loaded_by))
    if code_prefix:
        query = query.where(Monitored.credit_code.startswith(code_prefix, autoescape=True))
    if year is not None:
        query = query.where(Monitored.year == year)
    if district_code is not None:
        query = query.where(readable_by_district(district_code))
    return query


def listed(session: Session, code_prefix: str | None, year: int | None, district_code: str | None,
           limit: int, offset: int) -> tuple[list[ListedRow], int]:
    """A page of the rows (by code, the latest year first) whose code starts with ``code_prefix``, of
    ``year``, of enterprises of ``district_code`` (each ``None``: any), and how many there are."""
    query = _listed(code_prefix, year, district_code)
    total = session.execute(select(func.count()).select_from(query.subquery())).scalar_one()
    rows = session.execute(query.order_by(Monitored.credit_code, Monitored.year.desc()).limit(limit).offset(offset))
    return [ListedRow(*row) for row in rows], total


def of_code(session: Session, credit_code: str, district_code: str | None) -> list[ListedRow]:
    """Every row of ``credit_code``, the latest year first, as the monitoring page lists them to a reader
    narrowed to ``district_code`` (``None``: any): an enterprise's page."""
    query = _listed(None, None, district_code).where(Monitored.credit_code == credit_code)
    return [ListedRow(*row) for row in session.execute(query.order_by(Monitored.year.desc()))]


def figures_of(session: Session, codes: Iterable[str]) -> dict[tuple[str, int], Decimal]:
    """Every monitored figure of ``codes``, by (code, year)."""
    codes = sorted(set(codes))
    found: dict[tuple[str, int], Decimal] = {}
    for start in range(0, len(codes), _CHUNK):
        rows = session.execute(select(Monitored.credit_code, Monitored.year, Monitored.consumption_tce)
                               .where(Monitored.credit_code.in_(codes[start:start + _CHUNK])))
        found.update({(code, year): tce for code, year, tce in rows})
    return found
