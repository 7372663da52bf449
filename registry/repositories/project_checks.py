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
    parcel), set-based for a whole list. Each half first keeps what may be alike, grouped in an
    index's order without a sort — the enterprises and years of two or more readable projects, their
    ids and kinds read from ``ix_projects_enterprise_readable`` (migration 0043); the parcels two or
    more projects are linked to — then groups those few by savings family. (Grouping every project by
    family sorted the whole index, and joining every link to its project read every project's row:
    docs/performance.md, "The project list's text and lookalike filters".) A project the reader may
    not read is in none: the list reads only those they may."""
    o, links = Project.__table__.alias("o"), project_parcels.alias("l")
    readable = [] if (visible := visible_projects(visible_district, o.c)) is None else [visible]
    pairs = (select(o.c.enterprise_id, o.c.year, func.array_agg(o.c.id).label("ids"), func.array_agg(o.c.kind).label("kinds"))
             .where(*readable).group_by(o.c.enterprise_id, o.c.year).having(func.count() > 1).subquery("pairs"))
    # the two arrays unnested side by side (PostgreSQL zips set-returning functions of one select list)
    members = select(pairs.c.enterprise_id, pairs.c.year, func.unnest(pairs.c.ids).label("id"),
                     func.unnest(pairs.c.kinds).label("kind")).subquery("members")
    by_enterprise = (select(func.unnest(func.array_agg(members.c.id)))
                     .group_by(members.c.enterprise_id, members.c.year, savings_family(members.c.kind))
                     .having(func.count() > 1))
    shared = (select(links.c.parcel_id, func.unnest(func.array_agg(links.c.project_id)).label("project_id"))
              .group_by(links.c.parcel_id).having(func.count() > 1).subquery("shared"))
    by_parcel = (select(func.unnest(func.array_agg(shared.c.project_id))).join(o, o.c.id == shared.c.project_id)
                 .where(*readable).group_by(shared.c.parcel_id, o.c.year, savings_family(o.c.kind))
                 .having(func.count() > 1))
    return union(by_enterprise, by_parcel)


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
