"""SQL of the data-quality checks on projects (``domain.quality``): each check's condition on
``Project``, which the project list filters by (``check=<id>``, ``projects.list_conditions``) and
``repositories.quality`` counts with — one condition, so the page's count is the list's.

A condition takes the reader's ``visible_district`` (``permissions.unapproved_readable_in``): a
project is possibly registered twice only by a lookalike the reader may read.
"""
from __future__ import annotations

from typing import Callable

from sqlalchemy import BigInteger, ColumnElement, Integer, Select, and_, case, column, exists, func, select, table, union
from sqlalchemy.orm import InstrumentedAttribute, Session

from registry.domain.duplicates import KINDS_COUNTING_THE_SAME_SAVINGS
from registry.domain.quality import AUDIT_REPORT
from registry.domain.workflow import EDITABLE_STATUSES, KINDS_REVIEWED_WITH_PARCELS
from registry.models import Project, ProjectDocument, project_parcels
from registry.repositories.search import visible_projects


def savings_family(kind: ColumnElement[str] | InstrumentedAttribute) -> ColumnElement[str]:
    """The kind, or one name for the kinds that count the same savings (domain.duplicates)."""
    return case(*((kind.in_(sorted(family)), "+".join(sorted(family))) for family in KINDS_COUNTING_THE_SAME_SAVINGS),
                else_=kind)


# How many projects each enterprise has in each year, and each parcel is linked to (``n``), kept by
# triggers (migration 0045); a key held by one project or none has no row, or ``n`` 1.
PER_ENTERPRISE_YEAR = table("projects_per_enterprise_year", column("enterprise_id", Integer), column("year", Integer),
                            column("n", Integer))
PER_PARCEL = table("projects_per_parcel", column("parcel_id", BigInteger), column("n", Integer))


def possible_duplicate_ids(visible_district: str | None) -> Select:
    """Ids of the projects that have a lookalike the reader may read (``projects.with_lookalikes``'
    rule: another project of its year that counts the same savings and has its enterprise or shares a
    parcel), set-based for a whole list. What may be alike is read from the totals the database keeps
    (migration 0045): the enterprises and years of two or more projects, the parcels linked to two or
    more (a partial index each, a few thousand keys at 100,000 projects); those few groups' projects
    are then read from ``ix_projects_enterprise_readable`` (migration 0043; links: their parcels'
    links) and each one's savings family counted among those the reader may read (a window). Counting
    the groups here read the index's 100,000 entries and the 75,000 links on every list (≈ 93 ms of
    its 100 ms, docs/performance.md "The lookalikes' groups kept"). A group kept for two projects of
    which the reader reads one finds nothing: a project the reader may not read is in none."""
    m, mine = Project.__table__.alias("m"), project_parcels.alias("mine")
    readable_m = [] if (visible := visible_projects(visible_district, m.c)) is None else [visible]
    family = savings_family(m.c.kind)
    pairs = (select(PER_ENTERPRISE_YEAR.c.enterprise_id, PER_ENTERPRISE_YEAR.c.year)
             .where(PER_ENTERPRISE_YEAR.c.n > 1).subquery("pairs"))
    by_enterprise = (select(m.c.id, func.count().over(partition_by=(m.c.enterprise_id, m.c.year, family)).label("alike"))
                     .join(pairs, and_(pairs.c.enterprise_id == m.c.enterprise_id, pairs.c.year == m.c.year))
                     .where(*readable_m).subquery("by_enterprise"))
    shared = select(PER_PARCEL.c.parcel_id).where(PER_PARCEL.c.n > 1).subquery("shared")
    by_parcel = (select(m.c.id, func.count().over(partition_by=(mine.c.parcel_id, m.c.year, family)).label("alike"))
                 .select_from(shared.join(mine, mine.c.parcel_id == shared.c.parcel_id).join(m, m.c.id == mine.c.project_id))
                 .where(*readable_m).subquery("by_parcel"))
    return union(select(by_enterprise.c.id).where(by_enterprise.c.alike > 1),
                 select(by_parcel.c.id).where(by_parcel.c.alike > 1))


def possibly_duplicated(visible_district: str | None) -> ColumnElement[bool]:
    """The project is among ``possible_duplicate_ids``: the data-quality page's count. The project
    list reads those ids once instead (``failing_ids``), since no estimate of how many
    there are lets PostgreSQL plan its page and count well."""
    return Project.id.in_(possible_duplicate_ids(visible_district))


def failing_ids(session: Session, check: str | None, visible_district: str | None) -> list[int] | None:
    """The ids of the projects failing ``check`` for the reader, when the check is one a list reads
    as ids (``READ_AS_IDS``); else ``None`` (its condition goes into the list's statements)."""
    if check not in READ_AS_IDS:
        return None
    return list(session.scalars(READ_AS_IDS[check](visible_district)))


def _exit_without_parcels(_visible: str | None) -> ColumnElement[bool]:
    """An exit beyond its district's editing without a parcel (``workflow.parcel_errors``' rule): one
    stored before the rule, or loaded around it."""
    return and_(Project.kind.in_(sorted(KINDS_REVIEWED_WITH_PARCELS)), Project.status.not_in(sorted(EDITABLE_STATUSES)),
                ~exists().where(project_parcels.c.project_id == Project.id))


def _savings_without_equal_value(_visible: str | None) -> ColumnElement[bool]:
    """Savings computed at the equivalent value but not at the equal value: the year's 等价值 is
    missing (docs/accounting.md §11.12)."""
    return and_(Project.savings_tce.is_not(None), Project.savings_tce_equal_value.is_(None))


def _verified_without_audit_report(_visible: str | None) -> ColumnElement[bool]:
    return and_(Project.status == "verified",
                ~exists().where(ProjectDocument.project_id == Project.id, ProjectDocument.kind == AUDIT_REPORT))


# check id (domain.quality.CHECKS, records "projects") → its condition, given the reader's visible_district
PROJECT_CHECKS: dict[str, Callable[[str | None], ColumnElement[bool]]] = {
    "exit_without_parcels": _exit_without_parcels,
    "savings_without_equal_value": _savings_without_equal_value,
    "verified_without_audit_report": _verified_without_audit_report,
    "possible_duplicates": possibly_duplicated,
}

# Checks a list reads as ids first (``failing_ids``), once for its count and its page: a grouping of
# the whole table whose size no estimate knows, so with the condition inside them PostgreSQL read
# the page through every project's row (0.3–0.8 s at 100,000 projects for 500 found).
READ_AS_IDS: dict[str, Callable[[str | None], Select]] = {"possible_duplicates": possible_duplicate_ids}
