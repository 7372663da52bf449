"""``registry rollup`` (a report as JSON, CSV or XLSX) and ``registry close-year``."""
from __future__ import annotations

import json

import click

from registry import clock
from registry.cli.context import session_scope
from registry.cli.output import say
from registry.cli.translated import command
from registry.domain.channels import CLI
from registry.domain.errors import N_, Message, Moment
from registry.domain.permissions import Actor
from registry.domain.rollups import RULES, parse_rollup_query
from registry.i18n import cli_locale, cli_translator
from registry.services import export_log
from registry.services import rollups as service
from registry.services.district_filter import require_known_districts
from registry.services.rollup_reports import rollup_csv, rollup_json
from registry.services.rollup_xlsx import rollup_xlsx


@command(help=N_("The annual rollup of YEAR against its targets."))
@click.option("--year", type=int, required=True, metavar="YEAR", help=N_("The year reported."))
@click.option("--as-of", "as_of", help=N_("YYYY-MM-DD (end of that day, Shanghai time) or an ISO 8601 time."))
@click.option("--district", help=N_("6-digit district code; all districts when omitted."))
@click.option("--rule", type=click.Choice(list(RULES)), default="verified", show_default=True)
@click.option("--frozen", is_flag=True, help=N_("The frozen report of a closed year, exactly as closed."))
@click.option("--format", "fmt", type=click.Choice(["json", "csv", "xlsx"]), default="json", show_default=True)
@click.option("-o", "--output", type=click.File("wb"), default="-", help=N_("File to write (default: stdout)."))
def rollup(year: int, as_of: str | None, district: str | None, rule: str, frozen: bool, fmt: str, output) -> None:
    query = parse_rollup_query({"year": year, "as_of": as_of, "district": district, "rule": rule}, year)
    translate, english = cli_translator(), cli_locale() == "en"
    today = clock.today()
    with session_scope() as session:
        require_known_districts(session, [query.district_code])
        if frozen:
            report = service.frozen_rollup(session, query.year, query.rule, query.district_code)
        else:
            report = service.rollup(session, query, with_projects=fmt == "xlsx")
        notes = service.report_notes(session, report)
        export_log.record_export(session, Actor.system(CLI), export_log.rollup_export(query, fmt, frozen))
    if fmt == "json":
        body = (json.dumps(rollup_json(report, translate, today, english, notes), ensure_ascii=False, indent=2) + "\n").encode()
    elif fmt == "csv":
        body = rollup_csv(report, translate, english, notes)
    else:
        body = rollup_xlsx(report, translate, today, english, notes, Actor.system(CLI).username)
    output.write(body)


@command("close-year", help=N_("Close YEAR: freeze its report as it stands now (checksummed); later changes "
                               "show as adjustments."))
@click.option("--year", type=int, required=True, metavar="YEAR", help=N_("The year to close."))
@click.option("--rule", type=click.Choice(list(RULES)), default="verified", show_default=True,
              help=N_("The counting rule whose report is frozen."))
@click.option("--note", help=N_("Why the year is closed now, kept with the frozen report and in the audit trail."))
@click.option("--allow-empty", is_flag=True, help=N_("Close the year even if its report counts no project "
                                                     "(refused otherwise: most likely a mistyped year)."))
def close_year(year: int, rule: str, note: str | None, allow_empty: bool) -> None:
    with session_scope() as session:
        closed = service.close_year(session, Actor.system(CLI), year, rule, note, allow_empty=allow_empty)
    say(N_("closed %(year)s (%(rule)s) as of %(as_of)s; SHA-256 of the report %(sha256)s"), year=str(closed.year),
        rule=Message(RULES[closed.rule]), as_of=Moment(closed.as_of), sha256=closed.sha256)
