"""SQL of the search box (查找): projects, enterprises and parcels whose names or identifiers hold
the text, best first, with how many there are; and the records a whole identifier names.

Where a text is looked for is the domain's (``registry.domain.search``). Names are matched by
their search keys (``title_key``, ``name_key``: NFKC and lower case, migration 0030) with ``LIKE``
and the text's key, identifiers of projects and enterprises (ASCII) with ``LIKE``/``ILIKE`` on the
columns themselves; the trigram GIN indexes of migrations 0026 and 0030 serve both from three
characters (and for a prefix of any length); a shorter text anywhere in a name reads the keys
(projects and enterprises, a few hundred thousand rows at city scale). Parcel codes are matched at
their start by a B-tree of their search key, read in order. The text's ``%``, ``_`` and the escape
character match themselves (``search_patterns.py``).

At most ``CAP`` + 1 matches of a kind are read and ranked — a whole identifier first, then a name
or identifier that starts with the text, then one that holds it — so a text matching half the city
costs what a thousand matches do; the count then says "more than ``CAP``".
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from sqlalchemy import ColumnElement, Select, Text, and_, case, func, literal, null, or_, select, text, union
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.orm import Session, aliased

from registry.domain.search import SearchText, search_key
from registry.models import Enterprise, Parcel, Project
from registry.models import EnterpriseFormerName as Former
from registry.repositories.search_patterns import ESCAPE, RANK_EXACT, RANK_PREFIX, Patterns, escaped

APPROVED_STATUSES = ("approved", "completed", "verified")
CAP = 1000  # matches of a kind read and counted at most; beyond, "more than 1,000"


def visible_projects(visible_district: str | None, projects: Any = Project) -> ColumnElement[bool] | None:
    """What district staff of ``visible_district`` read: their district's projects and approved ones
    elsewhere (``can_read_record``); ``None``: everything (the city roles). ``projects``: the
    entity, or an alias's columns (``alias.c``)."""
    if visible_district is None:
        return None
    return or_(projects.district_code == visible_district, projects.status.in_(APPROVED_STATUSES))


def enterprise_holds_text(search: SearchText, enterprises: Any = Enterprise) -> ColumnElement[bool]:
    """An enterprise's name or credit code holds the text: what the search box finds enterprises by,
    and the enterprise directory's text filter (repositories/enterprise_directory.py). ``enterprises``:
    the entity or an alias of it. A key too short for a trigram is looked for among the names that
    hold each of its characters (migration 0044's index), not in every name."""
    p = Patterns.of(search)
    name = p.name(enterprises.name_key)
    if p.characters is not None:
        held = func.string_to_array(enterprises.name_key, null(), type_=ARRAY(Text))
        name = and_(held.contains(literal(list(p.characters), ARRAY(Text))), name)
    return or_(name, p.like(enterprises.credit_code, p.indexed))


def enterprise_found_by(search: SearchText) -> ColumnElement[bool]:
    """An enterprise's name, credit code or a former name (曾用名, migration 0034) holds the text: what
    the search box and the enterprise directory find enterprises by. A union of each table's indexed
    match (an ``OR`` with a subquery would read every enterprise); projects are found by their
    enterprise's current name only (``matching_project_ids``)."""
    own = select(Enterprise.id).where(enterprise_holds_text(search))
    former = select(Former.enterprise_id).where(Patterns.of(search).name(Former.name_key))
    return Enterprise.id.in_(union(own, former))


def _former(pattern: str) -> Select:
    """The enterprise's former names whose key is like ``pattern``, the latest first."""
    return (select(Former.name).where(Former.enterprise_id == Enterprise.id, Former.name_key.like(pattern, escape=ESCAPE))
            .order_by(Former.until.desc(), Former.id.desc()))


def matched_former_name(search: SearchText) -> ColumnElement[str | None]:
    """The latest former name holding the text when the enterprise's name does not (the page shows
    it, "曾用名：…", so the reader sees why the enterprise was found); else NULL."""
    p = Patterns.of(search)
    return case((p.name(Enterprise.name_key), None), else_=_former(p.key_anywhere).limit(1).scalar_subquery())


def matching_project_ids(search: SearchText, visible_district: str | None = None, limit: int | None = None) -> Select:
    """Ids of projects whose name or reference, or whose enterprise's name or credit code, match:
    each table's own indexed columns, then the union (an ``OR`` across the join would read every
    project); each side at most ``limit``. The project list's text filter is this too, so both
    count alike."""
    return union(*project_id_sides(search, visible_district, limit))


