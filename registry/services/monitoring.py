"""Use cases of the online monitoring's figures (重点用能单位能耗在线监测, migration 0035): administrators
load them from a file — every row checked, all or nothing, a row of a held code and year replacing
its figure, the load one entry of the audit trail — and reviewers, administrators and district staff
(their district's enterprises' rows) read them. The page, ``/api/v1/monitoring``, the API's project
answer and ``registry monitoring`` share these, an enterprise's page and API answer its rows
(docs/operations.md, "Online monitoring data")."""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any, Callable, Mapping, Sequence

from sqlalchemy.orm import Session

from registry import clock
from registry.domain.credit_code import ALPHABET, LENGTH, normalize_credit_code
from registry.domain.errors import N_, Conflict, FieldError, Message, ValidationError
from registry.domain.factors import MAX_YEAR, MIN_YEAR
from registry.domain.monitoring import CREDIT_CODE, READERS, MonitoredRow, monitored_row, reads_figures_of
from registry.domain.numbers import optional_year_number
from registry.domain.paging import Paged
from registry.domain.permissions import ADMIN, Actor, require_role, unapproved_readable_in
from registry.repositories import monitoring as repo
from registry.services import audit
from registry.services.imports.project_sheet import SheetProblem, SheetRow, shown
from registry.services.monitoring_file import HEADERS, KIND, read_monitoring_file

ENTITY = "energy_monitoring"  # the audit trail's name of the table (audit_vocabulary.AUDIT_ENTITIES)
PAGE_SIZE = 50
API_SOURCE = "API"  # the audit entry's "file" of a load through the API
REPEATED_IN_FILE = N_("repeats the credit code and year of row %(row)s: a file may hold each once")
REPEATED_IN_BODY = N_("repeats the credit code and year of rows[%(row)s]: a load may hold each once")
ANY_FIGURES = object()  # import_monitoring's ``replaces`` when the caller replaces whatever the load meets (CLI, API)
EXAMPLES = 3  # the replaced figures FiguresHeld names


class FiguresHeld(Conflict):
    """The load would replace held figures — other than as many as the caller agreed to (a first
    upload agrees to none): said with their count and a few of them, before any is written."""

    def __init__(self, name: str, count: int, examples: list[str]) -> None:
        super().__init__(N_("Nothing was loaded: %(name)s would replace %(count)s figures held already "
                            "(%(examples)s). To replace them, choose the file again and load it with the "
                            "button below."),
                         name=name, count=count, examples="; ".join(examples) + ("; …" if count > len(examples) else ""))
        self.count = count


@dataclass(frozen=True)
class MonitoringLoad:
    """What a load did (or, ``dry_run``, would do): rows read, new ones, held ones whose figure or
    source it replaced, held ones it left as they were; ``problems`` when it wrote nothing for them."""

    source_name: str
    rows_read: int
    inserted: int
    replaced: int
    unchanged: int
    dry_run: bool
    problems: tuple[SheetProblem, ...] = ()

    @property
    def loaded(self) -> bool:
        return not self.dry_run and not self.problems

    @property
    def refused(self) -> int:
        """How many rows were refused (a row may have several problems)."""
        return len({p.row for p in self.problems})


def import_monitoring(session: Session, actor: Actor, path: Path, dry_run: bool = False,
                      name: str | None = None, replaces: int | object = ANY_FIGURES) -> MonitoringLoad:
    """Check every row of the file at ``path`` (``name``: as the uploader called it); when none is
    refused and it is no ``dry_run``, write them and the audit entry and commit. A refused row writes
    nothing at all; its problems name row, column, value and reason. ``replaces``: how many held
    figures the caller agreed to replace (the page: none, then the count its question named);
    FiguresHeld, nothing written, when the load would replace another number of them."""
    require_role(actor, ADMIN)
    source = (name or Path(path).name)[:200]
    return _load(session, actor, source, read_monitoring_file(path), dry_run, HEADERS.__getitem__, REPEATED_IN_FILE,
                 replaces)


def load_monitoring_rows(session: Session, actor: Actor, rows: Sequence[Mapping[str, Any]], dry_run: bool = False,
                         source: str = API_SOURCE) -> MonitoringLoad:
    """The API's load: ``rows`` as a JSON body gives them (the keys ``credit_code``, ``year``,
    ``consumption_tce``, ``source``), checked and loaded as a file's, all or nothing, one audit entry
    (its ``file``: ``source``). A refused row raises ``ValidationError`` naming ``rows[i].<key>``
    (``i`` from 0) of every problem; nothing is written."""
    require_role(actor, ADMIN)
    columns = {key: i for i, key in enumerate(HEADERS)}
    sheet = [SheetRow(source, i, KIND, tuple(row.get(key) for key in HEADERS), columns) for i, row in enumerate(rows)]
    load = _load(session, actor, source[:200], sheet, dry_run, str, REPEATED_IN_BODY)
    if load.problems:
        session.rollback()  # lets the rows' locks go
        raise ValidationError([FieldError(f"rows[{p.row}].{p.field}", p.message) for p in load.problems])
    return load


