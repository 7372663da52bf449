"""The registry's small vocabulary of errors, raised by the domain and the services.

Messages are English msgids plus parameters, never pre-rendered text: the edges (web, API,
CLI) translate them with the user's locale (``gettext(msgid) % params``), so the domain stays
free of Flask and Babel. Mark msgids with ``N_`` so Babel's extractor finds them.

A parameter that reads differently per reader is a value object: ``DistrictRef`` (a district is
known by its name, which lives in the database) and ``Number`` (a figure in the reader's number
format). The edges present them with ``render(gettext, show)``; without ``show`` they read as
the code and as grouped digits.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, Callable, Mapping


def N_(msgid: str) -> str:
    """Mark a string for translation without translating it (gettext's ``N_`` idiom)."""
    return msgid


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
    """A figure named in a message (a bound, a limit), shown in the reader's number format."""

    value: Decimal | int

    def __str__(self) -> str:
        return format(Decimal(self.value), ",f")


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

        def value(param: Any) -> Any:
            if isinstance(param, Message):
                return param.render(gettext, show)
            return show(param) if show else param

        return text % {k: value(v) for k, v in self.params.items()}

    @property
    def district_codes(self) -> set[str]:
        """The codes of the districts the message names (to look their names up)."""
        return {v.code for v in self.params.values() if isinstance(v, DistrictRef) and v.code}

    def with_district_names(self, names: Mapping[str, tuple[str, str]]) -> "Message":
        """The message with the names of its districts (code → (Chinese, English)) where known."""
        params = {k: DistrictRef(v.code, names.get(v.code or "", v.names)) if isinstance(v, DistrictRef) else v
                  for k, v in self.params.items()}
        return Message(self.msgid, params)


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
        prefix = f"{self.record}: " if self.record else ""
        return prefix + "; ".join(f"{e.field}: {e.render(gettext, show)}" for e in self.field_errors)


class InvalidGeometry(ValidationError):
    """A geometry that cannot be stored (invalid, empty, outside the allowed area)."""