def project_id_sides(search: SearchText, visible_district: str | None = None,
                     limit: int | None = None) -> tuple[Select, Select]:
    """``matching_project_ids``' two sides: the ids of projects whose own name or reference matches,
    and of those whose enterprise's name or credit code does (a project may be in both)."""
    p = Patterns.of(search)
    own = select(Project.id).where(or_(p.name(Project.title_key), p.like(Project.reference, p.indexed)))
    theirs = select(Project.id).join(Enterprise, Enterprise.id == Project.enterprise_id).where(enterprise_holds_text(search))
    if (visible := visible_projects(visible_district)) is not None:
        own, theirs = own.where(visible), theirs.where(visible)
    if limit is not None:
        own, theirs = own.limit(limit), theirs.limit(limit)
    return own, theirs


def project_holds_text(search: SearchText) -> ColumnElement[bool]:
    """A project's name or reference, or its enterprise's name or credit code, holds the text: the
    projects ``matching_project_ids`` finds, as a condition on each project — the project list's text
    filter's page when the text is found often (``project_counts.text_by_row``): read in the list's order
    from its index, it stops at its 25th match, where the union read every match and sorted them
    (0.5–1 s for a two-character word in 15 % of the names at 100,000 projects). A text's count reads
    the projects once with this too, unless its trigram indexes find it seldom
    (``project_counts.count``)."""
    p = Patterns.of(search)
    # an enterprise alias (the list's joined one would correlate it away); IN, not a correlated EXISTS,
    # which PostgreSQL costs as a probe per project however it runs it (≈ 0.8 M for 100,000: JIT's
    # compilation, 0.3 s, on top)
    own = aliased(Enterprise)
    theirs = Project.enterprise_id.in_(select(own.id).where(enterprise_holds_text(search, own)))
    return or_(p.name(Project.title_key), p.like(Project.reference, p.indexed), theirs)


@dataclass(frozen=True)
class EnterpriseHit:
    id: int
    name: str
    credit_code: str
    district_code: str | None
    is_illustrative: bool
    former_name: str | None = None  # the former name (曾用名) that matched, when the name does not


@dataclass(frozen=True)
class ParcelHit:
    id: int
    code: str
    district_code: str | None
    area_m2: Decimal
    land_use_class: str
    status: str
    valid_to: date | None
    is_illustrative: bool


@dataclass(frozen=True)
class Found:
    """One page of a kind's matches, best first; how many match (at most ``CAP``), and whether more do."""

    items: list
    total: int
    more: bool = False


def _ranked(candidates: Select, *order) -> Select:
    """The candidates (at most ``CAP`` + 1 rows, their last column the rank) by rank, then ``order``
    (their columns' names, or functions of their columns), each with how many candidates there are."""
    found = candidates.subquery()
    columns = [c for c in found.c if c.name != "rank"]
    by = [found.c[name] if isinstance(name, str) else name(found.c) for name in order]
    return select(*columns, found.c.rank, func.count().over().label("total")).order_by(found.c.rank, *by)


def plan_for_each_text(session: Session) -> None:
    """Plan the search's statements for the text they are run with, in this transaction. psycopg
    prepares a statement run five times on a connection, and PostgreSQL may then plan it once for
    any text: a plan for a rare text reads every row for a common one and the other way round (a
    two-character search took 0.2 s where its own plan takes 0.04 s; docs/performance.md, "Search")."""
    session.execute(text("SET LOCAL plan_cache_mode = force_custom_plan"))


def _found(session: Session, statement: Select, hit, limit: int, offset: int) -> Found:
    """A page of ``statement`` (a ``_ranked`` one); a page past the last counts once more, on its own."""
    rows = session.execute(statement.limit(limit).offset(offset)).all()
    if rows:
        total = rows[0][-1]
    else:
        total = session.execute(select(func.count()).select_from(statement.order_by(None).subquery())).scalar_one() \
            if offset else 0
    return Found([hit(*row[:-2]) for row in rows], min(total, CAP), total > CAP)


