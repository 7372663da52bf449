"""``registry projects export``: the project list as XLSX or CSV from the command line, through the
service of the list page's download; as the user ``--as`` names (what they read), else the system
administrator (every project)."""
from __future__ import annotations

from pathlib import Path

import click

from registry.cli.context import session_scope
from registry.cli.output import acting_as, output_option, say, written_whole
from registry.cli.projects import ENTERPRISE_HELP, reader
from registry.cli.translated import command
from registry.domain.errors import N_
from registry.i18n import cli_locale, cli_translator
from registry.services import project_exports
from registry.services.projects.filters import parse_project_filter
from registry.services.projects.listing import SORT_KEYS


@command("export", help=N_("Write every project matching the filters to OUTPUT, headers in REGISTRY_LANG's "
                           "language."))
@click.option("--format", "fmt", type=click.Choice(list(project_exports.FORMATS)), default="xlsx", show_default=True)
@output_option()
@click.option("--q", "--text", "q", metavar="TEXT",
              help=N_("Enterprise name, credit code, title or reference, as the list's search."))
@click.option("--district", help=N_("6-digit district code; every district when omitted."))
@click.option("--kind", help=N_("Kind code: structural_adjustment, motor_upgrade, …"))
@click.option("--year", help=N_("Programme year."))
@click.option("--status", help=N_("Status code: draft, submitted, approved, returned, completed, verified."))
@click.option("--overdue", is_flag=True,
              help=N_("Only approved projects past their planned completion (逾期未完成), as of today in Shanghai."))
@click.option("--check", help=N_("A data-quality check's id (registry quality): the projects failing it."))
@click.option("--monitoring", help=N_("flagged: beyond the online monitoring's tolerance (not for planners)."))
@click.option("--enterprise", metavar="CREDIT_CODE", help=ENTERPRISE_HELP)
@click.option("--sort", type=click.Choice(list(SORT_KEYS)), default="updated", show_default=True)
@click.option("--ascending", is_flag=True, help=N_("Sort ascending (default: descending, as the list)."))
@acting_as(False, N_("Export as this user (district staff: their district and approved projects elsewhere)."))
def export(fmt: str, output: Path, q, district, kind, year, status, overdue: bool, check, monitoring, enterprise,
           sort: str, ascending: bool, as_user: str | None) -> None:
    filters = parse_project_filter({"q": q, "district": district, "kind": kind, "year": year, "status": status,
                                    "overdue": overdue, "check": check, "monitoring": monitoring,
                                    "enterprise": enterprise, "sort": sort,
                                    "dir": "asc" if ascending else "desc"})
    with session_scope() as session:
        written = written_whole(output, lambda out: project_exports.export_projects(
            session, reader(session, as_user), filters, fmt, out, cli_translator(), cli_locale() == "en"))
    # "1 project", not "1 projects", in English: a count of one is its own msgid (docs/development.md)
    say(N_("1 project written to %(path)s") if written.count == 1 else N_("%(count)d projects written to %(path)s"),
        count=written.count, path=str(output))
