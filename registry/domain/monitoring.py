"""The cross-check of a claimed consumption against key energy-user online monitoring
(重点用能单位能耗在线监测, DOMAIN.md §7), and the checks of a monitored row as a file gives it.

The monitoring system records each key energy user's comprehensive energy consumption (综合能源消费量)
a year, in tce with electricity at its equivalent value (当量值) — the basis of a project's
``savings_tce`` — keyed by the unified social credit code. A project claims a consumption of its
enterprise (``Claim``, ``domain/savings/baseline.py``):

- **the whole** — an exit of capacity (structural adjustment) is credited the enterprise's whole
  consumption of its baseline year (the year before the exit unless the project says otherwise):
  the claim and the monitored figure of that year should agree; beyond ``tolerance_percent`` either
  way the project is flagged, with the deviation (claimed − monitored) / monitored in %;
- **a part** — a retrofit's, an EMC project's, a boiler's or motors' "before" consumption is that
  of a part of the enterprise in the year before the project: it can be anything up to the whole,
  so only a claim larger than the enterprise's whole monitored consumption is flagged.

No monitored row for the code and year is "no monitoring data", not an error: the monitoring covers
the key energy users only. docs/accounting.md, "Online monitoring cross-check".
"""
from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, localcontext
from typing import Any

from registry.domain.credit_code import check_credit_code, normalize_credit_code, number_cell_problem
from registry.domain.errors import N_, FieldError, ValidationError
from registry.domain.factors import MIN_YEAR
from registry.domain.permissions import ADMIN, CITY_REVIEWER, DISTRICT_STAFF, Actor
from registry.domain.numbers import calc_context, decimal_from, is_ascii_digits, without_digit_grouping

WHOLE, PART = "whole", "part"
# The verdicts: within the tolerance (or a part within the whole), flagged, nothing monitored for the
# code and year, nothing to compare (a kind whose claim is no consumption: intensity, an audit)
CONSISTENT, FLAGGED, NO_DATA, NOT_COMPARED = "consistent", "flagged", "no_data", "not_compared"
VERDICTS = {
    CONSISTENT: N_("Consistent with the monitoring"),
    FLAGGED: N_("Deviation from the monitoring beyond the tolerance"),
    NO_DATA: N_("No monitoring data"),
    NOT_COMPARED: N_("Not compared"),
}
# who reads the monitored figures and the verdicts: reviewers and administrators, and district staff
# their district's (its enterprises' figures, its projects' verdicts); planners do not
READERS = (CITY_REVIEWER, ADMIN, DISTRICT_STAFF)
MAX_SOURCE_CHARS = 200


def reads_figures_of(actor: Actor, enterprise_district: str | None) -> bool:
    """Whether ``actor`` reads the monitored figures of an enterprise the registry places in
    ``enterprise_district``: reviewers and administrators every one, district staff their own district's
    (as the monitoring page lists them, ``repositories.monitoring.readable_by_district``), planners none."""
    if actor.role in (CITY_REVIEWER, ADMIN):
        return True
    return actor.role == DISTRICT_STAFF and bool(enterprise_district) and enterprise_district == actor.district_code
HUNDRED = Decimal(100)


@dataclass(frozen=True)
class Claim:
    """What a project claims its enterprise consumed: ``consumption_tce`` (当量值) in ``year``, the
    enterprise's whole consumption (``WHOLE``) or a part of it (``PART``)."""

    scope: str
    consumption_tce: Decimal
    year: int


@dataclass(frozen=True)
class MonitoringCheck:
    """A claim beside the monitored figure of its code and year, and the verdict.

    ``deviation_percent``: (claimed − monitored) / monitored × 100 for a whole claim (``None`` when the
    monitored figure is 0); ``share_percent``: claimed / monitored × 100 for a part (``None`` likewise).
    Both exact: the edges round them."""

    verdict: str
    claim: Claim | None
    monitored_tce: Decimal | None
    tolerance_percent: Decimal
    deviation_percent: Decimal | None = None
    share_percent: Decimal | None = None

    @property
    def flagged(self) -> bool:
        return self.verdict == FLAGGED

    @property
    def year(self) -> int | None:
        """The year compared (the claim's)."""
        return self.claim.year if self.claim else None


