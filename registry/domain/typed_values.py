"""Days and ratios as a clerk types them into a text cell of a workbook (or a CSV), read where
they are unambiguous and refused, saying why, where they are not.

Days: written year first, as clerks in China write them — 2017-09-30, 2017-9-30, 2017/9/30,
2017.9.30, 2017年9月30日 (full-width digits too), perhaps followed by a time (a spreadsheet's
2017/9/30 0:00). A day with the year last (9/30/2017, 30.9.2017) is refused: month and day can be
read either way round (10/9/2017), and a guess would file a project under the wrong month.
A day that does not exist is said not to exist (``registry.domain.days``).

Ratios (efficiencies, load factors: fractions from 0 to 1): 0.75 or 75% (a cell formatted as a
percentage already holds 0.75). Under a header that says its values are in percent (负载率（%）),
75 and 75% are 0.75. A number that fits neither reading for sure — 75 where fractions are meant,
0.75 under a percent header — is refused, never divided or multiplied by 100 on a guess.
"""
from __future__ import annotations

import re
import unicodedata
from datetime import date
from decimal import Decimal

from registry.domain.days import NO_SUCH_MONTH, missing_day
from registry.domain.errors import N_, NOT_A_NUMBER, Message, Month
from registry.domain.numbers import is_numeric_text

# The value refused is not quoted: the line that says the reason shows it (the report's Value column,
# the command line's 高效电机!N3 额定功率（千瓦） = “55千瓦”), once; ``value`` stays among the params
NOT_A_TYPED_DAY = N_("must be a date written year first — 2017-09-30, 2017/9/30, 2017.9.30 or 2017年9月30日")
MONTH_ONLY = N_("lacks the day: %(month)s is a month; write the whole date, as 2017-09-30 or 2017年9月30日")
YEAR_ONLY = N_("lacks the month and the day: %(year)s is a year; write the whole date, as 2017-09-30 or 2017年9月30日")
YEAR_LAST = N_("puts the year last, where the month and the day can be read either way round; "
               "write the year first: 2017-09-30 or 2017年9月30日")
AMBIGUOUS_FRACTION = N_("is ambiguous: this column takes a fraction from 0 to 1, and this number is none; "
                        "write 0.75 or 75%% for 75%%")
AMBIGUOUS_PERCENT = N_("is ambiguous: its header %(header)s takes percentages, and this would be "
                       "%(value)s%%; write 75 or 75%% for 75%%, or head the column without (%%) for fractions")
PERCENT_OUT_OF_RANGE = N_("must be a percentage greater than 0%% and at most 100%%")

_TIME = r"(?:[ T]+[0-9]{1,2}:[0-9]{2}(?::[0-9]{2}(?:\.[0-9]+)?)?)?"
_YEAR_FIRST = (
    re.compile(r"(?P<year>[0-9]{4})\s*(?P<sep>[-/.])\s*(?P<month>[0-9]{1,2})\s*(?P=sep)\s*(?P<day>[0-9]{1,2})" + _TIME),
    re.compile(r"(?P<year>[0-9]{4})\s*年\s*(?P<month>[0-9]{1,2})\s*月\s*(?P<day>[0-9]{1,2})\s*[日号]?" + _TIME),
)
# a month without its day (2024-06, 2024/6, 2024年6月): said to lack the day, not to be in the wrong form
_MONTH_ONLY = re.compile(r"(?P<year>[0-9]{4})\s*(?:[-/.]\s*(?P<month>[0-9]{1,2})|年\s*(?P<month_>[0-9]{1,2})\s*月)")
# a year alone (2024, 2024年; a number cell's 2024): said to lack the month and the day
_YEAR_ONLY = re.compile(r"(?P<year>[0-9]{4})\s*年?")
_YEAR_LAST = re.compile(r"[0-9]{1,2}\s*([-/.])\s*[0-9]{1,2}\s*\1\s*[0-9]{4}" + _TIME)


def typed_day(text: str) -> date | Message:
    """The day ``text`` names, or the message refusing it (``value`` quotes at most 40 characters)."""
    normal = unicodedata.normalize("NFKC", text).strip()  # ２０１７／９／３０ is 2017/9/30
    try:
        return date.fromisoformat(normal[:10])  # as before: 2017-09-30, with anything after it
    except ValueError:
        pass
    for pattern in _YEAR_FIRST:
        written = pattern.fullmatch(normal)
        if written is None:
            continue
        year, month, day = (int(written.group(name)) for name in ("year", "month", "day"))
        if year < 1:
            break
        missing = missing_day(f"{year}-{month}-{day}")  # 2017年2月30日 refused as 2017-02-30 is
        return missing if missing is not None else date(year, month, day)
    if (month_only := _MONTH_ONLY.fullmatch(normal)) and int(month_only["year"]) > 0:
        year, month = int(month_only["year"]), int(month_only["month"] or month_only["month_"])
        return Message(MONTH_ONLY, {"month": Month(year, month)}) if 1 <= month <= 12 else \
            Message(NO_SUCH_MONTH, {"month": month})
    if (year_only := _YEAR_ONLY.fullmatch(normal)) and int(year_only["year"]) > 0:
        return Message(YEAR_ONLY, {"year": int(year_only["year"])})
    if _YEAR_LAST.fullmatch(normal):
        return Message(YEAR_LAST, {"value": text.strip()[:40]})
    return Message(NOT_A_TYPED_DAY, {"value": text.strip()[:40]})


def typed_ratio(text: str, percent_header: str | None = None) -> Decimal | Message:
    """The fraction ``text`` means (75% → 0.75), or the message refusing it. ``percent_header``:
    the column's header when it says its values are percentages (负载率（%）), else None.

    Zero and negative fractions are returned as typed: the accounting refuses them with the
    range every path shares (greater than 0 and at most 1)."""
    normal = unicodedata.normalize("NFKC", text).strip()  # ％ is %
    with_sign = normal.endswith("%")
    digits = normal[:-1].strip() if with_sign else normal
    if not is_numeric_text(digits):
        return Message(NOT_A_NUMBER, {"value": text.strip()[:40]})  # the import words it without the value
    number = Decimal(digits)
    if with_sign or percent_header:
        if not 0 < number <= 100:
            return Message(PERCENT_OUT_OF_RANGE, {"value": text.strip()[:40]})
        if not with_sign and number <= 1:  # 0.75 under 负载率（%）: a fraction typed, or 0.75 %?
            return Message(AMBIGUOUS_PERCENT, {"header": percent_header, "value": text.strip()[:40]})
        return number.scaleb(-2)
    if number > 1:  # 75 where 0.75 is meant: 75 %, or a slip for 0.75 or 7.5?
        return Message(AMBIGUOUS_FRACTION, {"value": text.strip()[:40]})
    return number
