"""The registry's small vocabulary of errors, raised by the domain and the services.

Messages are English msgids plus parameters, never pre-rendered text: the edges (web, API,
CLI) translate them with the user's locale (``gettext(msgid) % params``), so the domain stays
free of Flask and Babel. Mark msgids with ``N_`` so Babel's extractor finds them.

A parameter that reads differently per reader is a value object: ``DistrictRef`` (a district is
known by its name, which lives in the database), ``Bilingual`` (reference text stored in both
languages), ``Number`` (a figure in the reader's number format), ``Day``, ``Month`` and ``Moment`` (a date,
a month, a time in the reader's date format: 2026年12月5日, Dec 5, 2026). The edges present them with
``render(gettext, show)``; without ``show`` they read as the code, in English where recorded, as
grouped digits and as ISO dates.
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
# whose quotes and escapes are a programmer's).
NOT_A_NUMBER = N_("must be a number, got “%(value)s”")
NOT_A_DAY = N_("must be a date as YYYY-MM-DD, got “%(value)s”")

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


class RegistryError(Exception):
    """Base of every error the registry raises on purpose (never a bug)."""

    def __init__(self, msgid: str, **params: Any) -> None:
        self.message = Message(msgid, params)
        super().__init__(self.message.render())

    def render(self, gettext: Translate = _identity, show: Show | None = None) -> str:
        return self.message.render(gettext, show)


class NotFound(RegistryError):
    """The thing asked for does not exist (or is invisible to the user)."""


class PermissionDenied(RegistryError):
    """The user may not do this."""


class Conflict(RegistryError):
    """The request clashes with the stored state (duplicate key, stale version)."""


@dataclass(frozen=True)
class FieldError:
    """One problem with one field; ``field`` is a path such as ``motors[0].efficiency_before``."""

    field: str
    message: Message

    def render(self, gettext: Translate = _identity, show: Show | None = None) -> str:
        return self.message.render(gettext, show)


class ValidationError(RegistryError):
    """Input that breaks a rule; carries one or more field errors."""

    def __init__(self, field_errors: list[FieldError], record: str | None = None) -> None:
        if not field_errors:
            raise ValueError("ValidationError needs at least one FieldError")
        self.field_errors = list(field_errors)
        self.record = record
        first = self.field_errors[0]
        super().__init__(N_("%(field)s: %(problem)s"), field=first.field, problem=first.render())

    @classmethod
    def single(cls, field: str, msgid: str, record: str | None = None, **params: Any) -> "ValidationError":
        return cls([FieldError(field, Message(msgid, params))], record=record)

    def render(self, gettext: Translate = _identity, show: Show | None = None) -> str:
        """Every problem as "field: problem", joined by "; " — in the punctuation of ``gettext``'s
        language (字段：问题；…), under the record's name when there is one."""
        text = gettext("; ").join(gettext(N_("%(field)s: %(problem)s")) % {"field": e.field, "problem": e.render(gettext, show)}
                                  for e in self.field_errors)
        return gettext(N_("%(label)s: %(value)s")) % {"label": self.record, "value": text} if self.record else text


class InvalidGeometry(ValidationError):
    """A geometry that cannot be stored (invalid, empty, outside the allowed area)."""


@dataclass(frozen=True)
class Refusal:
    """One project of an all-or-nothing batch that cannot take the step: where the request named it
    (``projects[2]``), the project as its reader knows it (reference and name; ``None`` where the
    reader may not see it) and why."""

    path: str
    project_id: int
    reference: str | None
    title: str | None
    error: RegistryError

    @property
    def label(self) -> str:
        """What names the project in a list of refusals: its reference, else its id."""
        return self.reference or f"#{self.project_id}"


class BatchRefused(Conflict):
    """Projects of a batch were refused, so nothing was changed; ``refusals`` says which and why,
    in the order the request named them."""

    def __init__(self, refusals: list[Refusal], selected: int, step: Message) -> None:
        self.refusals = tuple(refusals)
        super().__init__(N_("Nothing was changed: %(refused)d of the %(selected)d selected projects cannot take "
                            "the step “%(step)s”."),
                         refused=len(self.refusals), selected=selected, step=step)


@dataclass(frozen=True)
class RefusedFile:
    """One file of an all-or-nothing upload that cannot be stored: its name as given, and why."""

    file_name: str
    error: RegistryError

    @property
    def label(self) -> str:
        return self.file_name


class FilesRefused(Conflict):
    """Files of an upload of several were refused, so none was stored (the upload clashes as a whole,
    as a batch of steps does); ``refusals`` says which and why, in the order they were given."""

    def __init__(self, refusals: list[RefusedFile], given: int) -> None:
        self.refusals = tuple(refusals)
        super().__init__(N_("Nothing was added: %(refused)d of the %(given)d files cannot be added."),
                         refused=len(self.refusals), given=given)
