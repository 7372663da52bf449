"""The checks of a dataset load (``registry load``, demo and synth data, the project workbook):
each record's fields against the vocabularies and against what the database would refuse (its
CHECK constraints and column types), so a dry run refuses exactly what a real load would, and
no record reaches an INSERT that fails.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from typing import Container, Iterable

from geo.geometry import explain_invalid, geodesic_area_m2
from registry.domain.credit_code import check_credit_code
from registry.domain.errors import N_, FieldError, Message, UNKNOWN_VALUE, ValidationError
from registry.domain.geometry_reasons import invalid_geometry_message
from registry.domain.industries import industry_code_problem
from registry.domain.land import MAX_PARCEL_M2, MIN_PARCEL_M2
from registry.domain.numbers import decimal_from, money_wan_yuan
from registry.domain.years import MAX_YEAR, MIN_YEAR  # projects.year's CHECK: see years.py
from registry.domain.targets import METRICS
from registry.domain.workflow import parcel_errors
from registry.domain.vocabulary import (
    LAND_USE_CLASSES, PARCEL_STATUSES, PROJECT_KINDS, PROJECT_STATUSES, STRUCTURAL_MODES,
    TARGET_KINDS, TARGET_SCOPES, ZONE_KINDS, listed_choices,
)
from registry.services.records import Dataset, EnterpriseRecord, ParcelRecord, ProjectRecord, TargetRecord

DISTRICT_CODE = re.compile(r"^[1-8][0-9]{5}$")
MAX_REPORTED_ERRORS = 50
MAX_REFERENCE_CHARS = 100
AMOUNTS = ("investment_wan_yuan", "subsidy_requested_wan_yuan", "subsidy_approved_wan_yuan", "output_value_wan_yuan")


class Checker:
    def __init__(self) -> None:
        self.errors: list[FieldError] = []

    def add(self, field: str, msgid: str, **params) -> None:
        self.errors.append(FieldError(field, Message(msgid, params)))

    def one_of(self, field: str, value: str | None, allowed: Iterable[str]) -> None:
        if value not in allowed:
            self.add(field, UNKNOWN_VALUE, value="" if value is None else str(value)[:40],
                     allowed=listed_choices(allowed))

    def geometry(self, field: str, geom) -> None:
        if geom is None or geom.is_empty:
            self.add(field, N_("geometry is empty"))
            return
        if geom.geom_type not in ("Polygon", "MultiPolygon"):
            self.add(field, N_("must be a polygon or multipolygon, got “%(type)s”"), type=geom.geom_type)
            return
        reason = explain_invalid(geom)
        if reason:
            self.errors.append(FieldError(field, invalid_geometry_message(reason)))

    def raise_if_any(self) -> None:
        if self.errors:
            raise ValidationError(self.errors[:MAX_REPORTED_ERRORS])


def record_label(section: str, index: int, key: str | None) -> str:
    return f"{section}[{index}] ({key})" if key else f"{section}[{index}]"


def validate_dataset(dataset: Dataset) -> None:
    """Check every record's fields; raise ValidationError listing what is wrong, where."""
    check = Checker()
    for i, d in enumerate(dataset.districts):
        at = record_label("districts", i, d.code)
        if not DISTRICT_CODE.match(d.code or ""):
            check.add(f"{at}.code", N_("must be a 6-digit GB/T 2260 code"))
        check.geometry(f"{at}.geometry", d.geometry)
    for i, z in enumerate(dataset.zones):
        at = record_label("zones", i, z.name_zh)
        check.one_of(f"{at}.kind", z.kind, ZONE_KINDS)
        check.geometry(f"{at}.geometry", z.geometry)
    for i, p in enumerate(dataset.parcels):
        _check_parcel(check, record_label("parcels", i, p.code), p)
    for i, e in enumerate(dataset.enterprises):
        _check_enterprise(check, record_label("enterprises", i, e.name) + ".", e)
    for i, t in enumerate(dataset.targets):
        _check_target(check, record_label("targets", i, t.metric), t)
    for i, pr in enumerate(dataset.projects):
        _check_project(check, record_label("projects", i, pr.reference) + ".", pr)
    check.raise_if_any()


