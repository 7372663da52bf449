"""SQL of the data-quality checks on projects (``domain.quality``): each check's condition on
``Project``, which the project list filters by (``check=<id>``, ``projects.list_conditions``) and
``repositories.quality`` counts with — one condition, so the page's count is the list's.

A condition takes the reader's ``visible_district`` (``permissions.unapproved_readable_in``): a
project is possibly registered twice only by a lookalike the reader may read.
"""
from __future__ import annotations

from typing import Callable

from sqlalchemy import ColumnElement, and_, case, exists, func, select, union
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
    set-based for a whole list: the readable projects grouped by enterprise, year and savings, and
    their parcels' links by parcel, year and savings; a project in a group of two or more has one.
    (A project the reader may not read is in no group; the list reads only those they may.)"""
    o = Project.__table__.alias("o")
    readable = [] if (visible := visible_projects(visible_district, o.c)) is None else [visible]
    family = savings_family(o.c.kind)
    by_enterprise = (select(o.c.id, func.count().over(partition_by=(o.c.enterprise_id, o.c.year, family)).label("n"))
                     .where(*readable).subquery())
    links = project_parcels.alias("l")
    by_parcel = (select(links.c.project_id.label("id"),
                        func.count().over(partition_by=(links.c.parcel_id, o.c.year, family)).label("n"))
                 .join(o, o.c.id == links.c.project_id).where(*readable).subquery())
    return Project.id.in_(union(select(by_enterprise.c.id).where(by_enterprise.c.n > 1),
                                select(by_parcel.c.id).where(by_parcel.c.n > 1)))


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
