"""Import projects (and their enterprises) from the project workbook (XLSX) or a CSV of one kind.

Same rules as the GIS import: every row checked, ``abort`` loads nothing if any row is refused,
``skip`` loads the good ones, a dry run writes nothing, and the report names sheet, row, column
and reason. Enterprises are matched by credit code, parcels by code; savings come from the
accounting engine (``FactorCache``); the writing is ``registry.services.loading.load_dataset``.
"""
from __future__ import annotations

import time
from collections import OrderedDict
from pathlib import Path

from registry.domain.errors import N_, Message, PermissionDenied, ValidationError
from registry.domain.permissions import ADMIN, DISTRICT_STAFF, Actor, require_own_district, require_role
from registry.models import District, Enterprise, Parcel, Project
from registry.repositories import imports as repository
from registry.services.imports import project_sheet as sheet
from registry.services.imports.features import ON_ERROR, ImportResult
from registry.services.loading import load_dataset, validate_dataset
from registry.services.records import Dataset
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
    started = time.monotonic()
    try:
        project_rows, enterprise_rows = sheet.read_rows(Path(path), kind)
    except (OSError, KeyError, ValueError) as exc:  # openpyxl: BadZipFile/InvalidFileException are ValueErrors or OSErrors
        raise ValidationError.single("file", N_("cannot be read as a workbook: %(reason)s"), reason=str(exc)[:200]) from None
    problems: list[sheet.SheetProblem] = []
    refused_rows = 0
    enterprises = []
    for row in enterprise_rows:
        record, found = sheet.enterprise_record(row)
        found += _validated(row, Dataset(enterprises=(record,))) if record else []
        problems += found
        if found:
            refused_rows += 1
        else:
            enterprises.append(record)
    groups: OrderedDict[tuple, list[sheet.SheetRow]] = OrderedDict()
    for row in project_rows:
        reference = row.values.get("reference")
        groups.setdefault((row.sheet, str(reference).strip() if reference else f"#{row.row}"), []).append(row)
    known_enterprises = repository.existing(session, Enterprise.credit_code,
                                            {str(r.values.get("credit_code") or "").strip() for r in project_rows})
    known_enterprises |= {e.credit_code for e in enterprises}
    known_parcels = repository.existing(session, Parcel.code, {
        c.strip() for r in project_rows for c in str(r.values.get("parcel_codes") or "").replace("，", ",").split(",")})
    registered = repository.existing(session, Project.reference, {k[1] for k in groups})
    districts = repository.existing(session, District.code, {str(r.values.get("district_code") or "").strip()
                                                             for r in project_rows})
    factors = FactorCache(session)
    projects, seen = [], set()
    for (_sheet, reference), rows in groups.items():
        found = _check_project(actor, rows, factors, known_enterprises, known_parcels, districts, seen)
        problems += found[1]
        if found[1]:
            refused_rows += len(rows)
        elif reference not in registered:
            projects.append(found[0])
    total = len(project_rows) + len(enterprise_rows)
    load = not dry_run and refused_rows < total and (refused_rows == 0 or on_error == "skip")
    inserted = 0
    if load and (projects or enterprises):
        report = load_dataset(session, Dataset(enterprises=tuple(enterprises), projects=tuple(projects)),
                              user_id=actor.user_id)
        inserted = report.inserted["projects"]
    else:
        session.rollback()
    problems.sort(key=lambda p: (p.field.split(".")[0], p.row))
    return ImportResult(
        target="projects", source_name=name or Path(path).name, rows_read=total, inserted=inserted, updated=0,
        unchanged=len([k for k in groups if k[1] in registered]), refused=refused_rows, repaired=0, loaded=load,
        dry_run=dry_run, on_error=on_error, columns={}, problems=tuple(problems), problems_total=len(problems),
        seconds=round(time.monotonic() - started, 3))


def _validated(row: sheet.SheetRow, dataset: Dataset) -> list[sheet.SheetProblem]:
    try:
        validate_dataset(dataset)
    except ValidationError as error:
        return [sheet.SheetProblem(row.row, f"{row.sheet}.{e.field.split('.', 1)[-1]}", None, e.message)
                for e in error.field_errors]
    return []


def _check_project(actor: Actor, rows, factors: FactorCache, enterprises: set[str], parcels: set[str],
                   districts: set[str], seen: set[str]):
    record, problems = sheet.project_record(rows)
    first = rows[0]

    def bad(key: str, msgid: str, **params) -> None:
        problems.append(sheet.SheetProblem(first.row, f"{first.sheet}.{sheet.header_of(first.kind, key)}",
                                           str(first.values.get(key) or ""), Message(msgid, params)))

    if record is None:
        return None, problems
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
    problems += _validated(first, Dataset(projects=(record,)))
    try:
        factors.compute(record.inputs)
    except ValidationError as error:
        problems += [sheet.SheetProblem(first.row, f"{first.sheet}.inputs.{e.field}", None, e.message)
                     for e in error.field_errors]
    return (None if problems else record), problems
