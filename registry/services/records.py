"""Typed records that a dataset load takes: districts, zones, parcels, enterprises, projects,
targets. ``parse_dataset`` turns a JSON document into them, naming the record and field of
every problem; the demo generator builds them directly.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any, Mapping

from shapely.geometry import shape
from shapely.geometry.base import BaseGeometry

from registry.domain.credit_code import json_number_problem, normalize_credit_code
from registry.domain.days import day_refusal
from registry.domain.errors import N_, NOT_A_DAY, NOT_A_NUMBER, NOT_A_WHOLE_NUMBER, FieldError, Message, ValidationError
from registry.domain.json_text import load_document


@dataclass(frozen=True)
class DistrictRecord:
    code: str
    name_zh: str
    name_en: str
    geometry: BaseGeometry


@dataclass(frozen=True)
class ZoneRecord:
    kind: str
    name_zh: str
    name_en: str
    geometry: BaseGeometry
    district_code: str | None = None
    is_illustrative: bool = False


@dataclass(frozen=True)
class ParcelRecord:
    code: str
    geometry: BaseGeometry
    land_use_class: str
    status: str = "in_use"
    is_illustrative: bool = False
    valid_from: date | None = None  # since when the parcel is in force (None: the day it is loaded)


@dataclass(frozen=True)
class EnterpriseRecord:
    credit_code: str
    name: str
    industry_code: str | None = None
    district_code: str | None = None
    address: str | None = None
    is_illustrative: bool = False


@dataclass(frozen=True)
class ProjectRecord:
    reference: str
    title: str
    kind: str
    year: int
    status: str
    enterprise_credit_code: str
    district_code: str
    inputs: Mapping[str, Any]
    parcel_codes: tuple[str, ...] = ()
    structural_mode: str | None = None
    investment_wan_yuan: Decimal | None = None
    subsidy_requested_wan_yuan: Decimal | None = None
    subsidy_approved_wan_yuan: Decimal | None = None
    output_value_wan_yuan: Decimal | None = None
    planned_completion: date | None = None
    completed_on: date | None = None
    verified_on: date | None = None
    is_illustrative: bool = False


@dataclass(frozen=True)
class TargetRecord:
    year: int
    metric: str
    value: Decimal
    unit: str
    scope: str = "city"
    district_code: str | None = None
    kind: str = "plan"
    value_max: Decimal | None = None
    source: str | None = None


@dataclass(frozen=True)
class Dataset:
    districts: tuple[DistrictRecord, ...] = ()
    zones: tuple[ZoneRecord, ...] = ()
    parcels: tuple[ParcelRecord, ...] = ()
    enterprises: tuple[EnterpriseRecord, ...] = ()
    projects: tuple[ProjectRecord, ...] = ()
    targets: tuple[TargetRecord, ...] = ()


# --- parsing a JSON document ------------------------------------------------------------------
@dataclass
class _Reader:
    """Reads fields of one record, collecting errors with the record's path."""

    path: str
    data: Mapping[str, Any]
    errors: list[FieldError] = field(default_factory=list)

    def _err(self, name: str, msgid: str, **params: Any) -> None:
        self.errors.append(FieldError(f"{self.path}.{name}", Message(msgid, params)))

    def text(self, name: str, required: bool = True) -> str | None:
        value = self.data.get(name)
        if value is None or (isinstance(value, str) and not value.strip()):
            if required:
                self._err(name, N_("is required"))
            return None
        if not isinstance(value, (str, int)) or isinstance(value, bool):
            self._err(name, N_("must be text"))
            return None
        return str(value).strip()

    def number(self, name: str, required: bool = False, minimum: Decimal | None = Decimal(0)) -> Decimal | None:
        value = self.data.get(name)
        if value is None:
            if required:
                self._err(name, N_("is required"))
            return None
        try:
            if isinstance(value, bool):
                raise InvalidOperation
            number = Decimal(str(value))
            if not number.is_finite():
                raise InvalidOperation
        except (InvalidOperation, ValueError):
            self._err(name, NOT_A_NUMBER, value=str(value)[:40])
            return None
        if minimum is not None and number < minimum:
            self._err(name, N_("must not be negative, got “%(value)s”"), value=value)
            return None
        return number

    def integer(self, name: str) -> int | None:
        value = self.data.get(name)
        if isinstance(value, bool) or not isinstance(value, int):
            self._err(name, NOT_A_WHOLE_NUMBER, value=str(value)[:40])
            return None
        return value

    def day(self, name: str) -> date | None:
        value = self.data.get(name)
        if value is None:
            return None
        try:
            return date.fromisoformat(str(value))
        except ValueError:
            refusal = day_refusal(value, NOT_A_DAY, value=str(value)[:40])
            self._err(name, refusal.msgid, **refusal.params)
            return None

    def geometry(self, name: str = "geometry") -> BaseGeometry | None:
        value = self.data.get(name)
        if not isinstance(value, Mapping):
            self._err(name, N_("must be a GeoJSON geometry object"))
            return None
        try:
            return shape(value)
        except Exception as exc:  # shapely raises several types for malformed GeoJSON
            self._err(name, N_("is not readable GeoJSON: %(reason)s"), reason=str(exc)[:200])
            return None


