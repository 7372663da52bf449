"""SQL for projects: their parcels, history and the filtered list (numbering: project_numbering.py)."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Collection

from sqlalchemy import ColumnElement, Integer, Select, any_, exists, func, literal, or_, select, union
from sqlalchemy.dialects.postgresql import ARRAY, aggregate_order_by
from sqlalchemy.orm import Session, load_only

from registry.models import Enterprise, Parcel, Project, project_parcels
from registry.repositories.audit import HistoryRow, history  # noqa: F401  (re-exported for the views)
from registry.domain.deadlines import OVERDUE_STATUSES
from registry.domain.duplicates import Lookalike
from registry.domain.search import SearchText
from registry.repositories.places import GEOJSON_DECIMALS
from registry.repositories.project_checks import PROJECT_CHECKS, savings_family
from registry.repositories.search import matching_project_ids, project_holds_text, visible_projects


@dataclass(frozen=True)
class ParcelRow:
    id: int
    code: str
    area_m2: float
    land_use_class: str
    status: str
    geometry_geojson: str


def parcels_of(session: Session, project_id: int) -> list[ParcelRow]:
    rows = session.execute(
        select(Parcel.id, Parcel.code, Parcel.area_m2, Parcel.land_use_class, Parcel.status,
               func.ST_AsGeoJSON(Parcel.geom, GEOJSON_DECIMALS + 2))
        .join(project_parcels, project_parcels.c.parcel_id == Parcel.id)
        .where(project_parcels.c.project_id == project_id).order_by(Parcel.code)
    )
    return [ParcelRow(r[0], r[1], float(r[2]), r[3], r[4], r[5]) for r in rows]


# Projects' ids are PostgreSQL serials (int4): a larger number names no project, and asking the
# database for one would fail (the single project's API routes bound it the same way).
MAX_PROJECT_ID = 2 ** 31 - 1


def parcel_counts(session: Session, project_ids: list[int]) -> dict[int, int]:
    """``{project id: how many parcels it is linked to}`` of these projects (one query; none without parcels)."""
    if not project_ids:
        return {}
    return dict(session.execute(select(project_parcels.c.project_id, func.count())
                                .where(project_parcels.c.project_id.in_(project_ids))
                                .group_by(project_parcels.c.project_id)).all())


def lock_projects(session: Session, project_ids: list[int], visible_district: str | None = None) -> list[Project]:
    """The projects among ``project_ids``, read again and locked (``FOR UPDATE``) until the caller's
    transaction ends, in the order of their ids: two batches locking some of the same projects take
    them in one order, so neither waits for the other in a circle. A save that got there first has
    committed by then, and its version is the one read. With ``visible_district`` (district staff's
    own) only the projects they read are locked (``visible_projects``): naming another district's
    drafts locks nothing of theirs. PostgreSQL checks that condition again on a row it waited for,
    so the rows locked are those visible as they are once locked."""
    project_ids = [i for i in project_ids if 0 < i <= MAX_PROJECT_ID]
    if not project_ids:
        return []
    query = select(Project).where(Project.id.in_(project_ids))
    if (visible := visible_projects(visible_district)) is not None:
        query = query.where(visible)
    return list(session.scalars(query.order_by(Project.id).with_for_update()
                                .execution_options(populate_existing=True)))


def project_id_by_reference(session: Session, reference: str) -> int | None:
    """The id of the project with this reference (项目编号), if one has it."""
    return session.scalar(select(Project.id).where(Project.reference == reference))


def parcel_count(session: Session, project_id: int) -> int:
    """How many parcels the project is linked to (ended ones included: a split keeps the link)."""
    return session.scalar(select(func.count()).select_from(project_parcels)
                          .where(project_parcels.c.project_id == project_id)) or 0


# Each key is read in order from its indexes (migration 0042): a new one wants its own, or its list is sorted whole.
SORTABLE = {
    "reference": Project.reference, "title": Project.title, "year": Project.year, "kind": Project.kind, "status": Project.status,
    "district": Project.district_code, "savings_tce": Project.savings_tce, "enterprise": Enterprise.name,
    "updated": Project.updated_at,
}


@dataclass(frozen=True)
class ListCriteria:
    """What the project list (and its export, its count, the data-quality page) selects, as SQL reads
    it. ``visible_district`` limits unapproved projects (``permissions.unapproved_readable_in``); the
    text matches as the search box's does (``search.matching_project_ids``), so both count alike;
    ``overdue_on`` (a day) keeps the projects overdue that day (``domain.deadlines``: approved, planned
    completion before it); ``check``, a data-quality check's id (``project_checks.PROJECT_CHECKS``),
    its failing projects; ``project_ids`` (not ``None``) those only (the projects a filter computed
    outside SQL selects: ``services/monitoring_checks.flagged_among``); ``enterprise_id`` that
    enterprise's projects (its page's list, ``services/enterprises``); ``enterprise_code`` those of the
    enterprise with that credit code exactly (the list's ``enterprise=``; none when no enterprise has it),
    where the text would also match other projects whose title or reference holds the code."""

    text: SearchText | None = None
    district_code: str | None = None
    kind: str | None = None
    year: int | None = None
    status: str | None = None
    visible_district: str | None = None
    overdue_on: date | None = None
    check: str | None = None
    project_ids: Collection[int] | None = None
    enterprise_id: int | None = None
    enterprise_code: str | None = None


def list_conditions(criteria: ListCriteria, text_by_row: bool = False) -> list[ColumnElement[bool]]:
    """``criteria`` as conditions on ``Project``. A text is its matches' ids (the search's union of
    indexed reads: what counts them fastest), or ``text_by_row`` a condition on each row
    (``project_holds_text``), which a page reads in its order and leaves at its last row. Either
    selects the same projects."""
    c = criteria
    # ids as one array, not a parameter each: a filter's thousands of ids cost more to render and send
    # than to read (the monitoring filter's 6,800 ids: ≈ 0.1 s a statement; docs/performance.md)
    conditions: list[ColumnElement[bool]] = [] if c.project_ids is None else [
        Project.id == any_(literal(list(c.project_ids), ARRAY(Integer)))]
    if c.check is not None:
        conditions.append(PROJECT_CHECKS[c.check](c.visible_district))
    if c.text is not None:
        conditions.append(project_holds_text(c.text) if text_by_row else Project.id.in_(matching_project_ids(c.text)))
    for column, value in ((Project.district_code, c.district_code), (Project.kind, c.kind),
                          (Project.year, c.year), (Project.status, c.status), (Project.enterprise_id, c.enterprise_id)):
        if value not in (None, ""):
            conditions.append(column == value)
    if c.enterprise_code is not None:  # credit codes are unique: one id or none (NULL: no project)
        conditions.append(Project.enterprise_id == select(Enterprise.id)
                          .where(Enterprise.credit_code == c.enterprise_code).scalar_subquery())
    if c.overdue_on is not None:
        conditions += [Project.status.in_(sorted(OVERDUE_STATUSES)), Project.planned_completion < c.overdue_on]
    if (visible := visible_projects(c.visible_district)) is not None:
        conditions.append(visible)
    return conditions


def list_query(criteria: ListCriteria, text_by_row: bool = False) -> Select:
    """Projects with their enterprise's name and credit code, filtered (``list_conditions``)."""
    query = select(Project, Enterprise.name, Enterprise.credit_code).join(Enterprise, Enterprise.id == Project.enterprise_id)
    return query.where(*list_conditions(criteria, text_by_row))


