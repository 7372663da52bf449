"""Load a dataset (districts, zones, parcels, enterprises, projects, targets) in one transaction.

Every record is checked before anything is written; any problem raises ``ValidationError``
naming the record and the field, and the database is left as it was. Records whose natural key
exists already (district code, zone kind+name, parcel code, credit code, project reference,
target key) are skipped, so a load can be repeated.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Iterable

from geoalchemy2.shape import from_shape
from sqlalchemy import select
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.orm import Session

from geo import queries
from geo.geometry import SRID_STORAGE, as_multipolygon
from registry import clock
from registry.domain.errors import N_, FieldError, Message, ValidationError
from registry.domain.permissions import Actor
from registry.models import District, Enterprise, Parcel, Project, Target, Zone
from registry.repositories import audit as audit_log
from registry.repositories.project_loading import existing
from registry.services.dataset_checks import (  # noqa: F401 (the checks are loading's API too)
    MAX_REPORTED_ERRORS, Checker, Registered, district_errors, record_label, enterprise_errors, project_errors,
    reference_errors, validate_dataset,
)
from registry.services import audit
from registry.services.project_writer import ProjectWriter
from registry.services.records import Dataset, EnterpriseRecord, ProjectRecord
from registry.services.savings import FactorCache


@dataclass(frozen=True)
class LoadReport:
    inserted: dict[str, int]
    skipped: dict[str, int]


def load_dataset(session: Session, dataset: Dataset, actor: Actor | None = None,
                 illustrative: bool = False) -> LoadReport:
    """Validate and store ``dataset``; commit, or roll back and raise ValidationError. The audit
    trail records the load as ``actor``'s (default: the system's: the demo, a synthetic load)."""
    validate_dataset(dataset)
    _check_references(session, dataset)
    return _committed(session, actor or Actor.system(), lambda: _store(session, dataset, illustrative))


def _check_references(session: Session, ds: Dataset) -> None:
    """What the records refer to — districts, enterprises, parcels — must be registered: stored (one
    query per kind, for the keys named), or in the dataset itself (``reference_errors``)."""
    def known(column, own: set[str], named: Iterable[str | None]) -> set[str]:
        # No stored key holds a NUL (PostgreSQL refuses one as a parameter): such a key is unknown.
        return own | existing(session, column, [k for k in named if k and k not in own and "\x00" not in k])

    records = (*ds.zones, *ds.enterprises, *ds.projects, *ds.targets)
    check = Checker()
    check.errors += reference_errors(ds, Registered(
        districts=known(District.code, {d.code for d in ds.districts}, (r.district_code for r in records)),
        enterprises=known(Enterprise.credit_code, {e.credit_code for e in ds.enterprises},
                          (p.enterprise_credit_code for p in ds.projects)),
        parcels=known(Parcel.code, {p.code for p in ds.parcels}, (c for p in ds.projects for c in p.parcel_codes))))
    check.raise_if_any()


def load_checked(session: Session, enterprises: tuple[EnterpriseRecord, ...], projects: ProjectWriter,
                 actor: Actor, source: str | None = None) -> LoadReport:
    """Store enterprises and the projects ``projects`` holds, all checked and their savings computed
    by the caller (a bulk import); commit as ``load_dataset`` does, or roll back and raise. Each new
    project's history starts with who loaded it from which file (``source``), as a registration's
    starts with who created it."""
    projects.pause()

    def store() -> LoadReport:
        inserted = dict.fromkeys(("districts", "zones", "parcels", "enterprises", "projects", "targets"), 0)
        inserted["enterprises"] = _store_enterprises(session, enterprises, False)
        ids = projects.store()
        audit_log.add_entries(session, actor, "load", "project", ids, {"file": source} if source else {})
        inserted["projects"] = len(ids)
        counts = {**dict.fromkeys(inserted, 0), "enterprises": len(enterprises), "projects": projects.count}
        return LoadReport(inserted, {k: counts[k] - inserted[k] for k in counts})

    return _committed(session, actor, store)


def _committed(session: Session, actor: Actor, store: Callable[[], LoadReport]) -> LoadReport:
    """Run ``store``, audit what it loaded and commit; on any error roll back and re-raise."""
    try:
        report = store()
        audit.record_summary(session, actor, "load", "dataset", "-",
                             {"inserted": report.inserted, "skipped": report.skipped})
        session.commit()
        return report
    except BaseException:
        session.rollback()
        raise


def _insert(session: Session, model, rows: list[dict], key: list[str]) -> list[int]:
    if not rows:
        return []
    pk = model.__mapper__.primary_key[0]
    statement = insert(model).on_conflict_do_nothing(index_elements=key).returning(pk, sort_by_parameter_order=True)
    return list(session.scalars(statement, rows))


def _store(session: Session, ds: Dataset, illustrative: bool) -> LoadReport:
    def geom(g):
        return from_shape(as_multipolygon(g), srid=SRID_STORAGE)

    inserted: dict[str, int] = {}
    today = clock.today()  # the registry's day, as the column's default
    districts = _insert(session, District, [
        {"code": d.code, "name_zh": d.name_zh, "name_en": d.name_en, "geom": geom(d.geometry)} for d in ds.districts
    ], ["code"])
    inserted["districts"] = len(districts)
    zone_ids = _insert(session, Zone, [
        {"kind": z.kind, "name_zh": z.name_zh, "name_en": z.name_en, "district_code": z.district_code,
         "geom": geom(z.geometry), "is_illustrative": illustrative or z.is_illustrative} for z in ds.zones
    ], ["kind", "name_zh"])
    queries.derive_zone_districts(session, zone_ids)
    inserted["zones"] = len(zone_ids)
    parcel_ids = _insert(session, Parcel, [
        {"code": p.code, "geom": geom(p.geometry), "land_use_class": p.land_use_class, "status": p.status,
         "valid_from": p.valid_from or today, "is_illustrative": illustrative or p.is_illustrative} for p in ds.parcels
    ], ["code"])
    _refuse_parcels_outside(queries.derive_parcel_locations(session, parcel_ids), ds)
    inserted["parcels"] = len(parcel_ids)
    inserted["enterprises"] = _store_enterprises(session, ds.enterprises, illustrative)
    inserted["projects"] = _store_projects(session, ds.projects, illustrative)
    inserted["targets"] = _store_targets(session, ds)
    session.flush()
    counts = {"districts": len(ds.districts), "zones": len(ds.zones), "parcels": len(ds.parcels),
              "enterprises": len(ds.enterprises), "projects": len(ds.projects), "targets": len(ds.targets)}
    return LoadReport(inserted, {k: counts[k] - inserted[k] for k in counts})


def _store_enterprises(session: Session, enterprises: Iterable[EnterpriseRecord], illustrative: bool) -> int:
    return len(_insert(session, Enterprise, [
        {"credit_code": e.credit_code, "name": e.name, "industry_code": e.industry_code,
         "district_code": e.district_code, "address": e.address,
         "is_illustrative": illustrative or e.is_illustrative} for e in enterprises
    ], ["credit_code"]))


def _refuse_parcels_outside(outside: list[tuple[int, str]], ds: Dataset) -> None:
    if not outside:
        return
    index = {p.code: i for i, p in enumerate(ds.parcels)}
    raise ValidationError([
        FieldError(f"{record_label('parcels', index.get(code, -1), code)}.geometry",
                   Message(N_("lies outside every district of Shanghai")))
        for _, code in outside[:MAX_REPORTED_ERRORS]
    ])


def _store_projects(session: Session, projects: tuple[ProjectRecord, ...], illustrative: bool) -> int:
    if not projects:
        return 0
    registered = existing(session, Project.reference, [p.reference for p in projects])
    check = Checker()  # the enterprises and parcels were checked before anything was written
    with ProjectWriter(session, illustrative) as writer:
        factors = FactorCache(session, before_query=writer.pause, for_writing=True)
        for i, pr in enumerate(projects):
            at = record_label("projects", i, pr.reference)
            if pr.reference in registered:
                continue
            try:
                result = factors.compute(pr.inputs)
            except ValidationError as error:
                check.errors.extend(FieldError(f"{at}.inputs.{fe.field}", fe.message) for fe in error.field_errors)
                continue
            if not check.errors:
                writer.add(pr, result)
        writer.pause()
        check.raise_if_any()
        return len(writer.store())


def _store_targets(session: Session, ds: Dataset) -> int:
    """The targets whose key is not stored; a key the file repeats is taken once, the first, as
    the other sections' upserts (ON CONFLICT DO NOTHING) take theirs."""
    seen = {(t.year, t.scope, t.district_code, t.metric, t.kind) for t in session.scalars(select(Target))}
    new = []
    for t in ds.targets:
        key = (t.year, t.scope, t.district_code, t.metric, t.kind)
        if key not in seen:
            seen.add(key)
            new.append(t)
    session.add_all(Target(year=t.year, scope=t.scope, district_code=t.district_code, metric=t.metric,
                           kind=t.kind, value=t.value, value_max=t.value_max, unit=t.unit, source=t.source)
                    for t in new)
    return len(new)
