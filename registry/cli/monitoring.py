"""``registry monitoring import|list``: the key energy users' online monitoring figures
(重点用能单位能耗在线监测) — loaded from a CSV or XLSX file, all or nothing, as the monitoring page
loads them (services/monitoring.py), and listed as it lists them. Without ``--as`` the command acts
as the system administrator; lines in the CLI's language (REGISTRY_LANG)."""
from __future__ import annotations

import sys
from pathlib import Path

import click

from registry.cli import cli_presenter
from registry.cli.context import session_scope
from registry.cli.output import acting_as, echo_json, echo_lines, figure, moment, nobody, say, text
from registry.cli.translated import group
from registry.domain.channels import CLI
from registry.domain.errors import N_
from registry.domain.permissions import Actor
from registry.i18n import cli_translator
from registry.services import accounts
from registry.services import monitoring as service

MAX_LIMIT = 10_000


@group(help=N_('Key energy users\' monitored consumption a year (docs/operations.md, "Online monitoring data").'))
def monitoring() -> None:
    pass


def _actor(session, as_user: str | None) -> Actor:
    return accounts.actor_named(session, as_user) if as_user else Actor.system(CLI)


@monitoring.command("import", help=N_("Load FILE (.csv or .xlsx: 统一社会信用代码, 年份, 综合能耗（吨标准煤）, optional 来源). Every row "
                                      "is checked; one refused row loads nothing (exit status 1, each problem "
                                      "listed). A row for a code and year already held replaces its figure."))
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--dry-run", is_flag=True, help=N_("Check every row and say what a load would do; write nothing."))
@acting_as(False, N_("Load as this administrator (the audit trail names them); without it, the system."))
def import_file(file: Path, dry_run: bool, as_user: str | None) -> None:
    with session_scope() as session:
        load = service.import_monitoring(session, _actor(session, as_user), file, dry_run=dry_run)
    figures = {"name": load.source_name, "rows": load.rows_read, "inserted": load.inserted,
               "replaced": load.replaced, "unchanged": load.unchanged}
    if load.problems:
        t, show = cli_translator(), cli_presenter()
        for p in load.problems:
            # the cell's value as the file held it, in quotation marks as every refusal quotes one (never repr)
            line = (N_("row %(row)s, column %(column)s: %(reason)s") if p.value is None
                    else N_("row %(row)s, column %(column)s, value “%(value)s”: %(reason)s"))
            click.echo("  " + t(line) % {"row": p.row, "column": p.field, "value": p.value,
                                         "reason": p.message.render(t, show)}, err=True)
        click.echo(text(N_("nothing was loaded: %(refused)d of %(rows)d rows were refused; the figures are unchanged"),
                        refused=load.refused, rows=load.rows_read), err=True)
        sys.exit(1)
    if dry_run:
        say(N_("dry run, nothing written: %(name)s, %(rows)d rows: %(inserted)d would be added, %(replaced)d "
               "replaced, %(unchanged)d unchanged"), **figures)
    else:
        say(N_("loaded %(name)s, %(rows)d rows: %(inserted)d added, %(replaced)d replaced, %(unchanged)d unchanged"),
            **figures)


@monitoring.command("list", help=N_("List the monitored figures by credit code, the latest year first: code, year, "
                                    "consumption (tce, 当量值), enterprise, source, when and by whom loaded."))
@click.option("--code", help=N_("A credit code or its start."))
@click.option("--year", help=N_("One year."))
@click.option("--limit", type=click.IntRange(1, MAX_LIMIT), default=50, show_default=True,
              help=N_("At most this many figures, the latest year first."))
@acting_as(False, N_("Read as this user (district staff: their district's enterprises)."))
@click.option("--json", "as_json", is_flag=True, help=N_("Print JSON: total and items."))
def list_figures(code: str | None, year: str | None, limit: int, as_user: str | None, as_json: bool) -> None:
    with session_scope() as session:
        page = service.list_monitoring(session, _actor(session, as_user), code, year, page_size=limit)
    if as_json:
        echo_json({"total": page.total, "items": page.items})
        return
    echo_lines((f"{m.credit_code}  {m.year}  {figure(m.consumption_tce, 'tce')}  {m.enterprise_name or '—'}  "
                f"{m.source or '—'}  {moment(m.loaded_at)}  {nobody(m.loaded_by)}" for m in page.items),
               N_("No monitored figure matches these filters."))
    if page.total > len(page.items):
        click.echo(text(N_("(%(shown)d of %(total)d figures; raise --limit or narrow the filters)"),
                        shown=len(page.items), total=page.total), err=True)
