"""Import projects (and their enterprises) from the project workbook (XLSX) or a CSV of one kind.

Same rules as the GIS import: every row checked, ``abort`` loads nothing if any row is refused,
``skip`` loads the good ones, a dry run writes nothing, and the report names sheet, row, column
and reason. Enterprises are matched by credit code, parcels by code; savings come from the
accounting engine (``FactorCache``), once per project: the checked projects and their savings
are streamed to a staging table as they are checked and written at the end, set-based, by
``registry.services.loading.load_checked`` (the rules of ``load_dataset``).
"""
from __future__ import annotations

import gc
import time
from collections import OrderedDict
from contextlib import ExitStack, contextmanager
from pathlib import Path
from xml.etree.ElementTree import ParseError
from zipfile import BadZipFile

from registry.domain.errors import N_, FieldError, Message, PermissionDenied, ValidationError
from registry.domain.permissions import ADMIN, DISTRICT_STAFF, Actor, require_own_district, require_role
from registry.models import District, Enterprise, Parcel, Project
from registry.repositories import project_loading as repository
from registry.services.imports import project_sheet as sheet
from registry.services.imports.features import ON_ERROR, ImportResult
from registry.services.loading import enterprise_errors, load_checked, project_errors
from registry.services.project_writer import ProjectWriter
from registry.services.savings import FactorCache


def import_projects(session, actor: Actor, path: Path, on_error: str = "abort", dry_run: bool = False,
                    kind: str | None = None, name: str | None = None) -> ImportResult:
    """Check every row of the workbook; load (and commit) the good projects as ``on_error`` says."""
    require_role(actor, DISTRICT_STAFF, ADMIN)
    if on_error not in ON_ERROR:
        raise ValidationError.single("on_error", N_("unknown value %(value)s; allowed: %(allowed)s"),
                                     value=on_error, allowed=", ".join(ON_ERROR))
    if Path(path).suffix.lower() not in (".xlsx", ".csv"):
        raise ValidationError.single("file", N_("must be the project workbook (.xlsx) or a .csv of one kind"))
    with _without_cyclic_gc():
        return _import(session, actor, Path(path), on_error, dry_run, kind, name)


