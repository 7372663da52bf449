"""Messages: what the registry says, as English msgids plus parameters, never pre-rendered text.

The edges (web, API, CLI) translate them with the user's locale (``gettext(msgid) % params``), so the
domain stays free of Flask and Babel. Mark msgids with ``N_`` so Babel's extractor finds them.

A parameter that reads differently per reader is a value object: ``DistrictRef`` (a district is
known by its name, which lives in the database), ``Bilingual`` (reference text stored in both
languages), ``Number`` (a figure in the reader's number format), ``Day``, ``Month`` and ``Moment`` (a date,
a month, a time in the reader's date format: 2026年12月5日, Dec 5, 2026). The edges present them with
``render(gettext, show)``; without ``show`` they read as the code, in English where recorded, as
grouped digits and as ISO dates.

The errors that carry these messages are ``registry.domain.errors`` (which re-exports these names, so
``from registry.domain.errors import N_, Message`` keeps working).
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal
from typing import Any, Callable, Mapping


def N_(msgid: str) -> str:
    """Mark a string for translation without translating it (gettext's ``N_`` idiom)."""
    return msgid


# A value that is none of a closed list's (a filter's kind, a format, an import's land use), said one
# way everywhere: the value in the reader's quotation marks (it may be empty, hold spaces or be a
# number), then the list it could have been (docs/development.md, "Decisions").
UNKNOWN_VALUE = N_("unknown value “%(value)s” (allowed: %(allowed)s)")
# A number or a day that does not read as one, the value quoted the same way (never Python's repr,
# whose quotes and escapes are a programmer's). Every refusal quotes the value it refuses so, as sent
# (不能为负数，实际为“-5”); counts, bounds and the registry's own names stand bare (docs/development.md,
# "Decisions", "A refused value is quoted").
NOT_A_NUMBER = N_("must be a number, got “%(value)s”")
NOT_A_DAY = N_("must be a date as YYYY-MM-DD, got “%(value)s”")
NOT_A_WHOLE_NUMBER = N_("must be a whole number, got “%(value)s”")
# a district code that is none, quoted: among several given, which one is wrong
NOT_A_DISTRICT_CODE = N_("must be a 6-digit GB/T 2260 code, got “%(value)s”")
# The same refusals as an imported file's line says them: the line shows the value (the report's 值
# column, the page's Value column, the command line's 用地性质 = “M9”), so its reason does not quote it again
NOT_ON_THE_LIST = N_("is not one of the list (allowed: %(allowed)s)")
NO_SUCH_DISTRICT_CODE = N_("no district has this code")

# The reference page's title (web/reference.py): the page an unknown energy's refusal and a rollup's
# note on a year without an equal value send the reader to.
REFERENCE_PAGE = N_("Factors and equal values")

Translate = Callable[[str], str]
Show = Callable[[Any], Any]  # a parameter's value as the reader reads it (DistrictRef → its name)


def _identity(msgid: str) -> str:
    return msgid


@dataclass(frozen=True)
class DistrictRef:
    """A district named in a message. The domain knows its code; whoever holds the districts table
    may add its ``names`` (Chinese, English), else the edge's ``show`` looks them up."""

    code: str | None
    names: tuple[str, str] | None = None

    def __str__(self) -> str:
        return self.code or "-"


@dataclass(frozen=True)
class Number:
    """A figure named in a message (a bound, a limit, an area), shown in the reader's number
    format: with ``places`` decimals (rounded half up) when given, else as it was given."""

    value: Decimal | int | float
    places: int | None = None

    def __str__(self) -> str:
        number = Decimal(str(self.value)) if isinstance(self.value, float) else Decimal(self.value)
        if self.places is None:
            return format(number, ",f")
        return format(number.quantize(Decimal(1).scaleb(-self.places), rounding=ROUND_HALF_UP), ",f")


@dataclass(frozen=True)
class Day:
    """A calendar day named in a message, shown in the reader's date format."""

    value: date

    def __str__(self) -> str:
        return self.value.isoformat()


@dataclass(frozen=True)
class Month:
    """A month of a year named in a message (a day that does not exist in it), shown in the
    reader's words: 2017年2月, February 2017."""

    year: int
    month: int

    def __str__(self) -> str:
        return f"{self.year:04d}-{self.month:02d}"


@dataclass(frozen=True)
class Moment:
    """An instant named in a message (aware), shown in the registry's time zone in the reader's format."""

    value: datetime

    def __str__(self) -> str:
        return self.value.isoformat(timespec="minutes")


@dataclass(frozen=True)
class Bilingual:
    """Reference data stored in both languages (a factor's source), not in the catalogue: the
    reader's locale picks it (the edges' ``show``), the Chinese where no English was recorded.
    Without a presenter it reads as the msgids do, in English where recorded."""

    chinese: str
    english: str | None = None

    def text(self, english: bool) -> str:
        """The text for a reader of English (``english``) or of Chinese."""
        return self.english if english and self.english else self.chinese

    def __str__(self) -> str:
        return self.text(english=True)


@dataclass(frozen=True)
class Listed:
    """Things named in a message one after another (fields by their names), joined with the
    reader's list separator: 项目名称、投资 / Project name, Investment."""

    items: tuple[Any, ...]

    def __str__(self) -> str:
        return ", ".join(str(item.msgid if isinstance(item, Message) else item) for item in self.items)


@dataclass(frozen=True)
class Message:
    """A translatable message: a msgid with ``%(name)s`` placeholders and their values."""

    msgid: str
    params: Mapping[str, Any] = field(default_factory=dict)

    def render(self, gettext: Translate = _identity, show: Show | None = None) -> str:
        """The text in the language of ``gettext``; a parameter that is a message itself (a name
        from a vocabulary) is translated too."""
        text = gettext(self.msgid)
        if not self.params:
            return text
        params = dict(self.params)
        if show is not None:
            text = _numbers_as_figures(text, params)

        def value(param: Any) -> Any:
            if isinstance(param, Message):
                return param.render(gettext, show)
            if isinstance(param, Listed):
                return gettext(", ").join(str(value(item)) for item in param.items)
            return show(param) if show else param

        return text % {k: value(v) for k, v in params.items()}

    @property
    def district_codes(self) -> set[str]:
        """The codes of the districts the message names (to look their names up)."""
        return {v.code for v in self.params.values() if isinstance(v, DistrictRef) and v.code}

    def with_district_names(self, names: Mapping[str, tuple[str, str]]) -> "Message":
        """The message with the names of its districts (code → (Chinese, English)) where known."""
        params = {k: DistrictRef(v.code, names.get(v.code or "", v.names)) if isinstance(v, DistrictRef) else v
                  for k, v in self.params.items()}
        return Message(self.msgid, params)


_NUMBER_PLACEHOLDER = re.compile(r"%\((\w+)\)(?:\.(\d+)f|d)")


def _numbers_as_figures(text: str, params: dict[str, Any]) -> str:
    """``text`` with its number placeholders (``%(area).0f``, ``%(count)d``) made ``%(area)s`` and
    their values ``Number``s of those places, so the reader's format groups their digits as it
    does any figure (12,345 m², not 12345 m²). Only for a presenter: the bare render stays Python's."""

    def figure(match: re.Match[str]) -> str:
        name, places = match.group(1), match.group(2)
        number = params.get(name)
        if isinstance(number, bool) or not isinstance(number, (int, float, Decimal)):
            return match.group(0)
        if isinstance(number, float) and not math.isfinite(number):
            return match.group(0)
        if isinstance(number, Decimal) and not number.is_finite():
            return match.group(0)
        params[name] = Number(number, int(places) if places else 0)
        return f"%({name})s"

    return _NUMBER_PLACEHOLDER.sub(figure, text)
