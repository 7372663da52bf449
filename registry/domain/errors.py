"""The registry's small vocabulary of errors, raised by the domain and the services.

Each carries a ``Message`` (``registry.domain.messages``: an English msgid plus parameters, rendered
by the edges in the user's language). The message vocabulary is re-exported here, since most modules
that raise an error also mark its msgid: ``from registry.domain.errors import N_, ValidationError``.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from registry.domain.messages import (
    N_, NOT_A_DAY, NOT_A_DISTRICT_CODE, NOT_A_NUMBER, NOT_A_WHOLE_NUMBER, UNKNOWN_VALUE, Bilingual, Day, DistrictRef, Listed, Message,
    Moment, Month, Number, Show, Translate, _identity,
)

__all__ = [
    "N_", "NOT_A_DAY", "NOT_A_DISTRICT_CODE", "NOT_A_NUMBER", "NOT_A_WHOLE_NUMBER", "UNKNOWN_VALUE", "Bilingual", "Day", "DistrictRef",
    "Listed", "Message", "Moment", "Month", "Number", "Show", "Translate",
    "RegistryError", "NotFound", "PermissionDenied", "Conflict", "FieldError", "ValidationError", "InvalidGeometry",
    "Refusal", "BatchRefused", "RefusedFile", "FilesRefused",
]


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
    # The value refused where the field was given several (a repeated option's): so that who names the
    # field can quote which one (cli/option_errors.py); None where the message quotes it or it had one.
    value: str | None = None

    def render(self, gettext: Translate = _identity, show: Show | None = None) -> str:
        return self.message.render(gettext, show)


# The field of a problem of a file as a whole (a workbook without its sheets, a CSV without its header):
# a word, said in the reader's language (文件：…), where other fields are paths (motors[0].efficiency)
WHOLE_FILE = N_("file")


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
        text = gettext("; ").join(self.line(e, gettext, show) for e in self.field_errors)
        return gettext(N_("%(label)s: %(value)s")) % {"label": self.record, "value": text} if self.record else text

    def line(self, error: FieldError, gettext: Translate = _identity, show: Show | None = None) -> str:
        """One problem as "field: problem" (字段：问题)."""
        field = gettext(error.field) if error.field == WHOLE_FILE else error.field  # 文件 in Chinese
        return gettext(N_("%(field)s: %(problem)s")) % {"field": field, "problem": error.render(gettext, show)}


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