def enterprise_errors(record: EnterpriseRecord) -> list[FieldError]:
    """What ``validate_dataset`` finds wrong with one enterprise, fields named without a prefix."""
    check = Checker()
    _check_enterprise(check, "", record)
    return check.errors


def project_errors(record: ProjectRecord) -> list[FieldError]:
    """What ``validate_dataset`` finds wrong with one project, fields named without a prefix."""
    check = Checker()
    _check_project(check, "", record)
    return check.errors


def district_errors(code: str | None, registered: Container[str], field: str = "district_code") -> list[FieldError]:
    """The rule of every path that writes a record naming a district — the project form, the
    project workbook (its projects and enterprises), ``registry load``: the district must be a
    registered one. No code is no error here (whether a record needs one is its own rule)."""
    if not code or code in registered:
        return []
    return [FieldError(field, Message(N_("no district with code %(code)s"), {"code": code[:40]}))]


@dataclass(frozen=True)
class Registered:
    """The keys a dataset's records may refer to: stored already, or in the dataset itself."""

    districts: Container[str]
    enterprises: Container[str]  # credit codes
    parcels: Container[str]  # codes


def reference_errors(ds: Dataset, registered: Registered) -> list[FieldError]:
    """Every reference of the dataset's records to a record that does not exist, naming the record
    and the field — found before anything is written, instead of the foreign key's refusal. Districts
    follow ``district_errors``; a project's enterprise and parcels, the project workbook's rule."""
    errors: list[FieldError] = []
    for section, records, key in (("zones", ds.zones, "name_zh"), ("enterprises", ds.enterprises, "name"),
                                  ("projects", ds.projects, "reference"), ("targets", ds.targets, "metric")):
        for i, record in enumerate(records):
            at = record_label(section, i, getattr(record, key))
            errors += district_errors(record.district_code, registered.districts, f"{at}.district_code")
            if section == "projects":
                errors += _project_reference_errors(at, record, registered)
    return errors


def _project_reference_errors(at: str, pr: ProjectRecord, registered: Registered) -> list[FieldError]:
    check = Checker()
    if pr.enterprise_credit_code not in registered.enterprises:
        check.add(f"{at}.enterprise_credit_code", N_("no enterprise with credit code %(code)s"),
                  code=pr.enterprise_credit_code)
    for code in pr.parcel_codes:
        if code not in registered.parcels:
            check.add(f"{at}.parcel_codes", N_("no parcel with code %(code)s"), code=code)
    return check.errors


def _check_enterprise(check: Checker, at: str, e: EnterpriseRecord) -> None:
    try:
        check_credit_code(e.credit_code)
    except ValidationError as error:
        check.errors.extend(FieldError(f"{at}{fe.field}", fe.message) for fe in error.field_errors)
    if problem := industry_code_problem(e.industry_code):
        check.errors.append(FieldError(f"{at}industry_code", problem))
    if not (e.name or "").strip():
        check.add(f"{at}name", N_("is required"))
    _check_text(check, at, name=e.name, address=e.address)


def _check_parcel(check: Checker, at: str, p: ParcelRecord) -> None:
    check.one_of(f"{at}.land_use_class", p.land_use_class, LAND_USE_CLASSES)
    check.one_of(f"{at}.status", p.status, PARCEL_STATUSES)
    before = len(check.errors)
    check.geometry(f"{at}.geometry", p.geometry)
    if len(check.errors) == before:
        area = geodesic_area_m2(p.geometry)
        if not MIN_PARCEL_M2 <= area <= MAX_PARCEL_M2:
            check.add(f"{at}.geometry", N_("implausible area %(area).1f m² (allowed 10 m² to 50 km²)"), area=area)


