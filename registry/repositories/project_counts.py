"""How many projects the project list holds — its "%(n)s found", its pager, its download's bound and the
API's total, exact — and whether a page of a text's matches is read in the list's order.

A text's matches are counted either from their ids (``search.project_id_sides``: the trigram indexes
find them, each then joined to its project) or by reading each project once, name, reference and
enterprise, from ``ix_projects_enterprise_readable`` (``search.project_holds_text``, migration 0043).
The ids cost a few buffers a match; the read costs the same ≈ 3,600–5,800 buffers for any text at
100,000 projects. A text of three characters or more is first counted from at most ``FEW`` ids a
side: when neither side holds that many, the count is exact and done; when one does, the text is
common and the projects are read (塑料制品, 7,579 found: 22,597 buffers through its ids, 5,211 read;
docs/performance.md, "The lookalikes' groups kept"). A shorter text has no trigram: always read.
"""
from __future__ import annotations

from dataclasses import fields, replace

from sqlalchemy import Select, func, select, union
from sqlalchemy.orm import Session

from registry.models import Project
from registry.repositories import record_counts
from registry.repositories.projects import ListCriteria, list_conditions
from registry.repositories.search import project_id_sides

# A text whose matches are at least 1/TEXT_BY_ROW_SHARE of the reader's list is read row by row (``text_by_row``).
TEXT_BY_ROW_SHARE = 100
# Matches of a side of a text's ids beyond which its count reads every project instead (``count``).
FEW = 200


def text_by_row(session: Session, criteria: ListCriteria, found: int) -> bool:
    """Whether a page of a text's ``found`` matches is read row by row in the list's order
    (``list_conditions``' ``text_by_row``): when no trigram serves the text (fewer than three characters:
    finding its matches' ids reads every name anyway), or when they are at least 1 % of the projects
    the reader's list holds in its district (``record_counts``, kept) — a page then stops within a few
    thousand rows of the order's index. A rarer text's ids are fewer than the rows it would pass
    over (docs/performance.md, "The project list's text and lookalike filters")."""
    if criteria.text is None:
        return False
    if not criteria.text.anywhere:  # fewer than three characters (domain.search.SUBSTRING_MIN)
        return True
    listed = record_counts.projects(session, criteria.visible_district, criteria.district_code or None, None)
    return found * TEXT_BY_ROW_SHARE >= listed


# What the database keeps projects counted by (``record_counts``): the district and the status, for a
# reader of any district.
_KEPT = {"district_code", "status", "visible_district"}


def count(session: Session, criteria: ListCriteria) -> int:
    """How many projects ``criteria`` select: the count the database keeps when they select by the
    district and the status only (the overview's cards, the lists they open); a text found seldom
    from its ids (``few_ids_count``); else counted (``count_statement``)."""
    if kept_by_database(criteria):
        c = criteria
        return record_counts.projects(session, c.visible_district, c.district_code or None, c.status or None)
    if criteria.text is not None and criteria.text.anywhere:
        own, theirs, found = session.execute(few_ids_count(criteria)).one()
        if own < FEW and theirs < FEW:  # every match's id was read: ``found`` is the count
            return found
    return session.execute(count_statement(criteria)).scalar_one()


def kept_by_database(criteria: ListCriteria) -> bool:
    """Whether ``criteria`` select by the district and the status only: their count is kept by the
    database (``record_counts``)."""
    return all(getattr(criteria, f.name) in (None, "") for f in fields(criteria) if f.name not in _KEPT)


def few_ids_count(criteria: ListCriteria) -> Select:
    """How many ids each side of the text's matches holds, up to ``FEW`` (``search.project_id_sides``,
    each read once: a materialised CTE), and how many projects ``criteria`` select among them — their
    count when neither side reached ``FEW``."""
    own, theirs = (side.cte(name).prefix_with("MATERIALIZED") for side, name in
                   zip(project_id_sides(criteria.text, criteria.visible_district, FEW), ("own", "theirs")))
    ids = union(select(own.c.id), select(theirs.c.id))
    selected = (select(func.count()).select_from(Project)
                .where(Project.id.in_(ids), *list_conditions(replace(criteria, text=None))))
    return select(select(func.count()).select_from(own).scalar_subquery(),
                  select(func.count()).select_from(theirs).scalar_subquery(), selected.scalar_subquery())


def count_statement(criteria: ListCriteria) -> Select:
    """``count``'s statement when it counts: the projects alone (each has its enterprise, a not-null
    foreign key, whose join read all of them); a text as a condition on each row (``text_by_row``),
    each project read once from 0043's index — the union of its ids read every name as well for a
    short text, then joined and hashed its matches' ids (docs/performance.md, "Session 28"), and
    rechecked a common long text's names in the projects' rows."""
    return select(func.count()).select_from(Project).where(*list_conditions(criteria, criteria.text is not None))
