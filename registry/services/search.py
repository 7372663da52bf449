"""The search box (查找): one text, the projects, enterprises and parcels it names, grouped by kind.

Shared by the page (``/search``) and the API (``GET /api/v1/search``). A reader finds exactly what
the list and record pages let them read: district staff the projects of their district and the
approved ones elsewhere (``can_read_record``), everyone every enterprise and parcel. Nothing is
counted that the reader may not see, so a search never tells that a hidden record exists.
"""
from __future__ import annotations

from dataclasses import dataclass, field, replace

from sqlalchemy.orm import Session

from registry import clock
from registry.domain.deadlines import overdue_days
from registry.domain.district_search import districts_named
from registry.domain.errors import N_, Listed, UNKNOWN_VALUE, ValidationError
from registry.domain.paging import Paged
from registry.domain.permissions import Actor, unapproved_readable_in
from registry.domain.search import SearchText, parse_search
from registry.repositories import places
from registry.repositories import search as repo
from registry.services.projects.listing import ProjectSummary

# In the order the page shows them. Zones are not searched: no page shows a zone (docs/development.md).
KINDS: dict[str, str] = {"projects": N_("Projects"), "enterprises": N_("Enterprises"), "parcels": N_("Parcels")}
# What a whole identifier names: the kind of record → its group.
RECORD_KINDS = {"project": "projects", "enterprise": "enterprises", "parcel": "parcels"}
GROUP_SIZE = 20  # matches shown of each kind on the page of all kinds
CAP = repo.CAP  # matches of a kind counted and paged at most (more: "more than 1,000")
MAX_PAGE_SIZE = 100
MAX_PAGE = 1_000_000  # a page number the offset of which the database still takes

@dataclass(frozen=True)
class Group(Paged):
    """One kind's matches: a page of them, best first, and how many the reader may see in all. A
    project is a row of the project list (``ProjectSummary``); an enterprise and a parcel as the
    repository reads them (``EnterpriseHit``, ``ParcelHit``)."""

    kind: str
    items: list
    total: int  # at most CAP: more match when ``more``
    page: int
    page_size: int
    more: bool = False  # more than ``total`` match; only the best of the first ``total`` are listed



@dataclass(frozen=True)
class DistrictHit:
    """A district the text names whole (闵行, Minhang, 310112): the pages that list what lies in it
    are linked, and they show the reader what they may read there."""

    code: str
    name_zh: str
    name_en: str


@dataclass(frozen=True)
class SearchResult:
    text: str | None  # as searched (normalised); None: nothing was typed
    anywhere: bool = True  # False: so short that references and credit codes matched at their start only
    exact: tuple[str, int] | None = None  # (record kind, id) of the one record the text names whole
    groups: list[Group] = field(default_factory=list)
    districts: list[DistrictHit] = field(default_factory=list)  # named whole; above the groups

    @property
    def total(self) -> int:
        return sum(g.total for g in self.groups)


def _checked(kind: str | None, page: int, page_size: int) -> None:
    if kind is not None and kind not in KINDS:
        raise ValidationError.single("kind", UNKNOWN_VALUE, value=kind[:20], allowed=Listed(tuple(KINDS)))
    if not 1 <= page <= MAX_PAGE:
        raise ValidationError.single("page", N_("must be between %(minimum)s and %(maximum)s"), minimum=1,
                                     maximum=MAX_PAGE)
    if not 1 <= page_size <= MAX_PAGE_SIZE:
        raise ValidationError.single("page_size", N_("must be between %(minimum)s and %(maximum)s"), minimum=1,
                                     maximum=MAX_PAGE_SIZE)


def exact_record(session: Session, actor: Actor, search: SearchText) -> tuple[str, int] | None:
    """(kind, id) of the record the text names whole — a credit code, a project reference or a
    parcel code — when it names exactly one the reader may see; else None."""
    found = repo.exact_matches(session, search, unapproved_readable_in(actor))
    return found[0] if len(found) == 1 else None


def _group(session: Session, actor: Actor, search: SearchText, kind: str, page: int, page_size: int) -> Group:
    offset = (page - 1) * page_size
    if kind == "projects":
        found = repo.find_projects(session, search, unapproved_readable_in(actor), page_size, offset)
        today = clock.today()
        summaries = (ProjectSummary(*row[:-1]) for row in found.items)
        items = [replace(summary, overdue_days=overdue_days(summary.status, row[-1], today))
                 for summary, row in zip(summaries, found.items)]
        return Group(kind, items, found.total, page, page_size, found.more)
    if kind == "enterprises":
        found = repo.find_enterprises(session, search, page_size, offset)
    else:
        found = repo.find_parcels(session, search, page_size, offset)
    return Group(kind, found.items, found.total, page, page_size, found.more)


def search(session: Session, actor: Actor, raw: str | None, kind: str | None = None, page: int = 1,
           page_size: int = GROUP_SIZE, stop_at_exact: bool = False) -> SearchResult:
    """What ``raw`` finds for ``actor``: every kind's first ``page_size`` matches, or one kind's
    ``page``. The record it names whole, if one (``exact``); with ``stop_at_exact`` nothing more is
    read then (the page goes straight to that record). ValidationError on ``q`` (over-long),
    ``kind``, ``page`` or ``page_size``."""
    _checked(kind, page, page_size)
    text = parse_search(raw)
    if text is None:
        return SearchResult(None)
    repo.plan_for_each_text(session)
    exact = exact_record(session, actor, text) if kind is None else None
    if exact is not None and stop_at_exact:
        return SearchResult(text.text, text.anywhere, exact)
    kinds = [kind] if kind else list(KINDS)
    groups = [_group(session, actor, text, k, page, page_size) for k in kinds]
    return SearchResult(text.text, text.anywhere, exact, groups, [] if kind else named_districts(session, text))


def named_districts(session: Session, search: SearchText) -> list[DistrictHit]:
    """The districts ``search`` names whole (README, 查找): the 16 names read in one query and
    matched here, so the search reads no more rows for them."""
    names = places.district_names(session, None)
    return [DistrictHit(code, *names[code]) for code in districts_named(search, names)]
