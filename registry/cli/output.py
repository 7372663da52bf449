"""What the commands on projects and documents share: ``--as USER``, lines in the CLI's language
(REGISTRY_LANG, else LANG) with the pages' number and date formats, and JSON for scripts."""
from __future__ import annotations

from dataclasses import asdict, is_dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any

import click

from registry.cli import cli_presenter
from registry.clock import local
from registry.domain.errors import N_, Day, Message, Moment, Number
from registry.domain.json_text import dump_json
from registry.domain.presentation import places_of
from registry.domain.units import UNIT_LABELS, after_figure
from registry.i18n import cli_translator

NOTHING = "—"


def acting_as(required: bool, help: str):  # noqa: A002 (click's name)
    """``--as USER`` (also spelt ``--as-user``, as ``registry import`` and ``export`` take it): the
    registry user the command acts for, held to their role and district, named in the audit trail."""
    return click.option("--as", "--as-user", "as_user", required=required, metavar="USER", help=help)


def text(msgid: str, **params: Any) -> str:
    """A message in the CLI's language, its values as the pages show them (districts by name, figures
    grouped, days as 2026年12月5日 or Dec 5, 2026)."""
    return Message(msgid, params).render(cli_translator(), cli_presenter())


def say(msgid: str, **params: Any) -> None:
    click.echo(text(msgid, **params))


def name(msgid: str) -> str:
    """A vocabulary's name (a status, a kind, an action) in the CLI's language."""
    return cli_translator()(msgid)


def labelled(label: str, value: str) -> str:
    """"label: value" (label：value in Chinese), ``label`` a msgid."""
    return text(N_("%(label)s: %(value)s"), label=Message(label), value=value)


def number(value: Decimal | float, places: int) -> str:
    """A number grouped and rounded half up to ``places``, in the CLI's locale."""
    return cli_presenter()(Number(value, places))


def figure(value: Decimal | float | None, unit: str, with_unit: bool = True) -> str:
    """A computed figure rounded by its unit (0.01 tce, 1 kWh) with its unit's label (unless its label
    names the unit already), as pages show it."""
    if value is None:
        return NOTHING
    if not with_unit:
        return number(value, places_of(unit))
    return f"{number(value, places_of(unit))} {after_figure(name(UNIT_LABELS[unit]) if unit in UNIT_LABELS else unit)}"


def day(value: date | None) -> str:
    return cli_presenter()(Day(value)) if value else NOTHING


def moment(value: datetime | None) -> str:
    return cli_presenter()(Moment(value)) if value else NOTHING


def _plain(value: Any) -> Any:
    if isinstance(value, datetime):
        return local(value).isoformat(timespec="seconds")
    if isinstance(value, date):
        return value.isoformat()
    if is_dataclass(value) and not isinstance(value, type):
        return asdict(value)
    raise TypeError(f"Object of type {type(value).__name__} is not JSON serializable")


def echo_json(value: Any) -> None:
    """``value`` as JSON on stdout: every digit of a Decimal, instants in Beijing time (ISO 8601)."""
    click.echo(dump_json(value, default=_plain, ensure_ascii=False, indent=2))
