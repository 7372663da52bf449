"""SQL of the enterprise directory's download (企业名录 导出): every enterprise the directory's filters
select, in the directory's order (``enterprise_directory.sort_order``, ties by name then id), one row
each with what the file writes, streamed from one statement (``streaming.streamed_rows``).

Each row's projects are counted as the page counts them (the reader's readable ones), by a lateral
probe of the projects' enterprise index per enterprise (migration 0032's index holds what it reads),
whatever the order: a file holds every selected enterprise, so every one is counted anyway. Its
former names and its years of online monitoring are probes of their tables' unique indexes
(enterprise and name; credit code and year).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Iterator

from sqlalchemy import Select, func, literal, select, true
from sqlalchemy.dialects.postgresql import aggregate_order_by
from sqlalchemy.orm import Session

from registry.models import EnergyMonitoring, Enterprise, EnterpriseFormerName, Project
from registry.repositories.enterprise_directory import (
    COUNTED_ORDER, DirectoryFilter, conditions, readable_conditions, sort_order,
)
from registry.repositories.streaming import streamed_rows


@dataclass(frozen=True)
class EnterpriseExportRow:
    """One enterprise as the download writes it."""

    name: str
    credit_code: str
    industry_code: str | None
    district_code: str | None
    address: str | None
    projects: int  # that the reader may read
    latest_year: int | None  # of those
    former_names: list[str] | None  # the latest first
    monitored_years: list[int] | None  # the years online monitoring recorded (``None``: none, or not the reader's)
    is_illustrative: bool


@dataclass(frozen=True)
class MonitoringSight:
    """Whose monitored years the reader reads: none (``readable`` false: planners), every enterprise's
    (``district_code`` None), or those of the enterprises the registry places in ``district_code``."""

    readable: bool
    district_code: str | None = None


def _monitored_years(sight: MonitoringSight):
    if not sight.readable:
        return literal(None)
    placed = [] if sight.district_code is None else [Enterprise.district_code == sight.district_code]
    return (select(func.array_agg(aggregate_order_by(EnergyMonitoring.year, EnergyMonitoring.year)))
            .where(EnergyMonitoring.credit_code == Enterprise.credit_code, *placed).scalar_subquery())


def listed_query(f: DirectoryFilter, sort: str, descending: bool, sight: MonitoringSight) -> Select:
    """Every enterprise ``f`` selects (the directory's conditions), in the order of ``sort`` (a key of
    ``SORTABLE``), with the columns of ``EnterpriseExportRow``."""
    counted = (select(func.count().label("projects"), func.max(Project.year).label("latest_year"))
               .where(Project.enterprise_id == Enterprise.id, *readable_conditions(f.visible_district))
               .lateral("counted"))
    former = (select(func.array_agg(aggregate_order_by(EnterpriseFormerName.name, EnterpriseFormerName.until.desc(),
                                                       EnterpriseFormerName.id.desc())))
              .where(EnterpriseFormerName.enterprise_id == Enterprise.id).scalar_subquery())
    if sort in COUNTED_ORDER:
        by = getattr(counted.c, sort)
        order = (by.desc().nulls_last() if descending else by.asc().nulls_last(), Enterprise.name, Enterprise.id)
    else:
        order = sort_order(Enterprise, sort, descending)
    return (select(Enterprise.name, Enterprise.credit_code, Enterprise.industry_code, Enterprise.district_code,
                   Enterprise.address, counted.c.projects, counted.c.latest_year, former, _monitored_years(sight),
                   Enterprise.is_illustrative)
            .select_from(Enterprise).join(counted, true()).where(*conditions(f)).order_by(*order))


def stream_enterprises(session: Session, query: Select) -> Iterator[EnterpriseExportRow]:
    """The rows of ``listed_query`` one by one, from a server-side cursor."""
    return (EnterpriseExportRow(*row) for row in streamed_rows(session, query))
