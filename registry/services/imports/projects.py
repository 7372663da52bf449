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
import zlib
from collections import OrderedDict
from contextlib import ExitStack, contextmanager
from dataclasses import replace
from pathlib import Path
from typing import Iterable, Mapping
from xml.etree.ElementTree import ParseError
from zipfile import BadZipFile

from registry import clock
from registry.domain.errors import (N_, DistrictRef, FieldError, Listed, Message, PermissionDenied, UNKNOWN_VALUE,
                                   ValidationError)
from registry.domain.credit_code import credit_code_problem, normalize_credit_code
from registry.domain.permissions import ADMIN, DISTRICT_STAFF, Actor, require_own_district, require_role
from registry.domain.vocabulary import PROJECT_KINDS, PROJECT_STATUSES
from registry.domain.workflow import reachable_statuses
from registry.domain.workflow_dates import stamped_date_errors
from registry.models import Enterprise, Project
from registry.repositories import project_loading as repository
from registry.repositories.places import district_names
from registry.services.imports import project_rows as rows
from registry.services.imports import project_sheet as sheet
from registry.services.imports import project_template as template
from registry.services.imports.results import ON_ERROR, ImportResult, SheetCounts
from registry.services.loading import district_errors, enterprise_errors, load_checked, project_errors
from registry.services.project_writer import ProjectWriter
from registry.services.records import EnterpriseRecord
from registry.services.savings import FactorCache


# A project's enterprise unknown: a workbook may add it on its 企业 sheet, a CSV (one kind of project) cannot
# (the line shows the code: the report's 值 column, the command line's 统一社会信用代码 = “…”)
NO_ENTERPRISE = N_("no enterprise with this credit code is registered or on the 企业 sheet: add it to the 企业 "
                   "sheet, or correct the code")
NO_ENTERPRISE_CSV = N_("no enterprise with this credit code is registered: register it first (a CSV holds no "
                       "enterprises), or correct the code")


def _no_progress(stage: str, done: int, total: int | None) -> None:
    pass


# Files of the GIS import (sources.DATASET_SUFFIXES but the CSV, which may hold projects, and a zip).
GIS_SUFFIXES = (".zip", ".shp", ".gpkg", ".geojson", ".json", ".fgb", ".kml")
# Rows checked between two reports of the progress (each is a write to the upload's progress row).
PROGRESS_EVERY = 1000