def _feature_props(item: Any, path: str, errors: list[FieldError]) -> Mapping[str, Any] | None:
    if not isinstance(item, Mapping):
        errors.append(FieldError(path, Message(N_("must be an object"))))
        return None
    if item.get("type") == "Feature":  # GeoJSON features: properties plus geometry
        return {**(item.get("properties") or {}), "geometry": item.get("geometry")}
    return item


def parse_dataset(document: bytes | str | Mapping[str, Any]) -> Dataset:
    """Parse a dataset document (see docs/data-format.md); raise ValidationError naming each bad field."""
    if not isinstance(document, Mapping):
        document = load_document(document, "file")  # its numbers exact, as the API reads them
    if not isinstance(document, Mapping):
        raise ValidationError.single("file", N_("must be a JSON object with lists of records"))
    errors: list[FieldError] = []
    known = {"districts", "zones", "parcels", "enterprises", "projects", "targets"}
    for extra in sorted(set(document) - known - {"type", "description"}):
        errors.append(FieldError(extra, Message(N_("is not a known section"))))
    parsed: dict[str, list] = {name: [] for name in known}
    for section, build in _BUILDERS.items():
        items = document.get(section, [])
        if not isinstance(items, list):
            errors.append(FieldError(section, Message(N_("must be a list"))))
            continue
        for i, item in enumerate(items):
            props = _feature_props(item, f"{section}[{i}]", errors)
            if props is None:
                continue
            key = props.get(_KEY_FIELDS[section])
            label = f"{section}[{i}] ({key})" if isinstance(key, (str, int)) and key != "" else f"{section}[{i}]"
            reader = _Reader(label, props)
            record = build(reader)
            errors.extend(reader.errors)
            if record is not None and not reader.errors:
                parsed[section].append(record)
    if errors:
        raise ValidationError(errors)
    return Dataset(**{k: tuple(v) for k, v in parsed.items()})


def _district(r: _Reader):
    return DistrictRecord(r.text("code"), r.text("name_zh"), r.text("name_en"), r.geometry())


def _zone(r: _Reader):
    return ZoneRecord(r.text("kind"), r.text("name_zh"), r.text("name_en"), r.geometry(),
                      r.text("district_code", required=False))


def _parcel(r: _Reader):
    return ParcelRecord(r.text("code"), r.geometry(), r.text("land_use_class"),
                        r.text("status", required=False) or "in_use")


def _code(r: _Reader, name: str) -> str | None:
    """A credit code normalised as the enterprise form does (full-width, lower case, spaces, hyphens); a
    number is refused asking for the code in quotes (``json_number_problem``), never read as its digits."""
    if (number := json_number_problem(r.data.get(name))) is not None:
        r.errors.append(FieldError(f"{r.path}.{name}", number))
        return None
    text = r.text(name)
    return normalize_credit_code(text) if text is not None else None


def _enterprise(r: _Reader):
    return EnterpriseRecord(_code(r, "credit_code"), r.text("name"), r.text("industry_code", required=False),
                            r.text("district_code", required=False), r.text("address", required=False))


def _project(r: _Reader):
    inputs = r.data.get("inputs")
    if not isinstance(inputs, Mapping):
        r._err("inputs", N_("must be a savings input document (an object)"))
    codes = r.data.get("parcel_codes", [])
    if not isinstance(codes, list) or not all(isinstance(c, str) for c in codes):
        r._err("parcel_codes", N_("must be a list of parcel codes"))
        codes = []
    return ProjectRecord(
        reference=r.text("reference"), title=r.text("title"), kind=r.text("kind"), year=r.integer("year"),
        status=r.text("status", required=False) or "draft",
        enterprise_credit_code=_code(r, "enterprise_credit_code"), district_code=r.text("district_code"),
        inputs=inputs if isinstance(inputs, Mapping) else {}, parcel_codes=tuple(codes),
        structural_mode=r.text("structural_mode", required=False),
        investment_wan_yuan=r.number("investment_wan_yuan"),
        subsidy_requested_wan_yuan=r.number("subsidy_requested_wan_yuan"),
        subsidy_approved_wan_yuan=r.number("subsidy_approved_wan_yuan"),
        output_value_wan_yuan=r.number("output_value_wan_yuan"),
        planned_completion=r.day("planned_completion"), completed_on=r.day("completed_on"),
        verified_on=r.day("verified_on"),
    )


def _target(r: _Reader):
    return TargetRecord(
        year=r.integer("year"), metric=r.text("metric"), value=r.number("value", required=True),
        unit=r.text("unit"), scope=r.text("scope", required=False) or "city",
        district_code=r.text("district_code", required=False), kind=r.text("kind", required=False) or "plan",
        value_max=r.number("value_max"), source=r.text("source", required=False),
    )


# The field that names a record in error messages (its natural key where it has one).
_KEY_FIELDS = {
    "districts": "code", "zones": "name_zh", "parcels": "code",
    "enterprises": "name", "projects": "reference", "targets": "metric",
}

_BUILDERS = {
    "districts": _district, "zones": _zone, "parcels": _parcel,
    "enterprises": _enterprise, "projects": _project, "targets": _target,
}