def list_order(sort: str, descending: bool, keys=None) -> tuple[ColumnElement, ...]:
    """The list's order: by ``sort`` (a key of ``SORTABLE``; projects without one last), then newest
    id first. Read from an index in that order (migration 0042), not sorted: ``NULLS LAST`` is said
    of a key that may be NULL only, since an index read backwards places NULLs as it was built (a
    descending read of ``uq_projects_reference``, NULLs first) and a key without any orders alike
    either way. ``keys``: the columns ``key`` and ``id`` of a subquery holding them (``page``'s few ids)."""
    column = SORTABLE.get(sort, Project.updated_at)
    by, newest = (column, Project.id) if keys is None else (keys.key, keys.id)
    key = by.desc() if descending else by.asc()
    return (key.nulls_last() if column.nullable else key), newest.desc()


def following(session: Session, query: Select, sort: str, descending: bool, project_id: int) -> int | None:
    """The id of the project after ``project_id`` in ``list_query``'s rows in the list's order
    (``list_order``); the first other where it is the last or not among them (a step just taken it
    out); None where they hold no other."""
    ranked = query.with_only_columns(Project.id.label("id"), func.row_number().over(
        order_by=list_order(sort, descending)).label("n")).subquery("ranked")
    at = select(ranked.c.n).where(ranked.c.id == project_id).scalar_subquery()
    after = ranked.c.n > func.coalesce(at, 0)
    return session.scalar(select(ranked.c.id).where(ranked.c.id != project_id)
                          .order_by(after.desc(), ranked.c.n).limit(1))


# What a list's row shows (``ProjectSummary``): a project's input document and savings trace (two JSON
# documents, ≈ 1.8 kB a row, decoded in Python) are its own page's; loading them was a third of an
# enterprise's page with 200 projects (docs/performance.md, "The enterprise page").
_LISTED_COLUMNS = load_only(Project.id, Project.reference, Project.title, Project.kind, Project.year, Project.status,
                            Project.district_code, Project.savings_tce, Project.savings_tce_equal_value,
                            Project.is_illustrative, Project.version, Project.planned_completion)


# A list of at most this many projects chosen by id (``ListCriteria.project_ids``) is sorted apart (``sorted_apart``).
FEW_IDS = 1000


def sorted_apart(criteria: ListCriteria) -> bool:
    """Whether a page of ``criteria``'s list sorts its few projects apart (``page``'s ``apart``): a list
    chosen by at most ``FEW_IDS`` ids (the possible duplicates'). PostgreSQL expects such ids spread
    evenly over the order's index and walks it until the page's last; when they lie together at its
    far end (the duplicates, 500 of the oldest projects), the walk read the whole index (170–480 ms at
    100,000 projects, docs/performance.md "Session 28") where reading the few by id and sorting them
    costs a millisecond or two."""
    return criteria.project_ids is not None and len(criteria.project_ids) <= FEW_IDS


