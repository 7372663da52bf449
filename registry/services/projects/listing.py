"""The project list: search, filters, sorting, pages, and the parcels to map."""
from __future__ import annotations

from dataclasses import dataclass, field, replace
from decimal import Decimal
from typing import Iterable

from sqlalchemy.orm import Session

from registry import clock
from registry.domain.deadlines import overdue_days
from registry.domain.paging import Paged
from registry.domain.permissions import Actor, unapproved_readable_in
from registry.domain.quality import PROJECTS, require_listed_check
from registry.domain.search import SearchText, normalize_query
from registry.repositories import project_checks, project_counts
from registry.repositories import projects as repo
from registry.repositories import search as search_repo
from registry.services.district_filter import require_known_districts
from registry.services import monitoring_checks
from registry.services.projects import list_counts
from registry.services.report_cache import ReportCache

MAX_PAGE_SIZE = 200
# What a list sorts by: the page's column links and the API's ``sort`` (it had its own list, which
# missed the page's sort by title).
SORT_KEYS = tuple(repo.SORTABLE)


@dataclass(frozen=True)
class ProjectFilter:
    text: str | None = None  # enterprise name, credit code, title or reference (as the search box matches)
    district_code: str | None = None
    kind: str | None = None
    year: int | None = None
    status: str | None = None
    overdue: bool = False  # only approved projects past their planned completion (domain.deadlines)
    check: str | None = None  # a data-quality check's id (domain.quality): the projects failing it
    monitoring: str | None = None  # "flagged": beyond the online monitoring's tolerance (monitoring_checks.FILTERS)
    enterprise_id: int | None = None  # that enterprise's projects: its page's list
    enterprise_code: str | None = None  # the list's enterprise=: a normalised credit code (filters.enterprise_code)
    sort: str = "updated"
    descending: bool = True
    page: int = 1
    page_size: int = 25


@dataclass(frozen=True)
class ProjectSummary:
    id: int
    reference: str
    title: str
    kind: str
    year: int
    status: str
    district_code: str
    enterprise_name: str
    credit_code: str
    savings_tce: Decimal | None
    savings_tce_equal_value: Decimal | None
    is_illustrative: bool
    version: int
    overdue_days: int | None = None  # days past its planned completion, if overdue (domain.deadlines)


@dataclass(frozen=True)
class ProjectPage(Paged):
    items: list[ProjectSummary]
    total: int
    page: int
    page_size: int
    parcels: list[tuple[int, str, str]] = field(default_factory=list)  # (project id, code, GeoJSON)



def list_projects(session: Session, actor: Actor, filters: ProjectFilter, with_parcels: bool = False,
                  checked_districts: Iterable[str] = (), counts: ReportCache | None = None) -> ProjectPage:
    """Projects the actor may see (district staff: their district's, plus approved ones elsewhere).
    ValidationError on ``district`` for a code no district has (it would list nothing, unsaid); the
    actor's own is not looked up (district staff's list opens on it at every view), nor those of
    ``checked_districts``, which the caller has (the list page, which says a code no district has).
    ``counts``: where the list's count is kept until its data changes (``list_counts``; None: counted)."""
    require_known_districts(session, [filters.district_code], held=[actor.district_code, *checked_districts])
    size = max(1, min(filters.page_size, MAX_PAGE_SIZE))
    page = max(1, filters.page)
    criteria = list_criteria(session, actor, filters)
    total = list_counts.count(session, criteria, counts)
    query = repo.list_query(criteria, project_counts.text_by_row(session, criteria, total))  # a text found often: in the page's order
    # A page beyond the last has no rows: the page (and its parcels) is not read, and the web list
    # redirects to its last page (registry/web/paging.py), the API answers no items.
    beyond = (page - 1) * size >= total
    rows = [] if beyond else repo.page(session, query, filters.sort, filters.descending, size, (page - 1) * size,
                                      repo.sorted_apart(criteria))
    today = clock.today()
    items = [
        ProjectSummary(p.id, p.reference, p.title, p.kind, p.year, p.status, p.district_code, name, code,
                       p.savings_tce, p.savings_tce_equal_value, p.is_illustrative, p.version,
                       overdue_days(p.status, p.planned_completion, today))
        for p, name, code in rows
    ]
    parcels = repo.parcels_geojson_of(session, [i.id for i in items]) if with_parcels else []
    return ProjectPage(items, total, page, size, parcels)


def count_projects(session: Session, actor: Actor, filters: ProjectFilter, counts: ReportCache | None = None) -> int:
    """How many projects the list of ``filters`` holds for the actor (its "%(n)s found")."""
    return list_counts.count(session, list_criteria(session, actor, filters), counts)


def list_criteria(session: Session, actor: Actor, filters: ProjectFilter) -> repo.ListCriteria:
    """What ``filters`` select for ``actor``, as the list, its count and its export read it: the text
    as the search box reads it (domain/search.py), the overdue day, the check, and the projects the
    online-monitoring filter keeps (its verdicts are computed, not stored: ``monitoring_checks``)."""
    text = normalize_query(filters.text or "")
    if text:
        search_repo.plan_for_each_text(session)  # as the search's: a generic plan reads every row
    criteria = repo.ListCriteria(
        SearchText(text) if text else None, filters.district_code, filters.kind, filters.year, filters.status,
        unapproved_readable_in(actor), clock.today() if filters.overdue else None,
        require_listed_check(PROJECTS, filters.check), enterprise_id=filters.enterprise_id,
        enterprise_code=filters.enterprise_code)
    ids = project_checks.failing_ids(session, criteria.check, criteria.visible_district)
    if ids is not None:  # the possible duplicates: found once, then the count and the page select them by id
        criteria = replace(criteria, check=None, project_ids=ids)
    if filters.monitoring is None:
        return criteria
    flagged = monitoring_checks.flagged_among(session, actor, repo.list_conditions(criteria))
    if text:  # claims it computed and kept committed the transaction the plans were set for
        search_repo.plan_for_each_text(session)
    return replace(criteria, project_ids=flagged)


def next_waiting(session: Session, actor: Actor, status: str, project_id: int) -> int | None:
    """The project after ``project_id`` in the list of ``status`` as its page opens (its default order,
    the overview's to-do line's), for a reviewer to go on to; the first other where ``project_id`` is
    the last or not in it (a step just taken it out); None where the list holds no other."""
    filters = ProjectFilter(status=status)
    query = repo.list_query(list_criteria(session, actor, filters))
    return repo.following(session, query, filters.sort, filters.descending, project_id)
