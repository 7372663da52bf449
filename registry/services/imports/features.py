"""Import parcels, zones or districts from a GIS file: one use case, one transaction.

Stream the file in Arrow batches → COPY into a temporary staging table → check every row with
set-based SQL (geometry, vocabulary, uniqueness, inside Shanghai, in the uploader's district) →
derive district and zones → upsert by natural key. ``on_error="abort"`` writes nothing when any
row is refused (not even the run record); ``"skip"`` loads the good rows. A dry run checks
everything and writes nothing. A killed process leaves nothing either: PostgreSQL rolls back.
"""
from __future__ import annotations

import time
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Callable, Iterable, Iterator

import numpy as np
import shapely

from geo.geometry import SRID_STORAGE, gcj02_to_wgs84
from registry.domain.errors import N_, DistrictRef, Listed, Message, UNKNOWN_VALUE, ValidationError
from registry.domain.geometry_reasons import invalid_reason_message
from registry.domain.permissions import ADMIN, DISTRICT_STAFF, Actor, require_role
from registry.models import ImportRun
from registry.repositories import import_mappings as saved_mappings
from registry.repositories import import_places as places
from registry.repositories import import_rules as rules
from registry.repositories import parcel_writes
from registry.repositories import imports as staging
from registry.repositories.places import district_names
from registry.services import audit
from registry.services.imports import sources
from registry.services.imports.mapping import (TARGETS, MappingProfile, check_profile_name, field_labels,
                                              resolve_columns)
from registry.services.imports.results import ON_ERROR, ImportResult, Problem

MAX_REPORTED = 100_000

# (stage, rows done, rows in all or None) — stages: read, check, write, done
Progress = Callable[[str, int, "int | None"], None]


def _no_progress(stage: str, done: int, total: int | None) -> None:
    return None


@dataclass(frozen=True)
class ImportOptions:
    target: str  # parcels | zones | districts
    on_error: str = "abort"
    dry_run: bool = False
    repair: bool = False
    layer: str | None = None
    crs: str | None = None  # "EPSG:4549", or "gcj02"
    encoding: str | None = None
    mapping: MappingProfile = field(default_factory=MappingProfile)
    save_mapping_as: str | None = None
    illustrative: bool = False
    limits: sources.Limits = sources.CLI_LIMITS
    reassign_parcels: bool = False  # districts: re-attribute every parcel by the new boundaries


def _authorise(actor: Actor, target: str) -> str | None:
    """The district the actor's rows must lie in (None: anywhere)."""
    if target == "parcels":
        require_role(actor, DISTRICT_STAFF, ADMIN)
        return actor.district_code if actor.role == DISTRICT_STAFF else None
    require_role(actor, ADMIN)
    return None


def _check_options(options: ImportOptions) -> None:
    if options.target not in TARGETS:
        raise ValidationError.single("target", UNKNOWN_VALUE,
                                     value=options.target, allowed=Listed(tuple(TARGETS)))
    if options.reassign_parcels and options.target != "districts":
        raise ValidationError.single("reassign_parcels", N_("applies to an import of districts only"))
    if options.save_mapping_as is not None:
        check_profile_name(options.save_mapping_as)
    if options.on_error not in ON_ERROR:
        raise ValidationError.single("on_error", UNKNOWN_VALUE,
                                     value=options.on_error, allowed=Listed(tuple(ON_ERROR)))


@dataclass(frozen=True)
class _Source:
    name: str
    sha256: str | None
    srid: int


