"""Use case: the data-quality checks (数据质量检查) as one reader sees them — each check of
``domain.quality`` with how many records fail it and the list parameters that show exactly those
records. One service for the page ``/quality/``, ``GET /api/v1/quality`` and ``registry quality``.

Every signed-in role reads it, counting only what they may read (``permissions.unapproved_readable_in``,
as the lists do): the city roles the whole city or one district they choose, district staff their
own district's records — those they correct (docs/registration.md, "Data-quality checks").
"""
from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session

from registry.domain.permissions import Actor, unapproved_readable_in
from registry.domain.quality import CHECKS, Check, checked_district
from registry.repositories import quality as repo


@dataclass(frozen=True)
class CheckResult:
    check: Check
    failing: int  # records failing it that the reader may read: the linked list's count
    link: tuple[tuple[str, str], ...]  # the list's query parameters selecting exactly them

    def to_dict(self) -> dict:
        """The check as ``registry quality --format json`` gives it (the API adds its texts and links)."""
        return {"id": self.check.id, "records": self.check.records, "failing": self.failing,
                "parameters": dict(self.link)}


@dataclass(frozen=True)
class QualityReport:
    district_code: str | None  # whose records were checked; None: the city's
    results: list[CheckResult]


def quality_report(session: Session, actor: Actor, district_code: str | None = None) -> QualityReport:
    """Each check's count among the records of ``district_code`` (city roles; ``None``: the city;
    district staff: always their own district) that ``actor`` may read, with its list's link."""
    district = checked_district(actor, district_code)
    counts = repo.failing_counts(session, CHECKS, district, unapproved_readable_in(actor))
    scoped = (("district", district),) if district else ()
    return QualityReport(district, [CheckResult(check, counts[check.id], check.link + scoped) for check in CHECKS])
