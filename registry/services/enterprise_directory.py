"""The enterprise directory (企业名录): enterprises filtered, sorted and paged, each with the number of
projects the reader may read — the page ``/enterprises/`` and ``GET /api/v1/enterprises`` alike."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable

from sqlalchemy.orm import Session

from registry.domain.paging import Paged
from registry.domain.permissions import Actor, unapproved_readable_in
from registry.domain.quality import ENTERPRISES, require_listed_check
from registry.domain.search import SearchText, normalize_query
from registry.services.district_filter import require_known_districts
from registry.repositories import enterprise_directory as repo
from registry.repositories.enterprise_directory import DirectoryRow
from registry.repositories.search import plan_for_each_text

MAX_PAGE_SIZE = 200
SORT_KEYS = repo.SORTABLE
# The direction a column's first click sorts in: names and codes A to Z, figures the largest first.
FIRST_DESCENDING = frozenset(repo.COUNTED_ORDER)
# ``projects=``: enterprises with at least one project the reader may read, or with none.
WITH_PROJECTS = {"with": True, "without": False}


@dataclass(frozen=True)
class EnterpriseFilter:
    text: str | None = None  # part of the name or of the credit code, as the search box matches them
    district_code: str | None = None
    industry: str | None = None  # a GB/T 4754 code prefix (domain.industries.industry_prefix): C, C26, C261
    with_projects: bool | None = None
    check: str | None = None  # a data-quality check's id (domain.quality): the enterprises failing it
    sort: str = "name"
    descending: bool = False
    page: int = 1
    page_size: int = 25


@dataclass(frozen=True)
class EnterprisePage(Paged):
    items: list[DirectoryRow]
    total: int
    page: int
    page_size: int


def selection(session: Session, actor: Actor, filters: EnterpriseFilter,
              checked_districts: Iterable[str | None] = ()) -> repo.DirectoryFilter:
    """What ``filters`` select for ``actor`` as the repository reads it (the page and its download alike);
    with a text, the session's plans are set for it. ValidationError on ``district`` for a code no
    district has (it would select nothing, unsaid); the actor's own is not looked up, nor those of
    ``checked_districts``, which the caller has (the directory page, which says a code no district has)."""
    require_known_districts(session, [filters.district_code], held=[actor.district_code, *checked_districts])
    text = normalize_query(filters.text or "")
    if text:
        plan_for_each_text(session)  # as the search's: a plan made for one text reads every row for another
    return repo.DirectoryFilter(SearchText(text) if text else None, filters.district_code, filters.industry,
                                filters.with_projects, unapproved_readable_in(actor),
                                require_listed_check(ENTERPRISES, filters.check))


def list_enterprises(session: Session, actor: Actor, filters: EnterpriseFilter,
                     checked_districts: Iterable[str | None] = ()) -> EnterprisePage:
    """Enterprises matching ``filters`` (every role reads every enterprise); each row's projects are
    those the actor may read (``permissions.can_read_record``), which "with/without projects" counts
    too. A page beyond the last reads no rows (the page redirects, web/paging.py)."""
    size = max(1, min(filters.page_size, MAX_PAGE_SIZE))
    number = max(1, filters.page)
    chosen = selection(session, actor, filters, checked_districts)
    total = repo.count(session, chosen)
    offset = (number - 1) * size
    rows = [] if offset >= total else repo.page(session, chosen, filters.sort, filters.descending, size, offset)
    return EnterprisePage(rows, total, number, size)
