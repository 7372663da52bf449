"""Redevelopment of freed land (二次开发): the lifecycle rules and the inputs planners give.

freed → redevelopment_planned → redeveloped; a plan may be withdrawn (planned → freed). A parcel
may be split or merged while freed; its children inherit status and freed date and
keep the lineage, the parents are end-dated (valid_to), never deleted.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any, Mapping

from registry.domain.days import day_refusal
from registry.domain.errors import N_, Conflict, Day, Listed, UNKNOWN_VALUE
from registry.domain.fields import Errors
from registry.domain.numbers import written_money_wan_yuan, year_number
from registry.domain.vocabulary import LAND_USE_CLASSES, OUTPUT_BY_PLANNER, PARCEL_STATUSES
from registry.domain.years import MAX_YEAR, MIN_YEAR, YEARS

TRANSITIONS: dict[str, tuple[str, ...]] = {
    "in_use": (),
    "freed": ("redevelopment_planned",),
    "redevelopment_planned": ("redeveloped", "freed"),
    "redeveloped": (),
}
SPLITTABLE = ("freed",)  # withdraw a plan before splitting: a plan belongs to one piece of land


def check_transition(current: str, target: str) -> None:
    """Raise ``Conflict`` unless a parcel in ``current`` may move to ``target``."""
    if target not in TRANSITIONS.get(current, ()):
        raise Conflict(N_("A parcel that is %(current)s cannot become %(target)s."),
                       current=PARCEL_STATUSES.get(current, current), target=PARCEL_STATUSES.get(target, target))


def check_splittable(status: str, valid_to: date | None) -> None:
    if valid_to is not None:
        raise Conflict(N_("This parcel was end-dated on %(day)s and can no longer change."), day=Day(valid_to))
    if status not in SPLITTABLE:
        raise Conflict(N_("Only freed parcels can be split or merged; withdraw a redevelopment plan first."))


@dataclass(frozen=True)
class RedevelopmentPlan:
    new_use: str
    planned_on: date
    description: str = ""
    investment_wan_yuan: Decimal | None = None
    expected_output_wan_yuan: Decimal | None = None


@dataclass(frozen=True)
class RedevelopmentCompletion:
    completed_on: date
    actual_output_wan_yuan: Decimal | None = None


PLAN_FIELDS = ("new_use", "planned_on", "description", "investment_wan_yuan", "expected_output_wan_yuan")
COMPLETION_FIELDS = ("completed_on", "actual_output_wan_yuan")
OUTPUT_FIELDS = ("year", "output_wan_yuan", "source")


def _known_fields(errors: Errors, data: Mapping[str, Any], known: tuple[str, ...]) -> None:
    # A misspelt field is an error, not silently ignored (docs/api.md).
    for name in sorted(str(k) for k in data if k not in known):
        errors.add(name[:40], N_("Unknown field."))


def _text(errors: Errors, data: Mapping[str, Any], name: str, limit: int) -> str:
    raw = data.get(name)
    if raw is None:
        return ""
    if not isinstance(raw, str):
        errors.add(name, N_("must be text"))
        return ""
    text = raw.strip()
    if len(text) > limit:
        errors.add(name, N_("is too long (at most %(n)s characters)"), n=limit)
    if "\x00" in text:
        errors.add(name, N_("must not contain the NUL character (U+0000)"))
    return text


def _money(errors: Errors, data: Mapping[str, Any], name: str) -> Decimal | None:
    raw = data.get(name)
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        return None
    return errors.capture(written_money_wan_yuan, raw, name)  # 1,629.7 as the parcel page shows outputs


def _date(errors: Errors, data: Mapping[str, Any], name: str, today: date) -> date | None:
    raw = data.get(name)
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        return today
    try:
        value = raw if isinstance(raw, date) else date.fromisoformat(str(raw).strip())
    except ValueError:
        refusal = day_refusal(raw, N_("must be a date such as 2017-06-30"))
        errors.add(name, refusal.msgid, **refusal.params)
        return None
    first, last = date(MIN_YEAR, 1, 1), date(MAX_YEAR, 12, 31)  # the days of the registry's years
    if not first <= value <= last:
        errors.add(name, N_("must be between %(low)s and %(high)s"), low=first.isoformat(), high=last.isoformat())
        return None
    return value


def read_plan(data: Mapping[str, Any], today: date) -> RedevelopmentPlan:
    """A plan from form or JSON fields (new_use, planned_on, description, money in 万元)."""
    errors = Errors()
    _known_fields(errors, data, PLAN_FIELDS)
    new_use = str(data.get("new_use") or "").strip()
    if not new_use:  # the page's list starts unchosen: nothing chosen is missing, not unknown
        errors.add("new_use", N_("is required"))
    elif new_use not in LAND_USE_CLASSES:
        errors.add("new_use", UNKNOWN_VALUE, value=new_use[:20],
                   allowed=Listed(tuple(LAND_USE_CLASSES)))
    description = _text(errors, data, "description", 2000)
    plan = RedevelopmentPlan(
        new_use=new_use, planned_on=_date(errors, data, "planned_on", today), description=description,
        investment_wan_yuan=_money(errors, data, "investment_wan_yuan"),
        expected_output_wan_yuan=_money(errors, data, "expected_output_wan_yuan"),
    )
    errors.raise_if_any()
    return plan


def read_completion(data: Mapping[str, Any], today: date, planned_on: date) -> RedevelopmentCompletion:
    errors = Errors()
    _known_fields(errors, data, COMPLETION_FIELDS)
    completed_on = _date(errors, data, "completed_on", today)
    if completed_on is not None and completed_on < planned_on:
        errors.add("completed_on", N_("must not be before the plan (%(day)s)"), day=Day(planned_on))
    completion = RedevelopmentCompletion(completed_on, _money(errors, data, "actual_output_wan_yuan"))
    errors.raise_if_any()
    return completion


def read_output(data: Mapping[str, Any]) -> tuple[int, Decimal, str]:
    """(year, output in 万元, source) of a recorded output value; the source defaults to "planner"."""
    errors = Errors()
    _known_fields(errors, data, OUTPUT_FIELDS)
    year = errors.capture(year_number, data.get("year"), "year", *YEARS)
    output = _money(errors, data, "output_wan_yuan")
    if output is None and data.get("output_wan_yuan") in (None, ""):
        errors.add("output_wan_yuan", N_("is required"))
    source = _text(errors, data, "source", 200) or OUTPUT_BY_PLANNER
    errors.raise_if_any()
    return year, output, source
