"""The project list's count kept until its data changes: a list filtered by a text counts its
matches by reading the names' index whole (45–80 ms at 100,000 projects, docs/performance.md), the
same number on each of its pages and on every return to it. It is kept per worker
(``report_caches.PROJECT_COUNT_CACHE``) under the versions of the two tables it reads, ``projects`` and
``enterprises`` (``data_versions``, moved by their triggers on every write: migration 0048), keyed by
the whole of the list's criteria (the reader's district, the text, each filter, the overdue day) —
so it is exact, whichever path wrote (``services/report_cache.py`` says when a count is kept).

Not kept: what the database keeps counted already (``project_counts.kept_by_database``), and lists of
ids computed outside the count's statement (the lookalikes, the monitoring verdicts, a data-quality
check), which read other tables."""
from __future__ import annotations

from sqlalchemy.orm import Session

from registry.repositories import project_counts
from registry.repositories.projects import ListCriteria
from registry.services.report_cache import Reading, ReportCache

# the tables the count reads (``project_counts.count``), each a row of ``data_versions``
SUBJECTS = ("projects", "enterprises")


def count(session: Session, criteria: ListCriteria, cache: ReportCache | None) -> int:
    """``project_counts.count(criteria)``, taken from ``cache`` when neither table changed since it
    was counted (None: always counted)."""
    if cache is None or not _keepable(criteria):
        return project_counts.count(session, criteria)
    reading = Reading(session, cache, SUBJECTS)
    found = reading.part(("project list count", criteria), lambda: project_counts.count(session, criteria))
    reading.keep()
    return found


def _keepable(criteria: ListCriteria) -> bool:
    return (criteria.check is None and criteria.project_ids is None
            and not project_counts.kept_by_database(criteria))
