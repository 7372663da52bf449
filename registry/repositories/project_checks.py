"""SQL of the data-quality checks on projects (``domain.quality``): each check's condition on
``Project``, which the project list filters by (``check=<id>``, ``projects.list_conditions``) and
``repositories.quality`` counts with — one condition, so the page's count is the list's.

A condition takes the reader's ``visible_district`` (``permissions.unapproved_readable_in``): a
project is possibly registered twice only by a lookalike the reader may read.
"""
from __future__ import annotations

from typing import Callable

from sqlalchemy import ColumnElement, and_, case, exists, func, or_, select, tuple_
from sqlalchemy.orm import InstrumentedAttribute

from registry.domain.duplicates import KINDS_COUNTING_THE_SAME_SAVINGS
from registry.domain.quality import AUDIT_REPORT
from registry.domain.workflow import EDITABLE_STATUSES, KINDS_REVIEWED_WITH_PARCELS
from registry.models import Project, ProjectDocument, project_parcels
from registry.repositories.search import visible_projects


def savings_family(kind: ColumnElement[str] | InstrumentedAttribute) -> ColumnElement[str]:
    """The kind, or one name for the kinds that count the same savings (domain.duplicates)."""
    return case(*((kind.in_(sorted(family)), "+".join(sorted(family))) for family in KINDS_COUNTING_THE_SAME_SAVINGS),
                else_=kind)


def possibly_duplicated(visible_district: str | None) -> ColumnElement[bool]:
    """The project has a lookalike the reader may read (``projects.with_lookalikes``' rule: another
    project of its year that counts the same savings and has its enterprise or shares a parcel),
    set-based for a whole list: the enterprises, years and savings of two or more readable projects,
    and the parcels, years and savings of two or more readable projects' links, each hashed once; a
    project in one of those has a lookalike. (A project the reader may not read is in none: the list
    reads only those they may.) docs/performance.md, "The data-quality page"."""
    o, links = Project.__table__.alias("o"), project_parcels.alias("l")
    readable = [] if (visible := visible_projects(visible_district, o.c)) is None else [visible]
    family = savings_family(o.c.kind).label("family")
    own = select(o.c.enterprise_id, o.c.year, family).where(*readable).subquery("own")
    by_enterprise = select(*own.c).group_by(*own.c).having(func.count() > 1)
    linked = (select(links.c.parcel_id, links.c.project_id, o.c.year, family).join(o, o.c.id == links.c.project_id)
              .where(*readable).subquery("linked"))
    key = (linked.c.parcel_id, linked.c.year, linked.c.family)
    shared = select(*key).group_by(*key).having(func.count() > 1)
    on_shared = select(linked.c.project_id).where(tuple_(*key).in_(shared))
    return or_(tuple_(Project.enterprise_id, Project.year, savings_family(Project.kind)).in_(by_enterprise),
               Project.id.in_(on_shared))


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
