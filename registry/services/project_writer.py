"""Writing checked projects in bulk: each project (with the savings its check computed) is
streamed by ``COPY`` into a staging table as soon as it is checked, so the database parses and
stores the rows while the next ones are computed and the rows are never all held in memory;
``store`` then inserts them all with their parcel links in one set-based statement each
(registry.repositories.project_loading), so the statement-level triggers on ``projects`` run once.
It first takes the numbering locks of the years and districts it writes (the registration's own,
``repositories.project_numbering.lock_numbering``): a registration numbering one of them meanwhile waits for
the load's transaction and numbers after its references instead of taking one of them too.
"""
from __future__ import annotations

import json
from contextlib import ExitStack

from sqlalchemy.orm import Session

from geo import queries
from registry.domain.json_text import dump_json
from registry.domain.savings import SavingsResult
from registry.repositories import project_loading
from registry.repositories import project_numbering as numbering
from registry.services.records import ProjectRecord
from registry.services.savings import stored_trace


class ProjectWriter:
    """Use as a context manager; while a COPY is open (between ``add`` and ``pause``, ``store`` or
    the end of the ``with`` block) the session must run nothing else: give ``pause`` to
    ``FactorCache(before_query=…)``. The enterprise and the parcels are found by credit code and
    parcel code when storing; the caller has checked that they exist."""

    def __init__(self, session: Session, illustrative: bool = False) -> None:
        self._session = session
        self._illustrative = illustrative
        self._open: ExitStack | None = None
        self._copy = None
        self.count = 0
        self._years_and_districts: set[tuple[int, str]] = set()
        project_loading.create_staging(session)

    def __enter__(self) -> ProjectWriter:
        return self

    def __exit__(self, *exc_info) -> None:
        if self._open is not None:  # an exception ends the COPY with an error, then propagates
            stack, self._open, self._copy = self._open, None, None
            stack.__exit__(*exc_info)

    def add(self, record: ProjectRecord, result: SavingsResult) -> None:
        if self._copy is None:
            self._open = ExitStack()
            self._copy = self._open.enter_context(project_loading.staged_copy(self._session))
        self._copy.write_row(_staged_row(self.count, record, result, self._illustrative))
        self._years_and_districts.add((record.year, record.district_code))
        own = numbering.numbering_of(record.reference)  # the numbering the reference takes a number of
        if own is not None:
            self._years_and_districts.add(own)
        self.count += 1

    def pause(self) -> None:
        """End the COPY under way (the next ``add`` starts another): the session is free again."""
        self.__exit__(None, None, None)

    def store(self) -> list[int]:
        """Insert what was added (a reference already registered is left alone); the new ids."""
        self.pause()
        # Held from here to the commit only: checking and computing the rows kept no one waiting.
        numbering.lock_numbering(self._session, self._years_and_districts)
        inserted = project_loading.insert_staged(self._session)
        freeing = [id_ for id_, kind in inserted if kind == "structural_adjustment"]  # the only ones with freed land
        queries.derive_freed_land(self._session, freeing)
        queries.mark_freed_parcels(self._session, freeing)
        return [id_ for id_, _kind in inserted]


# Compact, and without the cycle check: inputs and traces are trees (a fifth faster at 100k traces).
_json = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"), check_circular=False).encode


def _staged_row(ord: int, pr: ProjectRecord, result: SavingsResult, illustrative: bool) -> tuple:
    row = {
        "ord": ord, "reference": pr.reference, "title": pr.title, "kind": pr.kind, "year": pr.year,
        "status": pr.status, "district_code": pr.district_code, "structural_mode": pr.structural_mode,
        # the inputs as given, every digit (a dataset file is read exactly); the trace holds floats
        "inputs": dump_json(dict(pr.inputs), ensure_ascii=False, separators=(",", ":")), "savings_tce": result.savings_tce,
        "savings_tce_equal_value": result.savings_tce_equal_value, "savings_kwh": result.savings_kwh,
        "installed_kw": result.installed_kw, "remanufactured_kw": result.remanufactured_kw,
        "savings_method": result.method, "savings_trace": _json(stored_trace(result)),
        "investment_wan_yuan": pr.investment_wan_yuan, "subsidy_requested_wan_yuan": pr.subsidy_requested_wan_yuan,
        "subsidy_approved_wan_yuan": pr.subsidy_approved_wan_yuan, "output_value_wan_yuan": pr.output_value_wan_yuan,
        "planned_completion": pr.planned_completion, "completed_on": pr.completed_on, "verified_on": pr.verified_on,
        "is_illustrative": illustrative or pr.is_illustrative, "enterprise_credit_code": pr.enterprise_credit_code,
        "parcel_codes": list(pr.parcel_codes),
    }
    return tuple(row[c] for c in project_loading.STAGED_COLUMNS)