def _check_target(check: Checker, at: str, t: TargetRecord) -> None:
    """The rules of the targets page (``parse_target_entry``): its vocabularies, its years, its
    numbers (``decimal_from``), a range's maximum not below its value."""
    check.one_of(f"{at}.scope", t.scope, TARGET_SCOPES)
    check.one_of(f"{at}.kind", t.kind, TARGET_KINDS)
    check.one_of(f"{at}.metric", t.metric, METRICS)
    # The page takes the unit from the metric; a file states it, so a figure in the wrong unit
    # (亩 for km², 万元 for 亿元) would be stored and compared against the registry's in another.
    if t.metric in METRICS and t.unit != METRICS[t.metric].unit:
        check.add(f"{at}.unit", N_("must be %(unit)s, the unit of this metric, got “%(got)s”"),
                  unit=METRICS[t.metric].unit, got=str(t.unit)[:40])
    if (t.scope == "district") != bool(t.district_code):
        check.add(f"{at}.district_code", N_("is required for district targets and only for them"))
    if not isinstance(t.year, int) or not MIN_YEAR <= t.year <= MAX_YEAR:
        check.add(f"{at}.year", N_("must be a year between %(minimum)s and %(maximum)s"), minimum=MIN_YEAR,
                  maximum=MAX_YEAR)
    before = len(check.errors)
    for name in ("value", "value_max"):
        if getattr(t, name) is not None:
            try:
                decimal_from(getattr(t, name), f"{at}.{name}")
            except ValidationError as error:
                check.errors.extend(error.field_errors)
    if len(check.errors) == before and t.value_max is not None and t.value_max < t.value:
        check.add(f"{at}.value_max", N_("must not be less than the value"))


def _check_text(check: Checker, at: str, **values: str | None) -> None:
    for name, value in values.items():
        if value and "\x00" in value:  # PostgreSQL text holds no NUL
            check.add(f"{at}{name}", N_("must not contain the NUL character (U+0000)"))


def _check_amount(check: Checker, field: str, value: Decimal | None) -> None:
    """An amount of money in 万元 within the domain's bounds (``money_wan_yuan``, as on the form)."""
    if value is not None:
        try:
            money_wan_yuan(value, field)
        except ValidationError as error:
            check.errors.extend(error.field_errors)


def _check_project(check: Checker, at: str, pr: ProjectRecord) -> None:
    """What the database would refuse (so a dry run refuses it too), the vocabularies, and the
    review's rule on an exit's parcels (``parcel_errors``: one loaded beyond a draft has some)."""
    check.one_of(f"{at}kind", pr.kind, PROJECT_KINDS)
    check.one_of(f"{at}status", pr.status, PROJECT_STATUSES)
    if not isinstance(pr.year, int) or not MIN_YEAR <= pr.year <= MAX_YEAR:
        check.add(f"{at}year", N_("must be a year between %(minimum)s and %(maximum)s"), minimum=MIN_YEAR,
                  maximum=MAX_YEAR)
    if len(pr.reference or "") > MAX_REFERENCE_CHARS:  # a unique B-tree key: long ones do not fit
        check.add(f"{at}reference", N_("is too long (at most %(n)s characters)"), n=MAX_REFERENCE_CHARS)
    _check_text(check, at, reference=pr.reference, title=pr.title, enterprise_credit_code=pr.enterprise_credit_code,
                district_code=pr.district_code, parcel_codes=",".join(pr.parcel_codes))
    for name in AMOUNTS:
        _check_amount(check, f"{at}{name}", getattr(pr, name))
    if pr.structural_mode is not None:
        check.one_of(f"{at}structural_mode", pr.structural_mode, STRUCTURAL_MODES)
    check.errors += parcel_errors(pr.kind, pr.status, len(pr.parcel_codes), f"{at}parcel_codes")
    if pr.inputs.get("kind") != pr.kind:
        check.add(f"{at}inputs.kind", N_("must equal the project's kind %(kind)s"), kind=pr.kind)
    if pr.inputs.get("year") != pr.year:
        check.add(f"{at}inputs.year", N_("must equal the project's year %(year)s"), year=pr.year)
