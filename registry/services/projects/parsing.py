"""Reading a project draft from a form or a JSON body into a typed ``ProjectDraft``."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any, Mapping

from registry.domain.credit_code import normalize_credit_code
from registry.domain.days import day_refusal
from registry.domain.errors import N_, NOT_A_DAY, FieldError, Message, ValidationError
from registry.domain.json_text import DocumentError, check_document, load_json
from registry.domain.numbers import written_money_wan_yuan, year_number
from registry.domain.years import YEARS


@dataclass(frozen=True)
class NewParcel:
    """A parcel drawn or uploaded with the project (GeoJSON in EPSG:4326, or GCJ-02 if flagged)."""

    geometry: Mapping[str, Any]
    land_use_class: str = "M2"
    gcj02: bool = False
    overlap_reason: str | None = None


@dataclass(frozen=True)
class ProjectDraft:
    kind: str
    year: int
    title: str
    district_code: str
    credit_code: str
    inputs: Mapping[str, Any]
    enterprise_name: str | None = None
    industry_code: str | None = None
    structural_mode: str | None = None
    parcel_ids: tuple[int, ...] = ()
    new_parcels: tuple[NewParcel, ...] = ()
    investment_wan_yuan: Decimal | None = None
    subsidy_requested_wan_yuan: Decimal | None = None
    output_value_wan_yuan: Decimal | None = None
    planned_completion: date | None = None


MONEY_FIELDS = ("investment_wan_yuan", "subsidy_requested_wan_yuan", "output_value_wan_yuan")
# The same limits as the JSON API's schema (registry/api/v1/project_schemas.py), for the form too.
MAX_PARCEL_ID = 2**63 - 1  # bigint
MAX_OVERLAP_REASON = 1000


def _json(value: Any, field: str, errors: list[FieldError]) -> Any:
    """A JSON form field (text, its numbers read exactly, as the API reads them) or an already
    parsed JSON value, refused if malformed, too deep or holding text the database cannot store."""
    try:
        if isinstance(value, str):
            return load_json(value, exact=True) if value.strip() else None
        check_document(value)
        return value
    except DocumentError as error:
        path = error.path if not error.path or error.path.startswith("[") else f".{error.path}"
        errors.append(FieldError(f"{field}{path}", error.message))
        return None


def _year(value: Any, errors: list[FieldError]) -> int:
    """The project's year, 0 when it cannot be read. Text that is no number at all ("12e") is said
    to be so, in the words every year field gets (``year_number``; the savings document's year too)."""
    try:
        return year_number(value, "year", *YEARS)  # drafts._check_fields holds a draft built otherwise to them too
    except ValidationError as error:
        errors.extend(error.field_errors)
        return 0


def _money(value: Any, field: str, errors: list[FieldError]) -> Decimal | None:
    if value in (None, ""):
        return None
    try:  # the form may group digits (1,200.5); the bounds are the domain's, as on every path
        return written_money_wan_yuan(value, field)
    except ValidationError as error:
        errors.extend(error.field_errors)
        return None


def parse_draft(data: Mapping[str, Any]) -> ProjectDraft:
    """Form fields or a JSON object → ProjectDraft; ValidationError listing every bad field."""
    draft, errors = read_draft(data)
    if errors:
        raise ValidationError(errors)
    return draft


def read_draft(data: Mapping[str, Any]) -> tuple[ProjectDraft, list[FieldError]]:
    """Form fields or a JSON object → the ProjectDraft they hold and the problems of every field
    that could not be read (left empty in the draft), so the services may still check the rest."""
    errors: list[FieldError] = []
    text = {k: str(data.get(k) or "").strip() for k in
            ("kind", "title", "district_code", "credit_code", "enterprise_name", "industry_code", "structural_mode")}
    for required in ("kind", "title", "district_code", "credit_code"):
        if not text[required]:
            errors.append(FieldError(required, Message(N_("is required"))))
    year = _year(data.get("year"), errors)
    unreadable = len(errors)
    inputs = _json(data.get("inputs"), "inputs", errors)
    if not isinstance(inputs, Mapping) and len(errors) == unreadable:
        errors.append(FieldError("inputs", Message(N_("must be a savings input document (an object)"))))
    if not isinstance(inputs, Mapping):
        inputs = {}
    parcel_ids: list[int] = []
    raw_ids = data.get("parcel_ids") or []
    if isinstance(raw_ids, str):
        raw_ids = [p for p in raw_ids.replace(",", " ").split() if p]
    for raw in raw_ids if isinstance(raw_ids, (list, tuple)) else [raw_ids]:
        try:
            if isinstance(raw, bool):
                raise TypeError
            parcel_ids.append(int(raw))
        except (TypeError, ValueError):
            errors.append(FieldError("parcel_ids", Message(N_("must be a list of parcel ids"))))
            break
        if not 1 <= parcel_ids[-1] <= MAX_PARCEL_ID:
            errors.append(FieldError("parcel_ids", Message(N_("“%(value)s” is not a parcel id"), {"value": raw})))
            break
    new_parcels = _new_parcels(_json(data.get("new_parcels"), "new_parcels", errors) or [], errors)
    money = {f: _money(data.get(f), f, errors) for f in MONEY_FIELDS}
    planned = None
    if data.get("planned_completion"):
        try:
            planned = date.fromisoformat(str(data["planned_completion"]))
        except ValueError:
            errors.append(FieldError("planned_completion", day_refusal(
                data["planned_completion"], NOT_A_DAY, value=str(data["planned_completion"])[:40])))
    return ProjectDraft(
        kind=text["kind"], year=year, title=text["title"], district_code=text["district_code"],
        credit_code=normalize_credit_code(text["credit_code"]), inputs=inputs, enterprise_name=text["enterprise_name"] or None,
        industry_code=text["industry_code"] or None, structural_mode=text["structural_mode"] or None,
        parcel_ids=tuple(dict.fromkeys(parcel_ids)), new_parcels=tuple(new_parcels), planned_completion=planned,
        **money,
    ), errors


def _new_parcels(items: Any, errors: list[FieldError]) -> list[NewParcel]:
    if isinstance(items, Mapping) and items.get("type") == "FeatureCollection":
        items = items.get("features") or []
    if not isinstance(items, list):
        errors.append(FieldError("new_parcels", Message(N_("must be a list of GeoJSON features"))))
        return []
    parcels = []
    for i, item in enumerate(items):
        if not isinstance(item, Mapping):
            errors.append(FieldError(f"new_parcels[{i}]", Message(N_("must be an object"))))
            continue
        props = item.get("properties") if isinstance(item.get("properties"), Mapping) else {}
        geometry = item.get("geometry") if item.get("type") == "Feature" else item.get("geometry", item)
        reason = props.get("overlap_reason") or item.get("overlap_reason") or None
        if not _overlap_reason_ok(reason, f"new_parcels[{i}].overlap_reason", errors):
            continue
        parcels.append(NewParcel(
            geometry=geometry if isinstance(geometry, Mapping) else {},
            land_use_class=str(props.get("land_use_class") or item.get("land_use_class") or "M2"),
            gcj02=bool(props.get("gcj02") or item.get("gcj02")),
            overlap_reason=reason,
        ))
    return parcels


def _overlap_reason_ok(reason: Any, field: str, errors: list[FieldError]) -> bool:
    if reason is not None and not isinstance(reason, str):
        errors.append(FieldError(field, Message(N_("must be text"))))
        return False
    if reason is not None and len(reason) > MAX_OVERLAP_REASON:
        errors.append(FieldError(field, Message(N_("must be at most %(maximum)s characters"),
                                                {"maximum": MAX_OVERLAP_REASON})))
        return False
    return True
