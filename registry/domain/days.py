"""Why a typed day is refused, in the words of what is wrong with it.

2017-02-30 has the shape of a day but names one that does not exist: it is refused as such —
2017年2月没有30日 / February 2017 has no day 30 — not as a date in the wrong format, which
sent users looking for a format mistake they had not made. Every path that reads a day (the
forms, the imports, the API, the CLI) asks ``day_refusal`` for its message, so each case has one
wording; the format's own message stays each path's (it says the format that path takes).
"""
from __future__ import annotations

import calendar
import re
from typing import Any

from registry.domain.errors import N_, Message, Month

NO_SUCH_DAY = N_("%(month)s has no day %(day)s")
NO_SUCH_MONTH = N_("a year has no month %(month)s")
# YYYY-MM-DD, or with / or . (2017/2/30, as the calendar fields read one: static/js/dates.js),
# perhaps followed by a time (a spreadsheet's 2017-02-30 00:00:00)
_SHAPED_AS_A_DAY = re.compile(r"(\d{4})([-/.])(\d{1,2})\2(\d{1,2})(?:[ T].*)?", re.DOTALL)


def day_refusal(text: Any, msgid: str, **params: Any) -> Message:
    """The message refusing ``text`` as a day: that its month or day does not exist when it is
    written as a day (2017-02-30, 2017-13-01, 2017/2/30), else ``msgid`` with ``params``."""
    missing = missing_day(text)
    return missing if missing is not None else Message(msgid, params)


def missing_day(text: Any) -> Message | None:
    """For text written as a day whose month or day does not exist, the message saying so."""
    shaped = _SHAPED_AS_A_DAY.fullmatch(str(text).strip())
    if shaped is None:
        return None
    year, month, day = (int(shaped.group(n)) for n in (1, 3, 4))
    if year < 1:
        return None  # no year 0 in the calendar: a format slip more likely than a day to correct
    if not 1 <= month <= 12:
        return Message(NO_SUCH_MONTH, {"month": month})
    if not 1 <= day <= calendar.monthrange(year, month)[1]:
        return Message(NO_SUCH_DAY, {"month": Month(year, month), "day": day})
    return None