def _load(session: Session, actor: Actor, source: str, read: list[SheetRow], dry_run: bool,
          column: Callable[[str], str], repeated: str, replaces: int | object = ANY_FIGURES) -> MonitoringLoad:
    """Check ``read`` (a problem's field: ``column`` of the row's key; a code and year given twice:
    ``repeated``) and, none refused and no ``dry_run``, write them and the audit entry and commit."""
    rows, problems = _checked(read, column, repeated)
    if problems:
        return MonitoringLoad(source, len(rows) + len({p.row for p in problems}), 0, 0, 0, dry_run, tuple(problems))
    held = repo.held(session, [(r.credit_code, r.year) for r in rows])
    new = [r for r in rows if (r.credit_code, r.year) not in held]
    replaced = [r for r in rows if (r.credit_code, r.year) in held and held[r.credit_code, r.year] != (r.consumption_tce, r.source)]
    result = MonitoringLoad(source, len(rows), len(new), len(replaced), len(rows) - len(new) - len(replaced), dry_run)
    if dry_run:
        session.rollback()  # lets the rows' locks go
        return result
    if replaces is not ANY_FIGURES and len(replaced) != replaces:
        session.rollback()  # lets the rows' locks go
        raise FiguresHeld(source, len(replaced), [
            f"{r.credit_code} {r.year}: {_figure(held[r.credit_code, r.year][0])} → {_figure(r.consumption_tce)}"
            for r in replaced[:EXAMPLES]])
    try:
        repo.upsert(session, new + replaced, actor.user_id)
        audit.record_summary(session, actor, "import", ENTITY, "-", {
            "file": source, "rows_read": result.rows_read, "inserted": result.inserted, "replaced": result.replaced,
            "unchanged": result.unchanged,
            # what each replaced figure was: [code, year, before, after] (the year as text: not a figure to group)
            "figures_replaced": [[r.credit_code, str(r.year), held[r.credit_code, r.year][0], r.consumption_tce]
                                 for r in replaced]})
        session.commit()
    except BaseException:
        session.rollback()
        raise
    return result


def _figure(value: Decimal) -> str:
    return f"{value.normalize():f}"


def _checked(rows: list[SheetRow], column: Callable[[str], str],
             repeated: str) -> tuple[list[MonitoredRow], list[SheetProblem]]:
    today, checked, problems = clock.today(), [], []
    first_row: dict[tuple[str, int], int] = {}
    for row in rows:
        try:
            record = monitored_row(*(row.get(key) for key in HEADERS), today)
        except ValidationError as error:
            problems += [SheetProblem(row.row, column(e.field), shown(row.get(e.field)), e.message)
                         for e in error.field_errors]
            continue
        key = (record.credit_code, record.year)
        if key in first_row:
            problems.append(SheetProblem(row.row, column(CREDIT_CODE), shown(row.get(CREDIT_CODE)), Message(
                repeated, {"row": first_row[key]})))
            continue
        first_row[key] = row.row
        checked.append(record)
    return checked, problems


@dataclass(frozen=True)
class MonitoringPage(Paged):
    items: list[repo.ListedRow]
    total: int
    page: int
    page_size: int
    code: str | None  # the filters as read
    year: int | None


def list_monitoring(session: Session, actor: Actor, code: Any = None, year: Any = None, page: int = 1,
                    page_size: int = PAGE_SIZE) -> MonitoringPage:
    """The monitored figures the actor reads — reviewers and administrators all, district staff those
    of enterprises the registry places in their district — whose credit code starts with ``code``
    (as typed: full-width folded, case aside) and of ``year``, by code and the latest year first.
    ``ValidationError`` names a filter that cannot match any code or year."""
    require_role(actor, *READERS)
    prefix, the_year = _code_prefix(code), _year(year)
    district = unapproved_readable_in(actor)  # staff: their district's enterprises only
    page = max(1, page)
    items, total = repo.listed(session, prefix, the_year, district, page_size, (page - 1) * page_size)
    return MonitoringPage(items, total, page, page_size, prefix, the_year)


def enterprise_figures(session: Session, actor: Actor, credit_code: str,
                       district_code: str | None) -> list[repo.ListedRow] | None:
    """The monitored figures of the enterprise of ``credit_code`` placed in ``district_code``, the latest
    year first, as the monitoring page lists them to ``actor`` (its page and the API's enterprise);
    ``None`` when the actor reads none of them: planners, another district's staff."""
    if not reads_figures_of(actor, district_code):
        return None
    return repo.of_code(session, credit_code, unapproved_readable_in(actor))


def _code_prefix(value: Any) -> str | None:
    if value is None or not str(value).strip():
        return None
    code = normalize_credit_code(str(value))
    if len(code) > LENGTH or any(char not in ALPHABET for char in code):
        raise ValidationError.single("code", N_("must be a credit code or its start: digits and capital letters "
                                                "except I, O, S, V, Z, at most 18"))
    return code


def _year(value: Any) -> int | None:
    return optional_year_number(value, "year", MIN_YEAR, MAX_YEAR)