def import_projects(session, actor: Actor, path: Path, on_error: str = "abort", dry_run: bool = False,
                    kind: str | None = None, name: str | None = None, progress=_no_progress) -> ImportResult:
    """Check every row of the workbook; load (and commit) the good projects as ``on_error`` says.
    ``progress(stage, done, total)`` hears the rows checked (``check``) and the write (``write``)."""
    require_role(actor, DISTRICT_STAFF, ADMIN)
    if on_error not in ON_ERROR:
        raise ValidationError.single("on_error", UNKNOWN_VALUE,
                                     value=on_error, allowed=Listed(tuple(ON_ERROR)))
    suffix = Path(path).suffix.lower()
    if suffix in GIS_SUFFIXES:  # the upload form's other choices read these: say which
        raise ValidationError.single("file", N_("is a GIS file (%(suffix)s), not the project workbook: import it as "
                                                "parcels, zones or district boundaries; projects come in the "
                                                "project workbook (.xlsx)"), suffix=suffix)
    if suffix == ".xls":
        raise ValidationError.single("file", N_("is an old Excel file (.xls): save it as .xlsx in Excel and upload "
                                                "that"))
    if suffix not in (".xlsx", ".csv"):
        raise ValidationError.single("file", N_("must be the project workbook (.xlsx) or a .csv of one kind"))
    if Path(path).suffix.lower() == ".csv" and kind is None:  # the web form has no kind: a workbook says it
        raise ValidationError.single("file", N_("is a CSV file, which holds projects of one kind, and no kind was "
                                                "given: use the project workbook (.xlsx, one sheet per kind: "
                                                "download the template), or import the CSV with "
                                                "registry import projects FILE.csv --kind KIND"))
    if kind is not None and kind not in PROJECT_KINDS:
        raise ValidationError.single("kind", UNKNOWN_VALUE, value=kind,
                                     allowed=Listed(tuple(PROJECT_KINDS)))
    with _without_cyclic_gc():
        return _import(session, actor, Path(path), on_error, dry_run, kind, name, progress)


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
            name: str | None, progress) -> ImportResult:
    started = time.monotonic()
    try:
        project_rows, enterprise_rows, notices = sheet.read_rows(path, kind)
    except (OSError, KeyError, ValueError, BadZipFile, ParseError, zlib.error):  # not a workbook, or a broken one
        raise ValidationError.single("file", N_("cannot be read: it is damaged, or not an Excel workbook (.xlsx)")) \
            from None
    parcels = repository.parcel_places(session, _keys(
        c for r in project_rows for c in str(r.get("parcel_codes") or "").replace("，", ",").split(",")))
    # The districts named (the rows', the parcels'), by code: their names go into the messages.
    districts = district_names(session, _keys(
        [actor.district_code, *(r.get("district_code") for r in project_rows + enterprise_rows),
         *(district for district, _active in parcels.values())]))
    problems: list[sheet.SheetProblem] = []
    refused_enterprises = refused_projects = 0  # rows of each, counted apart (the page names both)
    enterprises = []
    for row in enterprise_rows:
        record, found = rows.enterprise_record(row)
        if record is not None:
            record, found = _check_enterprise(actor, row, record, districts)
        problems += found
        if found:
            refused_enterprises += 1
        else:
            enterprises.append(record)
    groups: OrderedDict[tuple, list[sheet.SheetRow]] = OrderedDict()
    for row in project_rows:
        reference = row.get("reference")
        groups.setdefault((row.sheet, str(reference).strip() if reference else f"#{row.row}"), []).append(row)
    known_enterprises = repository.existing(session, Enterprise.credit_code,
                                            _keys(normalize_credit_code(str(r.get("credit_code")))
                                                  for r in project_rows if r.get("credit_code") is not None))
    known_enterprises |= {e.credit_code for e in enterprises}
    registered = repository.existing(session, Project.reference, _keys(k[1] for k in groups))
    project_total, total = len(project_rows), len(project_rows) + len(enterprise_rows)
    progress("check", 0, total)
    checked, reported = len(enterprise_rows), 0
    del project_rows  # the groups hold the rows; each group is let go once checked
    unchanged = len([k for k in groups if k[1] in registered])
    # Checked projects and their savings go straight to a staging table (nothing is written
    # until the end, and then only if allowed); a dry run, or an abort once a row is refused, skips it.
    with ExitStack() as stack:
        writing = not dry_run and not (refused_enterprises and on_error == "abort")
        writer = stack.enter_context(ProjectWriter(session)) if writing else None
        factors = FactorCache(session, before_query=writer.pause if writer else None, for_writing=writer is not None)
        seen: dict[str, str] = {}  # a project's 项目编号 → the cell it was first read from
        new_projects = 0  # checked and not registered yet: what a load inserts
        while groups:
            (_sheet, reference), group = groups.popitem(last=False)
            record, found, result = _check_project(actor, group, factors, known_enterprises, parcels,
                                                   districts, seen)
            problems += found
            checked += len(group)
            if checked - reported >= PROGRESS_EVERY:
                progress("check", checked, total)
                reported = checked
            if found:
                refused_projects += len(group)
                if on_error == "abort" and writer is not None:
                    writer.pause()
                    writer = None
            elif reference not in registered:
                new_projects += 1
                if writer is not None:
                    writer.add(record, result)
        if reported != total:
            progress("check", total, total)
        refused_rows = refused_enterprises + refused_projects
        load = not dry_run and refused_rows < total and (refused_rows == 0 or on_error == "skip")
        inserted = new_projects if dry_run else 0  # a dry run says what a load would insert
        new_enterprises = len(_new_enterprises(session, enterprises)) if dry_run else 0
        if load and writer is not None and (writer.count or enterprises):
            progress("write", 0, None)
            loaded = load_checked(session, tuple(enterprises), writer, actor, source=name or path.name).inserted
            inserted, new_enterprises = loaded["projects"], loaded["enterprises"]
        else:
            if writer is not None:
                writer.pause()
            session.rollback()
    # by sheet, then row; a CSV's fields name no sheet (项目名称), its problems by row alone
    in_csv = Path(path).suffix.lower() == ".csv"
    problems.sort(key=lambda p: ("" if in_csv else p.field.split(".")[0], p.row))
    return ImportResult(
        target="projects", source_name=name or path.name, rows_read=total, inserted=inserted, updated=0,
        unchanged=unchanged, refused=refused_rows, repaired=0, loaded=load,
        dry_run=dry_run, on_error=on_error, columns={}, problems=tuple(problems), problems_total=len(problems),
        seconds=round(time.monotonic() - started, 3), notices=tuple(notices),
        projects=SheetCounts(project_total, refused_projects, inserted),
        enterprises=SheetCounts(len(enterprise_rows), refused_enterprises, new_enterprises))


