"""Load a dataset (districts, zones, parcels, enterprises, projects, targets) in one transaction.

Every record is checked before anything is written; any problem raises ``ValidationError``
naming the record and the field, and the database is left as it was. Records whose natural key
exists already (district code, zone kind+name, parcel code, credit code, project reference,
target key) are skipped, so a load can be repeated.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable, Iterable

from geoalchemy2.shape import from_shape
from sqlalchemy import select
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.orm import Session

from geo import queries
from geo.geometry import SRID_STORAGE, as_multipolygon, explain_invalid, geodesic_area_m2
from registry.domain.credit_code import check_credit_code
from registry.domain.errors import N_, FieldError, Message, ValidationError
from registry.domain.vocabulary import (
    LAND_USE_CLASSES, PARCEL_STATUSES, PROJECT_KINDS, PROJECT_STATUSES, STRUCTURAL_MODES,
    TARGET_KINDS, TARGET_SCOPES, ZONE_KINDS,
)
from registry.models import AuditEntry, District, Enterprise, Parcel, Project, Target, Zone
from registry.repositories.project_loading import existing, ids_by
from registry.services.project_writer import ProjectWriter
from registry.services.records import Dataset, EnterpriseRecord, ParcelRecord, ProjectRecord
from registry.services.savings import FactorCache

MIN_PARCEL_M2 = 10.0
MAX_PARCEL_M2 = 50e6
DISTRICT_CODE = re.compile(r"^[1-8][0-9]{5}$")
INDUSTRY_CODE = re.compile(r"^[A-T][0-9]{2,4}$")
MAX_REPORTED_ERRORS = 50


@dataclass(frozen=True)
class LoadReport:
    inserted: dict[str, int]
    skipped: dict[str, int]


class _Checker:
    def __init__(self) -> None:
        self.errors: list[FieldError] = []

    def add(self, field: str, msgid: str, **params) -> None:
        self.errors.append(FieldError(field, Message(msgid, params)))

    def one_of(self, field: str, value: str | None, allowed: Iterable[str]) -> None:
        if value not in allowed:
            self.add(field, N_("unknown value %(value)r; allowed: %(allowed)s"), value=value,
                     allowed=", ".join(allowed))

    def geometry(self, field: str, geom) -> None:
        if geom is None or geom.is_empty:
            self.add(field, N_("geometry is empty"))
            return
        if geom.geom_type not in ("Polygon", "MultiPolygon"):
            self.add(field, N_("must be a polygon or multipolygon, got %(type)s"), type=geom.geom_type)
            return
        reason = explain_invalid(geom)
        if reason:
            self.add(field, N_("geometry is invalid: %(reason)s"), reason=reason)

    def raise_if_any(self) -> None:
        if self.errors:
            raise ValidationError(self.errors[:MAX_REPORTED_ERRORS])


def _label(section: str, index: int, key: str | None) -> str:
    return f"{section}[{index}] ({key})" if key else f"{section}[{index}]"


def validate_dataset(dataset: Dataset) -> None:
    """Check every record's fields; raise ValidationError listing what is wrong, where."""
    check = _Checker()
    for i, d in enumerate(dataset.districts):
        at = _label("districts", i, d.code)
        if not DISTRICT_CODE.match(d.code or ""):
            check.add(f"{at}.code", N_("must be a 6-digit GB/T 2260 code"))
        check.geometry(f"{at}.geometry", d.geometry)
    for i, z in enumerate(dataset.zones):
        at = _label("zones", i, z.name_zh)
        check.one_of(f"{at}.kind", z.kind, ZONE_KINDS)
        check.geometry(f"{at}.geometry", z.geometry)
    for i, p in enumerate(dataset.parcels):
        _check_parcel(check, _label("parcels", i, p.code), p)
    for i, e in enumerate(dataset.enterprises):
        _check_enterprise(check, _label("enterprises", i, e.name) + ".", e)
    for i, t in enumerate(dataset.targets):
        at = _label("targets", i, t.metric)
        check.one_of(f"{at}.scope", t.scope, TARGET_SCOPES)
        check.one_of(f"{at}.kind", t.kind, TARGET_KINDS)
        if (t.scope == "district") != bool(t.district_code):
            check.add(f"{at}.district_code", N_("is required for district targets and only for them"))
    for i, pr in enumerate(dataset.projects):
        _check_project(check, _label("projects", i, pr.reference) + ".", pr)
    check.raise_if_any()


def enterprise_errors(record: EnterpriseRecord) -> list[FieldError]:
    """What ``validate_dataset`` finds wrong with one enterprise, fields named without a prefix."""
    check = _Checker()
    _check_enterprise(check, "", record)
    return check.errors


def project_errors(record: ProjectRecord) -> list[FieldError]:
    """What ``validate_dataset`` finds wrong with one project, fields named without a prefix."""
    check = _Checker()
    _check_project(check, "", record)
    return check.errors


