"""SQL of the data-quality checks on projects (``domain.quality``): each check's condition on
``Project``, which the project list filters by (``check=<id>``, ``projects.list_conditions``) and
``repositories.quality`` counts with — one condition, so the page's count is the list's.

A condition takes the reader's ``visible_district`` (``permissions.unapproved_readable_in``): a
project is possibly registered twice only by a lookalike the reader may read.
"""
from __future__ import annotations

from typing import Callable

from sqlalchemy import ColumnElement, Select, and_, case, exists, func, select, union
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


def possible_duplicate_ids(visible_district: str | None) -> Select:
    """Ids of the projects that have a lookalike the reader may read (``projects.with_lookalikes``'
    rule: another project of its year that counts the same savings and has its enterprise or shares a
    parcel), set-based for a whole list. Each half first finds what may be alike by counting alone,
    in an index's order without a sort — the enterprises and years of two or more readable projects
    (``ix_projects_enterprise_readable``, migration 0043), the parcels two or more projects are linked
    to (``ix_project_parcels_parcel_id``) — then reads those few groups' projects again from the same
    index and counts each one's savings family among them (a window). Building each group's arrays as
    it was counted — nearly every group a single project — fetched every parcel link's row for its
    project (75,000 of the statement's 79,000 buffers at 100,000 projects; 6,300 now, docs/performance.md
    "Session 28"). A project the reader may not read is in none: the list reads only those they may."""
    o, m, links, mine = (Project.__table__.alias("o"), Project.__table__.alias("m"),
                         project_parcels.alias("l"), project_parcels.alias("mine"))
    readable = [] if (visible := visible_projects(visible_district, o.c)) is None else [visible]
    readable_m = [] if (visible := visible_projects(visible_district, m.c)) is None else [visible]
    family = savings_family(m.c.kind)
    pairs = (select(o.c.enterprise_id, o.c.year).where(*readable).group_by(o.c.enterprise_id, o.c.year)
             .having(func.count() > 1).subquery("pairs"))
    by_enterprise = (select(m.c.id, func.count().over(partition_by=(m.c.enterprise_id, m.c.year, family)).label("alike"))
                     .join(pairs, and_(pairs.c.enterprise_id == m.c.enterprise_id, pairs.c.year == m.c.year))
                     .where(*readable_m).subquery("by_enterprise"))
    shared = select(links.c.parcel_id).group_by(links.c.parcel_id).having(func.count() > 1).subquery("shared")
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
