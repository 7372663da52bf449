"""``registry freed-land``: export the parcels of a freed-land query (same filters as the page)."""
from __future__ import annotations

import click

from registry.cli.context import session_scope
from registry.cli.output import text
from registry.cli.translated import command
from registry.domain.channels import CLI
from registry.domain.errors import N_, FieldError, Message, Number, ValidationError
from registry.domain.freed_land import LAND_QUERY_PARAMETERS, parse_land_query
from registry.domain.messages import Listed
from registry.domain.permissions import Actor
from registry.i18n import cli_translator
from registry.services.land_exports import FORMATS, export_freed_land


@command("freed-land", help=N_("Export the freed land that the filters select (docs/freed-land.md)."), fields={"filter": "filters"})
@click.option("--format", "fmt", type=click.Choice(list(FORMATS)), default="gpkg", show_default=True)
@click.option("-o", "--output", type=click.File("wb"), required=True, help=N_("File to write."))
@click.option("--filter", "filters", multiple=True, metavar="NAME=VALUE",
              help=N_("A query parameter of /land/freed, e.g. district=310115, zone_kind=block_104, year_from=2014."))
def freed_land(fmt: str, output, filters: tuple[str, ...]) -> None:
    args: dict[str, list[str]] = {}
    typed: dict[str, list[str]] = {}
    for item in filters:
        name, sep, value = item.partition("=")
        if not sep:
            # which of the repeated --filter it is, so that the refusal quotes it (cli/option_errors.py)
            raise ValidationError([FieldError("filter", Message(N_("must be a parameter name, an equals sign and a value"),
                                                                {}), value=item)])
        args.setdefault(name.strip(), []).append(value)
        typed.setdefault(name.strip(), []).append(item)
    unknown = [FieldError("filter", Message(N_("unknown name “%(value)s” (allowed: %(allowed)s)"),
                                            {"value": name[:40], "allowed": Listed(LAND_QUERY_PARAMETERS)}),
                          value=items[0])
               for name, items in typed.items() if name not in LAND_QUERY_PARAMETERS]
    if unknown:
        raise ValidationError(unknown)
    try:
        query = parse_land_query(args)
    except ValidationError as error:
        raise ValidationError([_as_filter(e, typed) for e in error.field_errors]) from None
    with session_scope() as session:
        export = export_freed_land(session, Actor.system(CLI), query, fmt, cli_translator())
    output.write(export.content)
    # the file written, as typed (-o freed.gpkg); the download's name (freed-land-<day>.gpkg) sent
    # the reader looking for a file that is not there
    click.echo(text(N_("%(label)s: %(value)s"), label=output.name,
                    value=text(N_("%(count)s bytes"), count=Number(len(export.content), 0))), err=True)


def _as_filter(error: FieldError, typed: dict[str, list[str]]) -> FieldError:
    """A refused query parameter as the ``--filter`` that gave it, quoted as typed (``--filter
    “year_from=1999”: …``); one it reads beside those given, by ``--filter`` and its name
    (``--filter radius_km: give longitude, latitude and radius together``): the bare field read as an
    option ``--year_from`` to look for."""
    given = typed.get(error.field)
    if not given:
        return FieldError(f"--filter {error.field}", error.message)
    # among several of its name, the one whose value the problem quotes, else the one read (the first
    # not blank, query_args.one)
    refused = str(error.message.params.get("value", ""))
    item = next((item for item in given if refused and refused in item.partition("=")[2]), None)
    item = item or next((item for item in given if item.partition("=")[2].strip()), given[0])
    return FieldError("filter", error.message, value=item)
