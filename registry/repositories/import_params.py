"""The parameters of an import's problems that name something the reader reads in their own words —
a district, a month, a day, a vocabulary's choices — stored tagged in the problem's jsonb, so that a
rule stays one set-based statement (registry/repositories/imports.py), and read back by ``read_param``."""
from __future__ import annotations

from datetime import date
from typing import Any

from registry.domain.errors import Day, DistrictRef, Listed, Month
from registry.domain.vocabulary import LAND_USE_CLASSES, PARCEL_STATUSES, ZONE_KINDS, named_choices

# A district named in a problem's params: its code, tagged, so the message gets a DistrictRef
# (shown by its name in the reader's language) while the rule stays one set-based statement.
_DISTRICT_TAG = "$district"


def district_param(code_sql: str) -> str:
    """The jsonb of a district parameter whose code is ``code_sql`` (NULL: no district)."""
    return f"jsonb_build_object('{_DISTRICT_TAG}', {code_sql})"


_MONTH_TAG = "$month"  # a month named in a problem (a day not in it), as 'YYYY-MM', tagged likewise: a Month


def month_param(year_month_sql: str) -> str:
    """The jsonb of a month parameter whose 'YYYY-MM' is ``year_month_sql``."""
    return f"jsonb_build_object('{_MONTH_TAG}', {year_month_sql})"


_DAY_TAG = "$day"  # a day named in a problem (today, for a day in the future), as 'YYYY-MM-DD': a Day


def day_param(day_sql: str) -> str:
    """The jsonb of a day parameter whose date is ``day_sql``."""
    return f"jsonb_build_object('{_DAY_TAG}', ({day_sql})::text)"


# The vocabulary of a field whose value is unknown, named in the problem's params by its name, tagged,
# so the message lists what the value could have been by the choices' labels with their codes
# (一类工业用地（M1）、…; 使用中（in_use）、…), as the other vocabularies' refusals do: bare codes (M1, M2…)
# left a clerk to guess what each meant.
_CHOICES_TAG = "$choices"
VOCABULARIES = {"land_use_class": LAND_USE_CLASSES, "parcel_status": PARCEL_STATUSES, "zone_kind": ZONE_KINDS}


def choices_param(vocabulary: str) -> str:
    """The jsonb of the choices of ``vocabulary`` (a key of ``VOCABULARIES``)."""
    if vocabulary not in VOCABULARIES:
        raise ValueError(f"not a vocabulary of imports: {vocabulary!r}")
    return f"jsonb_build_object('{_CHOICES_TAG}', '{vocabulary}')"


def read_param(value: Any) -> Any:
    """A parameter of a problem as stored (jsonb) → what its message names."""
    if isinstance(value, list):  # things listed: joined with the reader's list separator
        return Listed(tuple(value))
    if isinstance(value, dict) and _CHOICES_TAG in value:
        return named_choices(VOCABULARIES[value[_CHOICES_TAG]])
    if isinstance(value, dict) and _MONTH_TAG in value:
        return Month(*map(int, value[_MONTH_TAG].split("-")))
    if isinstance(value, dict) and _DAY_TAG in value:
        return Day(date.fromisoformat(value[_DAY_TAG]))
    return DistrictRef(value[_DISTRICT_TAG]) if isinstance(value, dict) and _DISTRICT_TAG in value else value
