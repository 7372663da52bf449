"""Savings use cases: the factor table in force for a year, and computing a document's savings."""
from __future__ import annotations

from typing import Any, Callable, Mapping

from sqlalchemy.orm import Session

from registry.domain.factors import FactorTable
from registry.domain.savings import SavingsResult, compute_savings, parse_savings_input
from registry.domain.trace_storage import stored_trace as trace_as_stored
from registry.repositories import factors as factor_repository


def factor_table_for_year(session: Session, year: int, for_writing: bool = False) -> FactorTable:
    """GB/T 2589 factors in force in ``year`` and that year's electricity 等价值 (if known). A caller that
    will store what it computes (``for_writing``) holds the year's lock until its transaction ends, so a
    recording of the year's equal value (services/reference_data) does not recompute the year around it."""
    if for_writing:
        factor_repository.hold_equal_value(session, year)
    equal = factor_repository.equal_value(session, year)
    return FactorTable.from_rows(
        factor_repository.factor_rows(session), year,
        equal[0] if equal else None, equal[1] if equal else None,
    )


def compute(session: Session, document: Mapping[str, Any], for_writing: bool = False) -> SavingsResult:
    """Validate a savings input document and compute its savings with the year's factors
    (``for_writing``: see ``factor_table_for_year``).

    Raises ``ValidationError`` naming the field for any invalid input.
    """
    parsed = parse_savings_input(document)
    return compute_savings(parsed, factor_table_for_year(session, parsed.year, for_writing))


class FactorCache:
    """Factor tables by year for one bulk operation (a load computes thousands of projects, an
    enterprise's page the claims of its projects of every year).

    The factor rows are read once, and a reading cache (not ``for_writing``) reads every year's
    electricity 等价值 at once: a table holds a row a year, and a statement a year was one more round
    trip per year on an enterprise's page (docs/performance.md, "The enterprise page"). A writing
    cache holds each year's lock and then reads that year's value, as ``factor_table_for_year``.
    ``before_query`` is called before the database is read: a bulk writer that keeps a COPY open on
    the session's connection meanwhile ends it there."""

    def __init__(self, session: Session, before_query: Callable[[], None] | None = None,
                 for_writing: bool = False) -> None:
        self._session = session
        self._tables: dict[int, FactorTable] = {}
        self._before_query = before_query
        self._for_writing = for_writing
        self._rows: list | None = None
        self._equal_values: dict | None = None

    def compute(self, document: Mapping[str, Any]) -> SavingsResult:
        parsed = parse_savings_input(document)
        return compute_savings(parsed, self.table(parsed.year))

    def table(self, year: int) -> FactorTable:
        """The factor table of ``year``, read once."""
        if year not in self._tables:
            self._tables[year] = self._read(year)
        return self._tables[year]

    def _read(self, year: int) -> FactorTable:
        if self._for_writing or self._rows is None:
            if self._before_query is not None:
                self._before_query()
        if self._rows is None:
            self._rows = factor_repository.factor_rows(self._session)
        if self._for_writing:
            factor_repository.hold_equal_value(self._session, year)
            equal = factor_repository.equal_value(self._session, year)
        else:
            if self._equal_values is None:
                self._equal_values = factor_repository.equal_values(self._session)
            equal = self._equal_values.get(year)
        return FactorTable.from_rows(self._rows, year, equal[0] if equal else None, equal[1] if equal else None)


# The columns of ``projects`` a computation fills, each from the result's attribute of that name.
PROJECT_FIGURES = ("savings_tce", "savings_tce_equal_value", "savings_kwh", "installed_kw", "remanufactured_kw")


def project_figures(result: SavingsResult) -> dict[str, Any]:
    """What a computation writes onto a project, the trace aside: its figures and method, by column."""
    return {name: getattr(result, name) for name in PROJECT_FIGURES} | {"savings_method": result.method}


def stored_trace(result: SavingsResult) -> dict[str, Any]:
    """The trace as stored with a project: figures and formulas, its words as messages rendered
    when read (``trace_storage.render_stored_trace``), in any reader's language."""
    return trace_as_stored(result.trace)