def import_features(session, actor: Actor, path: Path, options: ImportOptions, name: str | None = None,
                    progress: Progress = _no_progress) -> ImportResult:
    """Import the GIS file ``path`` into ``options.target``; commit when rows were loaded, else roll back."""
    _check_options(options)
    own_district = _authorise(actor, options.target)
    started = time.monotonic()
    profile = options.mapping.overridden(options.layer, options.crs, options.encoding)
    try:
        with sources.opened(path, name, profile.layer, profile.crs, profile.encoding, options.limits) as source:
            columns = resolve_columns(options.target, profile, source.fields)
            staging.create_staging(session, tuple(columns))
            progress("read", 0, source.feature_count)
            staging.copy_rows(session, tuple(columns), _rows(source, columns, progress))
        about = _Source(source.name, source.sha256, source.srid or SRID_STORAGE)
        result = _check_and_write(session, actor, about, options, columns, own_district, started, progress)
        if result.loaded and options.save_mapping_as:
            saved_mappings.save_mapping(session, options.target, options.save_mapping_as,
                                        replace(profile, fields=columns).to_dict(), actor.user_id)
        return _finish(session, result, progress)
    except BaseException:
        session.rollback()
        raise


def import_rows(session, actor: Actor, rows: Iterable[tuple], fields: tuple[str, ...], options: ImportOptions,
                source_name: str, total: int | None = None, progress: Progress = _no_progress) -> ImportResult:
    """The same import from rows already in memory: ``(row_no, *fields as text, WKB in WGS84)``.

    Used by the synthetic-data generator, so generated data passes every check a file does.
    """
    _check_options(options)
    own_district = _authorise(actor, options.target)
    started = time.monotonic()
    try:
        staging.create_staging(session, fields)
        staging.copy_rows(session, fields, _counted(rows, total, progress))
        columns = {f: f for f in fields}
        result = _check_and_write(session, actor, _Source(source_name, None, SRID_STORAGE), options, columns,
                                  own_district, started, progress)
        return _finish(session, result, progress)
    except BaseException:
        session.rollback()
        raise


def _counted(rows: Iterable[tuple], total: int | None, progress: Progress, every: int = 50_000) -> Iterator[tuple]:
    done = 0
    for done, row in enumerate(rows, 1):
        yield row
        if done % every == 0:
            progress("read", done, total)
    progress("read", done, total)


def _finish(session, result: "ImportResult", progress: Progress) -> "ImportResult":
    if result.loaded:
        staging.drop_work_schema(session)
        session.commit()
    else:
        session.rollback()
    progress("done", result.rows_read, result.rows_read)
    return result


def _rows(source: sources.OpenedSource, columns: dict[str, str], progress: Progress) -> Iterator[tuple]:
    """(row_no, *mapped values as text, wkb) for every feature, batch by batch."""
    import pyarrow as pa
    import pyarrow.compute as pc

    row_no = 0
    for batch in sources.read_batches(source):
        n = batch.num_rows
        values = []
        for column in columns.values():
            array = batch.column(column)
            if not pa.types.is_string(array.type) and not pa.types.is_large_string(array.type):
                array = pc.cast(array, pa.string()) if not pa.types.is_nested(array.type) else pa.array(
                    [None if v is None else str(v) for v in array.to_pylist()], pa.string())
            values.append(array.to_pylist())
        wkb = batch.column("wkb").to_pylist() if "wkb" in batch.schema.names else [None] * n
        if source.gcj02:
            wkb = _gcj02_to_wgs84_wkb(wkb)
        numbers = range(row_no + 1, row_no + n + 1)
        yield from zip(numbers, *values, wkb)
        row_no += n
        progress("read", row_no, source.feature_count)


def _gcj02_to_wgs84_wkb(wkb: list[bytes | None]) -> list[bytes | None]:
    geoms = shapely.from_wkb(np.array(wkb, dtype=object), on_invalid="ignore")
    # shapely.transform (inside gcj02_to_wgs84) takes a whole array: one numpy pass per batch.
    return list(shapely.to_wkb(gcj02_to_wgs84(geoms), hex=False))