def page(session: Session, query: Select, sort: str, descending: bool, limit: int, offset: int,
         apart: bool = False) -> list:
    """A page of ``list_query``'s rows, their projects with the list's columns only (``_LISTED_COLUMNS``).
    ``apart``: the rows' ids and keys are read first, whole, and sorted there (``sorted_apart``) — a
    materialised CTE, through which no index gives the order — then the page's rows joined to them."""
    if not apart:
        ordered = query.options(_LISTED_COLUMNS).order_by(*list_order(sort, descending))
        return session.execute(ordered.limit(limit).offset(offset)).all()
    key = SORTABLE.get(sort, Project.updated_at)
    chosen = query.with_only_columns(Project.id.label("id"), key.label("key")).cte("chosen").prefix_with("MATERIALIZED")
    picked = select(chosen).order_by(*list_order(sort, descending, chosen.c)).limit(limit).offset(offset).subquery("picked")
    ordered = (query.options(_LISTED_COLUMNS).join(picked, picked.c.id == Project.id)
               .order_by(*list_order(sort, descending, picked.c)))
    return session.execute(ordered).all()


def parcels_geojson_of(session: Session, project_ids: list[int]) -> list[tuple[int, str, str]]:
    """(project id, parcel code, GeoJSON) for the parcels of these projects (for list maps)."""
    if not project_ids:
        return []
    rows = session.execute(
        select(project_parcels.c.project_id, Parcel.code,
               func.ST_AsGeoJSON(func.ST_SimplifyPreserveTopology(Parcel.geom, 0.00001), GEOJSON_DECIMALS + 1))
        .join(Parcel, Parcel.id == project_parcels.c.parcel_id)
        .where(project_parcels.c.project_id.in_(project_ids))
    )
    return [tuple(r) for r in rows]


def lookalikes(session: Session, project: Project, visible_district: str | None, limit: int) -> list[Lookalike]:
    """Other projects of ``project``'s year that claim the same savings (``savings_family``, as the
    list's ``with_lookalikes``) and share its enterprise or one of its parcels (``domain.duplicates``), those a reader of ``visible_district`` may read, at most
    ``limit``, newest first. Two indexed probes, by enterprise and by shared parcel, joined by id:
    an ``OR`` across them would read every project of the year."""
    mine = project_parcels.alias("mine")
    theirs = project_parcels.alias("theirs")
    alike = [Project.year == project.year, Project.id != project.id,
             savings_family(Project.kind) == savings_family(literal(project.kind))]
    if (visible := visible_projects(visible_district)) is not None:
        alike.append(visible)
    by_enterprise = select(Project.id).where(Project.enterprise_id == project.enterprise_id, *alike)
    by_parcel = (select(Project.id).join(theirs, theirs.c.project_id == Project.id)
                 .join(mine, mine.c.parcel_id == theirs.c.parcel_id)
                 .where(mine.c.project_id == project.id, *alike))
    found = union(by_enterprise, by_parcel).subquery()
    shared = (select(func.array_agg(aggregate_order_by(Parcel.code, Parcel.code)))
              .select_from(theirs).join(mine, mine.c.parcel_id == theirs.c.parcel_id)
              .join(Parcel, Parcel.id == theirs.c.parcel_id)
              .where(theirs.c.project_id == Project.id, mine.c.project_id == project.id)
              .scalar_subquery())
    rows = session.execute(
        select(Project.id, Project.reference, Project.title, Project.kind, Project.year, Project.status,
               Project.district_code, Project.enterprise_id == project.enterprise_id, shared)
        .where(Project.id.in_(select(found.c.id))).order_by(Project.updated_at.desc(), Project.id.desc()).limit(limit))
    return [Lookalike(*row[:7], same_enterprise=bool(row[7]), shared_parcel_codes=tuple(row[8] or ())) for row in rows]


def with_lookalikes(session: Session, project_ids: list[int], visible_district: str | None) -> set[int]:
    """Those of ``project_ids`` that have a lookalike a reader of ``visible_district`` may read (the
    rule of ``lookalikes``, for a list page's marks: one query for the page)."""
    if not project_ids:
        return set()
    mine, theirs = project_parcels.alias("mine"), project_parcels.alias("theirs")
    p, o = Project.__table__.alias("p"), Project.__table__.alias("o")
    alike = [o.c.year == p.c.year, savings_family(o.c.kind) == savings_family(p.c.kind), o.c.id != p.c.id]
    if (visible := visible_projects(visible_district, o.c)) is not None:
        alike.append(visible)
    by_enterprise = exists().where(o.c.enterprise_id == p.c.enterprise_id, *alike)
    by_parcel = exists().select_from(mine.join(theirs, theirs.c.parcel_id == mine.c.parcel_id)
                                     .join(o, o.c.id == theirs.c.project_id)).where(mine.c.project_id == p.c.id, *alike)
    return set(session.scalars(select(p.c.id).where(p.c.id.in_(project_ids), or_(by_enterprise, by_parcel))))
