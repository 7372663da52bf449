"""``registry enterprises export``: the enterprise directory (企业名录) as XLSX or CSV from the command
line, through the service of the directory page's download (``services.enterprise_exports``), with
``registry enterprises list``'s filters and order; as the user ``--as`` names (the projects they may
read counted), else the system administrator (every project)."""
from __future__ import annotations

from pathlib import Path

import click

from registry.cli.context import session_scope
from registry.cli.enterprise_list import directory_filters
from registry.cli.output import acting_as, output_option, say, written_whole
from registry.cli.projects import reader
from registry.cli.translated import command
from registry.domain.errors import N_
from registry.i18n import cli_locale, cli_translator
from registry.services import enterprise_exports
from registry.services.enterprise_filters import parse_enterprise_filter


@command("export", help=N_("Write every enterprise of the directory matching the filters to OUTPUT, in its order, "
                           "headers in REGISTRY_LANG's language."))
@click.option("--format", "fmt", type=click.Choice(list(enterprise_exports.FORMATS)), default="xlsx", show_default=True)
@output_option()
@directory_filters
@acting_as(False, N_("Export as this user (district staff: the projects of their district and approved ones "
                     "elsewhere counted)."))
def export(fmt: str, output: Path, text_filter, district, industry, projects, check, sort: str,
           direction: str | None, as_user: str | None) -> None:
    filters = parse_enterprise_filter({"q": text_filter, "district": district, "industry": industry,
                                       "projects": projects, "check": check, "sort": sort, "dir": direction})
    with session_scope() as session:
        written = written_whole(output, lambda out: enterprise_exports.export_enterprises(
            session, reader(session, as_user), filters, fmt, out, cli_translator(), cli_locale() == "en"))
    say(N_("1 enterprise written to %(path)s") if written.count == 1 else N_("%(count)d enterprises written to %(path)s"),
        count=written.count, path=str(output))