def _new_enterprises(session, enterprises: list[EnterpriseRecord]) -> set[str]:
    """The credit codes of checked enterprise rows not registered yet: what a load would insert."""
    codes = {e.credit_code for e in enterprises}
    return codes - repository.existing(session, Enterprise.credit_code, codes) if codes else set()


def _keys(values: Iterable) -> set[str]:
    """The natural keys to look up: stripped, non-empty, and none with a NUL (no stored key has
    one, and PostgreSQL refuses it as a parameter; the row is refused for it when checked)."""
    keys = {str(v).strip() for v in values if v is not None}
    return {k for k in keys if k and "\x00" not in k}


def _problems(row: sheet.SheetRow, errors: list[FieldError]) -> list[sheet.SheetProblem]:
    """``errors`` of a record's fields as report lines naming the sheet's header and the cell's value."""
    lines = []
    for e in errors:
        key = _RECORD_TO_SHEET.get(e.field, e.field)
        lines.append(sheet.SheetProblem(row.row, sheet.field_name(row.sheet, template.header_of(row.kind, key)),
                                        sheet.shown(row.get(key)), rows.said_once(e.message), cell=row.cell(key)))
    return lines


_RECORD_TO_SHEET = {"enterprise_credit_code": "credit_code"}


def _check_enterprise(actor: Actor, row: sheet.SheetRow, record: EnterpriseRecord,
                      districts: Mapping[str, tuple[str, str]]) -> tuple[EnterpriseRecord, list[sheet.SheetProblem]]:
    """District staff register enterprises of their own district only (as the project form does,
    one without a 区代码 is put in theirs); the district must exist."""
    if actor.role == DISTRICT_STAFF and not record.district_code:
        record = replace(record, district_code=actor.district_code)
    unknown = district_errors(record.district_code, districts)
    errors = [_said_as_malformed(e, record.credit_code) for e in enterprise_errors(record)] + unknown
    if not unknown:
        try:
            require_own_district(actor, record.district_code)
        except PermissionDenied as denied:
            errors.append(FieldError("district_code", denied.message.with_district_names(districts)))
    return record, _problems(row, errors)


MALFORMED_CREDIT_CODE = N_("is not a valid unified social credit code: %(reason)s")


def _said_as_malformed(error: FieldError, code: str) -> FieldError:
    """An enterprise row's malformed credit code in the words of a project row's (“is not a valid
    unified social credit code: …”, an illegal character marked in the code), where it had said only
    “illegal character “I” at position 14”."""
    malformed = credit_code_problem(code) if error.field == "credit_code" else None
    return FieldError(error.field, Message(MALFORMED_CREDIT_CODE, {"reason": malformed})) if malformed else error