def _check_enterprise(check: _Checker, at: str, e: EnterpriseRecord) -> None:
    try:
        check_credit_code(e.credit_code)
    except ValidationError as error:
        check.errors.extend(FieldError(f"{at}{fe.field}", fe.message) for fe in error.field_errors)
    if e.industry_code and not INDUSTRY_CODE.match(e.industry_code):
        check.add(f"{at}industry_code", N_("must be a GB/T 4754-2017 code such as C261"))


def _check_parcel(check: _Checker, at: str, p: ParcelRecord) -> None:
    check.one_of(f"{at}.land_use_class", p.land_use_class, LAND_USE_CLASSES)
    check.one_of(f"{at}.status", p.status, PARCEL_STATUSES)
    before = len(check.errors)
    check.geometry(f"{at}.geometry", p.geometry)
    if len(check.errors) == before:
        area = geodesic_area_m2(p.geometry)
        if not MIN_PARCEL_M2 <= area <= MAX_PARCEL_M2:
            check.add(f"{at}.geometry", N_("implausible area %(area).1f m² (allowed 10 m² to 50 km²)"), area=area)


def _check_project(check: _Checker, at: str, pr: ProjectRecord) -> None:
    check.one_of(f"{at}kind", pr.kind, PROJECT_KINDS)
    check.one_of(f"{at}status", pr.status, PROJECT_STATUSES)
    if pr.structural_mode is not None:
        check.one_of(f"{at}structural_mode", pr.structural_mode, STRUCTURAL_MODES)
    if pr.inputs.get("kind") != pr.kind:
        check.add(f"{at}inputs.kind", N_("must equal the project's kind %(kind)s"), kind=pr.kind)
    if pr.inputs.get("year") != pr.year:
        check.add(f"{at}inputs.year", N_("must equal the project's year %(year)s"), year=pr.year)


def load_dataset(session: Session, dataset: Dataset, user_id: int | None = None,
                 illustrative: bool = False) -> LoadReport:
    """Validate and store ``dataset``; commit, or roll back and raise ValidationError."""
    validate_dataset(dataset)
    return _committed(session, user_id, lambda: _store(session, dataset, illustrative))


def load_checked(session: Session, enterprises: tuple[EnterpriseRecord, ...], projects: ProjectWriter,
                 user_id: int | None = None) -> LoadReport:
    """Store enterprises and the projects ``projects`` holds, all checked and their savings computed
    by the caller (a bulk import); commit as ``load_dataset`` does, or roll back and raise."""
    projects.pause()

    def store() -> LoadReport:
        inserted = dict.fromkeys(("districts", "zones", "parcels", "enterprises", "projects", "targets"), 0)
        inserted["enterprises"] = _store_enterprises(session, enterprises, False)
        inserted["projects"] = len(projects.store())
        counts = {**dict.fromkeys(inserted, 0), "enterprises": len(enterprises), "projects": projects.count}
        return LoadReport(inserted, {k: counts[k] - inserted[k] for k in counts})

    return _committed(session, user_id, store)


def _committed(session: Session, user_id: int | None, store: Callable[[], LoadReport]) -> LoadReport:
    """Run ``store``, audit what it loaded and commit; on any error roll back and re-raise."""
    try:
        report = store()
        session.add(AuditEntry(user_id=user_id, action="load", entity="dataset", entity_id="-",
                               changes={"inserted": report.inserted, "skipped": report.skipped}))
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
         "is_illustrative": illustrative or p.is_illustrative} for p in ds.parcels
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
        FieldError(f"{_label('parcels', index.get(code, -1), code)}.geometry",
                   Message(N_("lies outside every district of Shanghai")))
        for _, code in outside[:MAX_REPORTED_ERRORS]
    ])


def _store_projects(session: Session, projects: tuple[ProjectRecord, ...], illustrative: bool) -> int:
    if not projects:
        return 0
    enterprises = ids_by(session, Enterprise.credit_code, {p.enterprise_credit_code for p in projects}, Enterprise.id)
    parcels = ids_by(session, Parcel.code, {c for p in projects for c in p.parcel_codes}, Parcel.id)
    registered = existing(session, Project.reference, [p.reference for p in projects])
    check = _Checker()
    with ProjectWriter(session, illustrative) as writer:
        factors = FactorCache(session, before_query=writer.pause)
        for i, pr in enumerate(projects):
            at = _label("projects", i, pr.reference)
            if pr.reference in registered:
                continue
            if pr.enterprise_credit_code not in enterprises:
                check.add(f"{at}.enterprise_credit_code", N_("no enterprise with credit code %(code)s"),
                          code=pr.enterprise_credit_code)
            for code in pr.parcel_codes:
                if code not in parcels:
                    check.add(f"{at}.parcel_codes", N_("no parcel with code %(code)s"), code=code)
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
    existing = {
        (t.year, t.scope, t.district_code, t.metric, t.kind) for t in session.scalars(select(Target))
    }
    new = [t for t in ds.targets if (t.year, t.scope, t.district_code, t.metric, t.kind) not in existing]
    session.add_all(Target(year=t.year, scope=t.scope, district_code=t.district_code, metric=t.metric,
                           kind=t.kind, value=t.value, value_max=t.value_max, unit=t.unit, source=t.source)
                    for t in new)
    return len(new)
