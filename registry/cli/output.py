"""What the commands on projects and documents share: ``--as USER``, lines in the CLI's language
(REGISTRY_LANG, else LANG) with the pages' number and date formats, and JSON for scripts."""
from __future__ import annotations

import csv
import io
from dataclasses import asdict, is_dataclass
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any, BinaryIO, Callable, Iterable, Sequence, TypeVar

import click

from registry.cli import cli_presenter
from registry.clock import local
from registry.domain.errors import N_, Day, DistrictRef, Message, Moment, Number
from registry.domain.json_text import dump_json
from registry.domain.presentation import places_of
from registry.domain.units import UNIT_LABELS, after_figure
from registry.i18n import cli_translator
from registry.services.spreadsheet_cells import csv_rows

T = TypeVar("T")
NOTHING = "—"
LIST_FORMATS = ("table", "json", "csv")
# What a dataset file, the demo or an import holds, by section (LoadReport's keys, import targets).
RECORD_KINDS = {"districts": N_("Districts"), "zones": N_("Zones"), "parcels": N_("Parcels"),
                "enterprises": N_("Enterprises"), "projects": N_("Projects"), "targets": N_("Targets"),
                "subsidies": N_("Subsidies"), "monitoring": N_("Monitored figures"),
                "users": N_("User accounts"), "parcel_outputs": N_("Parcel outputs")}  # the demo's last two


def acting_as(required: bool, help: str):  # noqa: A002 (click's name)
    """``--as USER`` (also spelt ``--as-user``, as ``registry import`` and ``export`` first took it): the
    registry user the command acts for, held to their role and district, named in the audit trail. The
    one definition of the option: every command acting for a user takes it from here."""
    return click.option("--as", "--as-user", "as_user", required=required, metavar="USER", help=help)


def text(msgid: str, **params: Any) -> str:
    """A message in the CLI's language, its values as the pages show them (districts by name, figures
    grouped, days as 2026年12月5日 or Dec 5, 2026)."""
    return message_text(Message(msgid, params))


def message_text(message: Message) -> str:
    """A message built elsewhere (the local cluster's status) as ``text`` says it."""
    return message.render(cli_translator(), cli_presenter())


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


def nobody(username: str | None) -> str:
    """Who acted, as the history names them: the user name, or "system" (a load, an import, the CLI)."""
    return username or name(N_("system"))


def district_label(ref: DistrictRef | str | None) -> str:
    """A district as a person reads it and types it into ``--district``: 浦东新区（310115）, Pudong New
    Area (310115); its code alone where it has no name, "—" for none. A ``DistrictRef`` with its
    names saves a look-up per line (a list: ``services.geodata.district_names`` once)."""
    ref = DistrictRef(ref) if isinstance(ref, str) else ref
    if ref is None or not ref.code:
        return NOTHING
    shown = cli_presenter()(ref)
    return shown if shown == ref.code else noted(shown, ref.code)


def noted(words: str, note: str | None) -> str:
    """"words (note)" in the CLI's language (words（note）in Chinese); ``words`` alone without a note."""
    return text(N_("%(text)s (%(note)s)"), text=words, note=note) if note else words


def coded(vocabulary: dict[str, str], code: str | None) -> str:
    """A code by its vocabulary's name in the CLI's language; a code the vocabulary lacks as it is."""
    if code is None:
        return NOTHING
    return name(vocabulary[code]) if code in vocabulary else code


_KB, _MB = 1024, 1024 * 1024


def file_size(size_bytes: int) -> str:
    """A file's size as the project page shows it: 8.5 KB, 820 KB, 1.2 MB (of 1,024 and 1,048,576 bytes)."""
    if size_bytes < _MB:
        kb = max(Decimal(size_bytes) / _KB, Decimal("0.1"))
        return f"{number(kb, 1 if size_bytes < 10 * _KB else 0)} KB"
    return f"{number(Decimal(size_bytes) / _MB, 1)} MB"


def unit_name(code: str) -> str:
    """A unit in the CLI's language as the pages label it (千瓦时 / kWh), each side of a compound unit
    alike (千克标准煤/千瓦时); a unit the registry does not know as it is."""
    return "/".join(name(UNIT_LABELS[part]) if part in UNIT_LABELS else part for part in code.split("/"))


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


def list_format():
    """``--format table|json|csv`` of a list command: lines in the CLI's language, or for scripts
    the API's keys and codes (JSON, or CSV with a header of keys), the same in every language."""
    return click.option("--format", "fmt", type=click.Choice(LIST_FORMATS), default="table", show_default=True,
                        help=N_("table: one line each, in REGISTRY_LANG's language; json, csv: keys and "
                                "codes, for scripts."))


def echo_list(fmt: str, body: dict[str, Any], keys: Sequence[str], csv_items: Iterable[dict[str, Any]],
              lines: Iterable[str], more: str, empty: str) -> None:
    """A list command's answer in ``fmt``: ``body`` (``total`` and ``items``) as JSON, ``csv_items``
    under a header of ``keys``, or ``lines``; then, unless JSON (whose ``total`` says it), the
    message ``more`` (with ``shown`` and ``total``) on stderr when the list holds fewer than match.
    Lines of an empty list are the message ``empty`` on stderr (``echo_lines``)."""
    if fmt == "json":
        echo_json(body)
        return
    if fmt == "csv":
        echo_csv(keys, csv_items)
    else:
        echo_lines(lines, empty)
    if body["total"] > len(body["items"]):
        click.echo(text(more, shown=len(body["items"]), total=body["total"]), err=True)


def echo_lines(lines: Iterable[str], empty: str) -> None:
    """``lines`` on stdout, or ``empty`` on stderr when there are none: nothing at all read as a command
    that did not run, and stdout stays empty for a script counting its lines (as the page says it)."""
    said = False
    for line in lines:
        click.echo(line)
        said = True
    if not said:
        click.echo(text(empty), err=True)


def echo_csv(keys: Sequence[str], rows: Iterable[dict[str, Any]]) -> None:
    """``rows`` as CSV on stdout under a header of ``keys``: numbers with every digit, true/false, text
    a spreadsheet would run as a formula behind an apostrophe (services/spreadsheet_cells.py)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(keys)
    writer.writerows(csv_rows([_csv_value(row[key]) for key in keys] for row in rows))
    click.echo(out.getvalue(), nl=False)


def _csv_value(value: Any) -> Any:
    if isinstance(value, bool):
        return "true" if value else "false"
    return "" if value is None else value


def output_option():
    """``-o/--output OUTPUT`` of an export command (``written_whole`` writes it): OUTPUT, as the commands'
    help texts name it."""
    return click.option("-o", "--output", type=click.Path(dir_okay=False, writable=True, path_type=Path), required=True,
                        metavar="OUTPUT", help=N_("File to write (replaced if it exists)."))


def written_whole(output: Path, write: Callable[[BinaryIO], T]) -> T:
    """``write`` into a file beside ``output``, which then replaces it: a refusal or a failure leaves no
    half-written ``output`` (nor the partial file)."""
    partial = output.with_name(output.name + ".part")
    try:
        with partial.open("wb") as out:
            written = write(out)
        partial.replace(output)
    finally:
        partial.unlink(missing_ok=True)
    return written
