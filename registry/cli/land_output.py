"""``registry land output``: the land-output report (土地产出, ``/land/output``) as Excel, CSV or
JSON with every line — every parcel at the parcel level, where the page shows 500 — through the
page's download (``services.land_output_exports``), an entry of the audit trail; as the user
``--as`` names, else the system administrator."""
from __future__ import annotations

from pathlib import Path

import click

from registry.cli.context import session_scope
from registry.cli.output import acting_as, text, written_whole
from registry.cli.projects import reader
from registry.cli.translated import group
from registry.domain.errors import N_
from registry.domain.land_output import LEVELS, SORTS, own_order
from registry.i18n import cli_locale, cli_translator
from registry.services import land_output_exports


@group("land", help=N_("Land: the land-output report (docs/freed-land.md, \"Land output\")."))
def land() -> None:
    pass


@land.command("output", help=N_("Write the land-output report of a year (亿元/km², with the year before) with every "
                                "line, at the parcel level every parcel, headers in REGISTRY_LANG's language."))
@click.option("--year", type=int, help=N_("The year (default: the latest with recorded outputs)."))
@click.option("--level", type=click.Choice(list(LEVELS)), default="district", show_default=True)
@click.option("--sort", type=click.Choice(SORTS),
              help=N_("The column to sort by, as the page's (default: the level's own order; parcels by land output, "
                      "the highest first)."))
@click.option("--dir", "direction", type=click.Choice(["asc", "desc"]),
              help=N_("asc or desc (default: asc when --sort is given)."))
@click.option("--format", "fmt", type=click.Choice(list(land_output_exports.FORMATS)), default="json",
              show_default=True)
@click.option("-o", "--output", type=click.Path(dir_okay=False, allow_dash=True, path_type=Path), default="-",
              help=N_("File to write (replaced if it exists; default: stdout)."))
@acting_as(False, N_("Export as this user (named in the audit trail)."))
def output(year: int | None, level: str, sort: str | None, direction: str | None, fmt: str, output: Path,
           as_user: str | None) -> None:
    order = own_order(level)
    descending = direction == "desc" if direction else (order.descending if sort is None else False)
    param = ("-" if descending else "") + (sort or order.sort)

    def write(out):
        with session_scope() as session:
            return land_output_exports.export_land_output(session, reader(session, as_user), level, year, param, fmt,
                                                          out, cli_translator(), cli_locale() == "en", limit=None)

    if str(output) == "-":
        with click.open_file("-", "wb") as out:
            written = write(out)
    else:
        written = written_whole(output, write)  # a refusal or a failure leaves no half-written file
    click.echo(text(N_("1 line written to %(path)s") if written.count == 1 else N_("%(count)d lines written to %(path)s"),
                    count=written.count,
                    path=str(output) if str(output) != "-" else "stdout"), err=True)