def _check_and_write(session, actor: Actor, source: _Source, options: ImportOptions,
                     columns: dict[str, str], own_district: str | None, started: float,
                     progress: Progress) -> ImportResult:
    target, mapped = options.target, set(columns)
    staging.build_rows(session, tuple(columns), source.srid, options.repair)
    if target == "parcels":
        places.locate_rows(session)
    staging.key_rows(session)
    total = staging.count_rows(session)
    progress("check", 0, total)
    rules.check_geometries(session, options.repair)
    if target == "parcels":
        rules.check_parcels(session, mapped, own_district)
    elif target == "zones":
        rules.check_zones(session, mapped)
    else:
        rules.check_districts(session)
    refused, repaired = staging.problem_counts(session)
    progress("check", total, total)
    load = not options.dry_run and total > refused and (refused == 0 or options.on_error == "skip")
    inserted = updated = 0
    reassigned = None
    if load:
        progress("write", 0, total - refused)
        {"parcels": lambda: parcel_writes.upsert_parcels(session, mapped, options.illustrative, total - refused),
         "zones": lambda: rules.upsert_zones(session, mapped, options.illustrative),
         "districts": lambda: rules.upsert_districts(session, mapped)}[target]()
        inserted, updated = rules.written_counts(session)
        if target == "districts" and options.reassign_parcels:
            progress("reassign", 0, None)
            reassigned = _named_moves(session, rules.reassign_parcel_districts(session))
    elif options.dry_run:  # what the upsert would insert, update and leave unchanged, compared without writing
        registered, updated = (parcel_writes.would_update(session, mapped, options.illustrative) if target == "parcels"
                               else rules.would_update(session, target, mapped, options.illustrative))
        inserted = total - refused - registered
    problems = _problems(session, target)
    result = ImportResult(
        target=target, source_name=source.name, rows_read=total, inserted=inserted, updated=updated,
        unchanged=max(0, total - refused - inserted - updated), refused=refused, repaired=repaired,
        loaded=load, dry_run=options.dry_run, on_error=options.on_error, columns=columns, problems=problems,
        problems_total=staging.problem_total(session), seconds=round(time.monotonic() - started, 3),
        reassigned=reassigned)
    if load:
        run = ImportRun(user_id=actor.user_id, target=target, source_name=source.name[:500],
                        source_sha256=source.sha256, district_code=own_district, on_error=options.on_error,
                        rows_read=total, rows_inserted=inserted, rows_updated=updated, rows_refused=refused,
                        rows_repaired=repaired, seconds=result.seconds)
        session.add(run)
        session.flush()
        changes = {"file": source.name, "inserted": inserted, "updated": updated, "refused": refused,
                   "repaired": repaired}
        if reassigned is not None:
            changes["parcels_reassigned"] = [[old and old.code, new and new.code, n] for old, new, n in reassigned]
        audit.record_summary(session, actor, "import", target, run.id, changes)
        result = replace(result, run_id=run.id)
    return result


def _problems(session, target: str) -> tuple[Problem, ...]:
    """The report's lines, their fields by their labels and the districts they name with their
    names (one query): the report is bilingual."""
    found = [Problem(p.row_no, p.field, p.value, Message(p.msgid, _said(p.params)), p.action, field_labels(target, p.field))
             for p in staging.problems(session, MAX_REPORTED)]
    names = district_names(session, {code for p in found for code in p.message.district_codes})
    return tuple(replace(p, message=p.message.with_district_names(names)) for p in found)


def _said(params: dict | None) -> dict | None:
    """A shape's invalidity (PostGIS's ST_IsValidReason, GEOS's English: 'Self-intersection[121.6 31.1]')
    in the reader's words with its place, as the wizard says it."""
    if params and isinstance(params.get("reason"), str):
        return {**params, "reason": invalid_reason_message(params["reason"])}
    return params


def _named_moves(session, moves) -> tuple[tuple[DistrictRef | None, DistrictRef | None, int], ...]:
    """The moves of ``reassign_parcel_districts`` with their districts' names (one query)."""
    names = district_names(session, {code for old, new, _ in moves for code in (old, new) if code})

    def ref(code: str | None) -> DistrictRef | None:
        return DistrictRef(code, names.get(code)) if code else None

    return tuple((ref(old), ref(new), n) for old, new, n in moves)