def cross_check(claim: Claim | None, monitored_tce: Decimal | None, tolerance_percent: Decimal) -> MonitoringCheck:
    """The verdict on ``claim`` against ``monitored_tce`` (the monitored consumption of the claim's code
    and year, ``None`` when nothing was monitored). A whole claim deviating by more than
    ``tolerance_percent`` either way is flagged (exactly the tolerance is not); a part is flagged only
    when it is larger than the whole monitored consumption."""
    if claim is None:
        return MonitoringCheck(NOT_COMPARED, None, monitored_tce, tolerance_percent)
    if monitored_tce is None:
        return MonitoringCheck(NO_DATA, claim, None, tolerance_percent)
    claimed = claim.consumption_tce
    with localcontext(calc_context()):  # one division each, rounded once at the 34th digit
        if claim.scope == WHOLE:
            deviation = (claimed - monitored_tce) * HUNDRED / monitored_tce if monitored_tce else None
            beyond = claimed != 0 if deviation is None else abs(deviation) > tolerance_percent
            return MonitoringCheck(FLAGGED if beyond else CONSISTENT, claim, monitored_tce, tolerance_percent,
                                   deviation_percent=deviation)
        share = claimed * HUNDRED / monitored_tce if monitored_tce else None
    return MonitoringCheck(FLAGGED if claimed > monitored_tce else CONSISTENT, claim, monitored_tce,
                           tolerance_percent, share_percent=share)


# --- a monitored row as a file gives it -------------------------------------------------------------

CREDIT_CODE, YEAR, CONSUMPTION, SOURCE = "credit_code", "year", "consumption_tce", "source"


@dataclass(frozen=True)
class MonitoredRow:
    """One checked row: the enterprise's ``consumption_tce`` (当量值) in ``year``."""

    credit_code: str
    year: int
    consumption_tce: Decimal
    source: str | None = None


def monitored_row(credit_code: Any, year: Any, consumption: Any, source: Any, today: date) -> MonitoredRow:
    """The row from a file's cells (text, or numbers as a workbook holds them): the credit code
    normalised (full-width folded, spaces removed, upper case) and valid (GB 32100), the year a whole
    number from 1990 to ``today``'s, the consumption a number not below 0 (full-width digits and
    thousands separators read, as elsewhere), the source optional text. ``ValidationError`` lists
    every cell refused, each under its field (``CREDIT_CODE`` …)."""
    errors: list[FieldError] = []

    def capture(fn, *args):
        try:
            return fn(*args)
        except ValidationError as error:
            errors.extend(error.field_errors)
            return None

    code = capture(_credit_code, credit_code)
    the_year = capture(_year, year, today)
    tce = capture(_consumption, consumption)
    text = capture(_source, source)
    if errors:
        raise ValidationError(errors)
    return MonitoredRow(code, the_year, tce, text)  # type: ignore[arg-type]


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _credit_code(value: Any) -> str:
    if _blank(value):
        raise ValidationError.single(CREDIT_CODE, N_("is required"))
    if (number := number_cell_problem(value)) is not None:
        raise ValidationError([FieldError(CREDIT_CODE, number)])
    code = normalize_credit_code(str(value))
    try:
        check_credit_code(code)
    except ValidationError as error:  # the same reasons, under this file's field
        raise ValidationError([FieldError(CREDIT_CODE, e.message) for e in error.field_errors]) from None
    return code


def _year(value: Any, today: date) -> int:
    if _blank(value):
        raise ValidationError.single(YEAR, N_("is required"))
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = unicodedata.normalize("NFKC", str(value)).strip()
    if isinstance(value, bool) or not is_ascii_digits(text) or not MIN_YEAR <= int(text) <= today.year:
        raise ValidationError.single(YEAR, N_("must be a year from %(minimum)s to %(maximum)s"),
                                     minimum=MIN_YEAR, maximum=today.year)
    return int(text)


def _consumption(value: Any) -> Decimal:
    if _blank(value):
        raise ValidationError.single(CONSUMPTION, N_("is required"))
    number = decimal_from(without_digit_grouping(value) if isinstance(value, str) else value, CONSUMPTION)
    if number < 0:
        raise ValidationError.single(CONSUMPTION, N_("must not be negative, got “%(value)s”"), value=str(value)[:40])
    return number


def _source(value: Any) -> str | None:
    if _blank(value):
        return None
    text = str(value).strip()
    if "\x00" in text:
        raise ValidationError.single(SOURCE, N_("must not contain the NUL character (U+0000)"))
    if len(text) > MAX_SOURCE_CHARS:
        raise ValidationError.single(SOURCE, N_("must be at most %(maximum)s characters"), maximum=MAX_SOURCE_CHARS)
    return text