def project_matches(search: SearchText, visible_district: str | None) -> Select:
    """Projects the reader may see that match, by rank, then newest year, then reference; their
    columns those of the project list's rows (``ProjectSummary``) and the planned completion."""
    p = Patterns.of(search)
    ids = matching_project_ids(search, visible_district, CAP + 1).subquery()
    rank = p.rank(p.is_one_of(Project.reference, search.identifiers),
                  (Project.title_key, Enterprise.name_key), (Project.reference, Enterprise.credit_code))
    candidates = (
        select(Project.id, Project.reference, Project.title, Project.kind, Project.year, Project.status,
               Project.district_code, Enterprise.name.label("enterprise_name"), Enterprise.credit_code,
               Project.savings_tce, Project.savings_tce_equal_value, Project.is_illustrative, Project.version,
               Project.planned_completion, rank.label("rank"))
        .join(ids, ids.c.id == Project.id).join(Enterprise, Enterprise.id == Project.enterprise_id).limit(CAP + 1))
    return _ranked(candidates, lambda c: c.year.desc(), "reference")


def enterprise_matches(search: SearchText) -> Select:
    """Enterprises whose name, credit code or a former name match (every role reads every enterprise),
    by rank — a former name that starts with the text ranks as a name that does — then name."""
    p = Patterns.of(search)
    code = search.credit_code
    rank = p.rank(Enterprise.credit_code == code if code else None, (Enterprise.name_key,), (Enterprise.credit_code,),
                  _former(p.key_prefix).exists())
    candidates = (
        select(Enterprise.id, Enterprise.name, Enterprise.credit_code, Enterprise.district_code,
               Enterprise.is_illustrative, matched_former_name(search).label("former_name"), rank.label("rank"))
        .where(enterprise_found_by(search))
        .limit(CAP + 1))
    return _ranked(candidates, "name", "id")


def _code_key():
    """What the parcels' index holds (migration 0030): the code's search key (NFKC, lower case) in
    byte order (C), so that a prefix is a range of it, read in order."""
    return func.registry_search_key(Parcel.code).collate("C")


def _code_is(texts: tuple[str, ...]) -> ColumnElement[bool]:
    return _code_key().in_([search_key(t) for t in texts])


def code_starts_with(text: str) -> ColumnElement[bool]:
    """A parcel's code starts with ``text``, case and width aside: a range of the index above."""
    return _code_key().like(escaped(search_key(text)) + "%", escape=ESCAPE)


def parcel_matches(search: SearchText) -> Select:
    """Parcels whose code starts with the text (every role reads every parcel): the first ``CAP`` + 1
    by code from the index; the one named whole first, then the current ones before those a split
    or merge ended, by code."""
    rank = case((_code_is(search.identifiers), RANK_EXACT), else_=RANK_PREFIX)
    candidates = (
        select(Parcel.id, Parcel.code, Parcel.district_code, Parcel.area_m2, Parcel.land_use_class, Parcel.status,
               Parcel.valid_to, Parcel.is_illustrative, rank.label("rank"))
        .where(code_starts_with(search.text))
        .order_by(_code_key()).limit(CAP + 1))
    return _ranked(candidates, lambda c: c.valid_to.is_not(None), "code")


def find_projects(session: Session, search: SearchText, visible_district: str | None, limit: int,
                  offset: int = 0) -> Found:
    """The rows as tuples, in ``ProjectSummary``'s order up to its version, then the planned
    completion (whence its overdue days)."""
    return _found(session, project_matches(search, visible_district), lambda *row: row, limit, offset)


def find_enterprises(session: Session, search: SearchText, limit: int, offset: int = 0) -> Found:
    return _found(session, enterprise_matches(search), EnterpriseHit, limit, offset)


def find_parcels(session: Session, search: SearchText, limit: int, offset: int = 0) -> Found:
    return _found(session, parcel_matches(search), ParcelHit, limit, offset)


def exact_matches(session: Session, search: SearchText, visible_district: str | None) -> list[tuple[str, int]]:
    """(kind, id) of every record the text names whole, that the reader may see: an enterprise by
    its credit code, a project by its reference, a parcel by its code (case and spaces aside)."""
    projects = (select(literal("project"), Project.id)
                .where(Patterns.of(search).is_one_of(Project.reference, search.identifiers)))
    if (visible := visible_projects(visible_district)) is not None:
        projects = projects.where(visible)
    parcels = select(literal("parcel"), Parcel.id).where(_code_is(search.identifiers))
    statements = [projects, parcels]
    if search.credit_code:
        statements.append(select(literal("enterprise"), Enterprise.id).where(Enterprise.credit_code == search.credit_code))
    # at most two of each: one is a match, two say "several", however many more there are
    rows = session.execute(union(*(s.limit(2) for s in statements))).all()
    return sorted((kind, id_) for kind, id_ in rows)