@contextmanager
def _without_cyclic_gc():
    """An import allocates millions of short-lived objects (cells, records, traces, JSON) that
    reference counting frees (hardly any in cycles); meanwhile the cyclic collector would rescan the
    rows held, again and again (a fifth of the time at 100k rows). It runs again afterwards."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _import(session, actor: Actor, path: Path, on_error: str, dry_run: bool, kind: str | None,
            name: str | None) -> ImportResult:
    started = time.monotonic()
    try:
        project_rows, enterprise_rows = sheet.read_rows(path, kind)
    except (OSError, KeyError, ValueError, BadZipFile, ParseError) as exc:  # not a workbook, or a broken one
        raise ValidationError.single("file", N_("cannot be read as a workbook: %(reason)s"),
                                     reason=str(exc)[:200]) from None
    problems: list[sheet.SheetProblem] = []
    refused_rows = 0
    enterprises = []
    for row in enterprise_rows:
        record, found = sheet.enterprise_record(row)
        found += _problems(row, enterprise_errors(record)) if record else []
        problems += found
        if found:
            refused_rows += 1
        else:
            enterprises.append(record)
    groups: OrderedDict[tuple, list[sheet.SheetRow]] = OrderedDict()
    for row in project_rows:
        reference = row.get("reference")
        groups.setdefault((row.sheet, str(reference).strip() if reference else f"#{row.row}"), []).append(row)
    known_enterprises = repository.existing(session, Enterprise.credit_code,
                                            {str(r.get("credit_code") or "").strip() for r in project_rows})
    known_enterprises |= {e.credit_code for e in enterprises}
    known_parcels = repository.existing(session, Parcel.code, {
        c.strip() for r in project_rows for c in str(r.get("parcel_codes") or "").replace("，", ",").split(",")})
    registered = repository.existing(session, Project.reference, {k[1] for k in groups})
    districts = repository.existing(session, District.code, {str(r.get("district_code") or "").strip()
                                                             for r in project_rows})
    total = len(project_rows) + len(enterprise_rows)
    del project_rows  # the groups hold the rows; each group is let go once checked
    unchanged = len([k for k in groups if k[1] in registered])
    # Checked projects and their savings go straight to a staging table (nothing is written
    # until the end, and then only if allowed); a dry run, or an abort once a row is refused, skips it.
    with ExitStack() as stack:
        writing = not dry_run and not (refused_rows and on_error == "abort")
        writer = stack.enter_context(ProjectWriter(session)) if writing else None
        factors = FactorCache(session, before_query=writer.pause if writer else None)
        seen: set[str] = set()
        while groups:
            (_sheet, reference), rows = groups.popitem(last=False)
            record, found, result = _check_project(actor, rows, factors, known_enterprises, known_parcels,
                                                   districts, seen)
            problems += found
            if found:
                refused_rows += len(rows)
                if on_error == "abort" and writer is not None:
                    writer.pause()
                    writer = None
            elif reference not in registered and writer is not None:
                writer.add(record, result)
        load = not dry_run and refused_rows < total and (refused_rows == 0 or on_error == "skip")
        inserted = 0
        if load and writer is not None and (writer.count or enterprises):
            inserted = load_checked(session, tuple(enterprises), writer, user_id=actor.user_id).inserted["projects"]
        else:
            if writer is not None:
                writer.pause()
            session.rollback()
    problems.sort(key=lambda p: (p.field.split(".")[0], p.row))
    return ImportResult(
        target="projects", source_name=name or path.name, rows_read=total, inserted=inserted, updated=0,
        unchanged=unchanged, refused=refused_rows, repaired=0, loaded=load,
        dry_run=dry_run, on_error=on_error, columns={}, problems=tuple(problems), problems_total=len(problems),
        seconds=round(time.monotonic() - started, 3))


def _problems(row: sheet.SheetRow, errors: list[FieldError]) -> list[sheet.SheetProblem]:
    return [sheet.SheetProblem(row.row, f"{row.sheet}.{e.field}", None, e.message) for e in errors]


def _check_project(actor: Actor, rows, factors: FactorCache, enterprises: set[str], parcels: set[str],
                   districts: set[str], seen: set[str]):
    """(record, problems, savings) of one project; the record and savings only when it has no problem."""
    record, problems = sheet.project_record(rows)
    first = rows[0]

    def bad(key: str, msgid: str, **params) -> None:
        problems.append(sheet.SheetProblem(first.row, f"{first.sheet}.{sheet.header_of(first.kind, key)}",
                                           str(first.get(key) or ""), Message(msgid, params)))

    if record is None:
        return None, problems, None
    if record.reference in seen:
        bad("reference", N_("repeats a project of an earlier row; a file may hold each key once"))
    seen.add(record.reference)
    if record.district_code not in districts:
        bad("district_code", N_("no district with code %(code)s"), code=record.district_code)
    try:
        require_own_district(actor, record.district_code)
    except PermissionDenied as denied:
        bad("district_code", denied.message.msgid, **denied.message.params)
    if record.enterprise_credit_code not in enterprises:
        bad("credit_code", N_("no enterprise with credit code %(code)s"), code=record.enterprise_credit_code)
    for code in record.parcel_codes:
        if code not in parcels:
            bad("parcel_codes", N_("no parcel with code %(code)s"), code=code)
    problems += _problems(first, project_errors(record))
    result = None
    try:
        result = factors.compute(record.inputs)
    except ValidationError as error:
        problems += [sheet.SheetProblem(first.row, f"{first.sheet}.inputs.{e.field}", None, e.message)
                     for e in error.field_errors]
    return (None, problems, None) if problems else (record, problems, result)
