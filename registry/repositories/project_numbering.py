"""SQL of project numbering (项目编号 ``YYYY-DDDDDD-NNNN``): the next number of a year and district,
and the advisory locks that make registrations and bulk imports of one numbering wait for each other."""
from __future__ import annotations

import zlib
from typing import Iterable

from sqlalchemy import BigInteger, Integer, cast, func, select
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.orm import Session

from registry.models import Project, RetiredReference


# The advisory-lock class of reference numbering (``pg_advisory_xact_lock(class, key)``); the key
# is the year-and-district prefix, so only writers of one year and district wait for each other.
REFERENCE_LOCK_CLASS = 0x50524A  # "PRJ"


def _numbering_prefix(year: int, district_code: str) -> str:
    return f"{year}-{district_code}-"


def numbering_of(reference: str) -> tuple[int, str] | None:
    """The year and district whose numbering ``reference`` belongs to, if it is written as
    ``next_reference`` writes them (a file may carry a reference of another year than its row's,
    e.g. a corrected project's old number)."""
    year, district_code, number = (reference.split("-") + ["", ""])[:3]
    if len(year) == 4 and year.isdigit() and district_code.isdigit() and number.isdigit():
        return int(year), district_code
    return None


def lock_numbering(session: Session, years_and_districts: Iterable[tuple[int, str]]) -> None:
    """Hold the numbering locks of these years and districts until the caller's transaction ends:
    anyone numbering one of them (``next_reference``) waits, then sees what this transaction wrote.
    Each lock is taken once, all in one order, so two writers holding several never wait for each
    other in a circle."""
    keys = sorted({zlib.crc32(_numbering_prefix(y, d).encode()) - 2 ** 31 for y, d in years_and_districts})
    if keys:  # signed 32-bit keys, taken in the array's order
        key = func.unnest(cast(keys, ARRAY(Integer))).column_valued("key")
        session.execute(select(func.pg_advisory_xact_lock(REFERENCE_LOCK_CLASS, key))).all()


def next_reference(session: Session, year: int, district_code: str) -> str:
    """项目编号 ``YYYY-DDDDDD-NNNN``: one more than the highest number of that year and district,
    a deleted draft's included (numbers are not given twice), with at least four digits (…-9999 is
    followed by …-10000; numbers compare as numbers).

    Takes the numbering lock of the year and district first (``lock_numbering``), held until the
    caller's transaction ends: a second registration — or a bulk import of that year and district —
    at the same moment waits, then (READ COMMITTED) sees the first one's number and takes the next."""
    prefix = _numbering_prefix(year, district_code)
    lock_numbering(session, [(year, district_code)])

    def highest(reference):
        number = func.substr(reference, len(prefix) + 1)
        return (select(func.max(cast(number, BigInteger)))
                .where(reference.startswith(prefix, autoescape=True), number.regexp_match("^[0-9]{1,18}$"))
                .scalar_subquery())

    found = session.execute(select(func.greatest(highest(Project.reference),
                                                 highest(RetiredReference.reference)))).scalar_one()
    return f"{prefix}{(found or 0) + 1:04d}"