def _check_project(actor: Actor, group, factors: FactorCache, enterprises: set[str],
                   parcels: dict[str, tuple[str | None, bool]], districts: Mapping[str, tuple[str, str]],
                   seen: dict[str, str]):
    """(record, problems, savings) of one project; the record and savings only when it has no problem.

    The rules of the project form and the workflow (docs/bulk-import.md): district staff import
    into their own district, only the statuses they reach themselves (draft, submitted), and link
    parcels of their district that are in force; the workflow's dates are given exactly when the
    status has them, and not in the future."""
    record, problems, unread = rows.read_project(group)
    first = group[0]

    def bad(key: str, msgid: str, **params) -> None:
        problems.append(sheet.SheetProblem(first.row, sheet.field_name(first.sheet, template.header_of(first.kind, key)),
                                           sheet.shown(first.get(key)),
                                           Message(msgid, params).with_district_names(districts),
                                           cell=first.cell(key)))

    if record is None:
        return None, problems, None
    # A refused cell skips only the checks that need its value: the others still run, so that the
    # row's every problem is said in one report (a wrong year does not hide an unknown parcel code).
    if record.reference in seen:  # on another sheet: a sheet's rows sharing a 项目编号 are one project
        bad("reference", N_("repeats the 项目编号 of %(first)s: a project's rows belong on one sheet, and a workbook "
                            "may hold each 项目编号 once"), first=seen[record.reference])
    if record.reference:
        seen.setdefault(record.reference, first.cell("reference"))
    problems += _problems(first, district_errors(record.district_code, districts))
    if "district_code" not in unread:
        try:
            require_own_district(actor, record.district_code)
        except PermissionDenied as denied:
            bad("district_code", denied.message.msgid, **denied.message.params)
    allowed = reachable_statuses(actor.role)
    if "status" not in unread and record.status not in allowed:
        names = tuple(Message(name) for code, name in PROJECT_STATUSES.items() if code in allowed)
        bad("status", N_("may be only %(allowed)s for your role: a project becomes %(status)s through the review "
                         "workflow"), allowed=Listed(names), status=Message(PROJECT_STATUSES[record.status]))
    elif "status" not in unread:  # a refused year or date is left out of the dates' rules, not taken as none
        dated = stamped_date_errors(record.status, None if "year" in unread else record.year, record.completed_on,
                                    record.verified_on, clock.today())
        problems += _problems(first, [e for e in dated if e.field not in unread])
    if "credit_code" in unread:  # empty, or no code at all: said as refused already
        pass
    elif (malformed := credit_code_problem(record.enterprise_credit_code)) is not None:
        bad("credit_code", MALFORMED_CREDIT_CODE, reason=malformed)  # looked up, it would be only unknown
    elif record.enterprise_credit_code not in enterprises:
        bad("credit_code", NO_ENTERPRISE_CSV if first.sheet == sheet.CSV else NO_ENTERPRISE)
    for code in record.parcel_codes:
        district, active = parcels.get(code, (None, False))
        if code not in parcels:
            bad("parcel_codes", N_("no parcel with code %(code)s"), code=code)
        elif actor.role == DISTRICT_STAFF and not active:
            bad("parcel_codes", N_("no active parcel with code %(code)s"), code=code)
        elif actor.role == DISTRICT_STAFF and district != record.district_code and "district_code" not in unread:
            bad("parcel_codes", N_("parcel %(code)s lies in district %(district)s, not in the project's district "
                                   "%(own)s"), code=code, district=DistrictRef(district),
                own=DistrictRef(record.district_code))
    problems += _problems(first, [e for e in project_errors(record) if not _needs_refused(e.field, unread)])
    result = None
    if not unread:  # the savings need every number of the row
        try:
            result = factors.compute(record.inputs)
        except ValidationError as error:
            problems += [_input_problem(group, record.inputs, e) for e in error.field_errors]
    return (None, problems, None) if problems else (record, problems, result)


def _needs_refused(field: str, unread: frozenset[str]) -> bool:
    """Whether a record rule's error on ``field`` (year, inputs.year) is about a refused cell's value:
    said already as refused, it would only be said wrong (the year 0 it was left at)."""
    leaf = field.rsplit(".", 1)[-1]
    return _RECORD_TO_SHEET.get(leaf, leaf) in unread


def _input_problem(group: list[sheet.SheetRow], inputs, error: FieldError) -> sheet.SheetProblem:
    """A problem the accounting engine found in the input document, named at the row and the column
    its field was read from (高效电机!P3 for motors[1].hours_per_year), as the sheet's own are."""
    found = rows.input_column(group[0].kind, inputs, error.field)
    if found is None:
        return sheet.SheetProblem(group[0].row, sheet.field_name(group[0].sheet, f"inputs.{error.field}"), None, error.message)
    index, key = found
    return _problems(group[min(index, len(group) - 1)], [FieldError(key, error.message)])[0]
