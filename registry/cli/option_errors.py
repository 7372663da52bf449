"""A service's refusal of what a command was given, in the words its user typed.

The services name a refused field as the web and the API do (``year``, ``area_min``,
``district_code``); on the command line the user gave it as an option or an argument. Where a field
of a ``ValidationError`` is a parameter the command was given — by the parameter's name, or by the
command's ``fields`` (field → parameter) where the service's name differs; not one left to its
default, since a file's document may hold a field of an option's name (a correction's "version") —
the line names an option by its first long flag (``--year``) and an argument by its name in the
usage line (``VALUE``), and quotes the value given, as a refused value is quoted everywhere, unless
the problem quotes it already (必须是数字，实际为“20x”); a repeated option given several times quotes the
one the service refused, where its ``FieldError`` says which (``value``):
错误：--year 为“1999”：必须是 {MIN_YEAR} 至 {MAX_YEAR} 之间的年份 (see years.py). Other fields (a file's rows, a document's
paths) keep their names. docs/development.md, "Decisions"."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time
from decimal import Decimal
from pathlib import PurePath
from typing import Mapping

import click
from click.core import ParameterSource

from registry.domain.errors import N_, FieldError, Show, Translate, ValidationError, _identity

OPTION_GIVEN = N_("%(option)s “%(value)s”: %(problem)s")
QUOTED_LENGTH = 40  # characters of a value quoted, as the problems quote theirs (numbers.year_number)


@dataclass(frozen=True)
class Given:
    """A parameter as its user knows it: ``--year`` or ``VALUE``, and the value given as text
    (``None`` for one that is no single text: a repeated option's several values — the refusal's
    ``FieldError.value`` says which one it refused —, a flag, an open file)."""

    name: str
    value: str | None


class RefusedOptions(ValidationError):
    """The service's ``ValidationError``, its fields that are the command's parameters named as given."""

    def __init__(self, error: ValidationError, given: Mapping[str, Given]) -> None:
        super().__init__(error.field_errors, record=error.record)
        self.given = dict(given)

    def line(self, error: FieldError, gettext: Translate = _identity, show: Show | None = None) -> str:
        given = self.given.get(error.field)
        if given is None:
            return super().line(error, gettext, show)
        problem = error.render(gettext, show)
        # a repeated option's value is the one the service says it refused (FieldError.value)
        value = given.value if given.value is not None else error.value and error.value[:QUOTED_LENGTH]
        if value is None or any(f"“{text}”" in problem for text in (value, value.strip())):
            return gettext(N_("%(field)s: %(problem)s")) % {"field": given.name, "problem": problem}
        return gettext(OPTION_GIVEN) % {"option": given.name, "value": value, "problem": problem}


def _name(param: click.Parameter) -> str:
    if isinstance(param, click.Option):
        return next((flag for flag in param.opts if flag.startswith("--")), param.opts[0])
    return param.human_readable_name


def _text(value: object) -> str | None:
    if isinstance(value, tuple) and len(value) == 1:  # an option that may be repeated, given once
        value = value[0]
    if isinstance(value, datetime) and value.time() == time(0, 0) and value.tzinfo is None:
        value = value.date()  # a date option (click.DateTime as YYYY-MM-DD) as it was typed: 2026-12-31
    if isinstance(value, (date, datetime)):
        return value.isoformat(sep=" ") if isinstance(value, datetime) else value.isoformat()
    if isinstance(value, bool) or not isinstance(value, (str, int, Decimal, PurePath)):
        return None
    return str(value)[:QUOTED_LENGTH]


def named_as_given(error: ValidationError, ctx: click.Context, fields: Mapping[str, str]) -> ValidationError:
    """``error`` with its fields that are ``ctx``'s command's parameters named as given; itself when none is."""
    params = {param.name: param for param in ctx.command.get_params(ctx)
              if ctx.get_parameter_source(param.name) not in (None, ParameterSource.DEFAULT, ParameterSource.DEFAULT_MAP)}
    given = {}
    for field_error in error.field_errors:
        param = params.get(fields.get(field_error.field, field_error.field))
        if param is not None:
            given[field_error.field] = Given(_name(param), _text(ctx.params.get(param.name)))
    return RefusedOptions(error, given) if given else error
