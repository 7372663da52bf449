"""What ``registry import`` prints when a file is read: the notices and the first refused rows (on
stderr), the report's path, then the counts — a GIS file's and a project workbook's as their page
shows them, each on a line of its own."""
from __future__ import annotations

from pathlib import Path

import click

from registry.cli import cli_presenter
from registry.cli.output import RECORD_KINDS, coded, district_label, labelled, message_text, number, say, text
from registry.domain.errors import N_, Number
from registry.i18n import cli_translator
from registry.services.imports import report
from registry.services.imports.results import ImportResult, workbook_counts, workbook_summary

SHOWN_PROBLEMS = 20


_ACTIONS = {"refused": N_("refused"), "repaired": N_("repaired")}


def print_result(result: ImportResult, report_path: Path | None) -> None:
    t, show = cli_translator(), cli_presenter()
    for n in result.notices:  # a column left unread: 高效电机!N1：列“备注”不在模板中，未导入
        click.echo("  " + text(N_("%(label)s: %(value)s"), label=n.cell or n.field, value=n.message), err=True)
    for p in result.problems[:SHOWN_PROBLEMS]:
        # a problem is a registry message: the whole line in the CLI's language, as the error line; the
        # value as the file held it, in quotation marks as every refusal quotes one (never repr)
        # a workbook's by its cell, as the report names it (高效电机!N3 额定功率（千瓦）), the row in it
        cell = getattr(p, "cell", None)
        line = ((N_("%(cell)s %(field)s = “%(value)s”: %(problem)s [%(action)s]") if p.value
                 else N_("%(cell)s %(field)s: %(problem)s [%(action)s]")) if cell else
                (N_("row %(row)s: %(field)s = “%(value)s”: %(problem)s [%(action)s]") if p.value
                 else N_("row %(row)s: %(field)s: %(problem)s [%(action)s]")))
        click.echo("  " + t(line) % {
            "row": p.row, "cell": cell, "field": report.field_text(p, t, beside_cell=True), "value": p.value,
            "problem": p.message.render(t, show), "action": t(_ACTIONS.get(p.action, p.action))}, err=True)
    if result.problems_total > SHOWN_PROBLEMS:
        click.echo("  " + text(N_("… %(count)d more in the report"), count=result.problems_total - SHOWN_PROBLEMS),
                   err=True)
    if report_path:
        click.echo(text(N_("report: %(path)s"), path=str(report_path)), err=True)
    if result.projects is not None:
        _print_workbook(result)
    elif result.dry_run or result.loaded:
        _print_counts(result)
    else:
        click.echo(text(N_("nothing imported (%(refused)d of %(read)d rows refused, --on-error %(on_error)s): "
                           "the database is unchanged"), refused=result.refused, read=result.rows_read,
                        on_error=result.on_error), err=True)


def _print_workbook(result: ImportResult) -> None:
    """A project workbook's import as its page says it: the page's sentence, then its projects and its
    enterprises counted apart, a line each as the page's table has them (on stderr when aborted), and
    how to go on after an abort."""
    click.echo(message_text(workbook_summary(result)), err=result.aborted)
    lines = [*workbook_counts(result), (N_("Time taken"), text(N_("%(seconds)s s"), seconds=Number(result.seconds, 1)))]
    for label, value in lines:
        click.echo("  " + labelled(label, value if isinstance(value, str) else number(value, 0)), err=result.aborted)
    if result.aborted:
        click.echo(text(N_("correct the cells the report names and import the file again, or give --on-error skip "
                           "to import the other rows")), err=True)


def _print_counts(result: ImportResult) -> None:
    """A GIS file's rows loaded or not, each count on a line of its own, as the page's table has them."""
    read = text(N_("%(read)s rows read (%(seconds)s s)"), read=Number(result.rows_read, 0),
                seconds=Number(result.seconds, 1))
    if result.dry_run:
        say(N_("dry run, nothing written: %(counts)s"), counts=read)
        counts = ((N_("Would be inserted"), result.inserted), (N_("Would be updated"), result.updated),
                  (N_("Would stay unchanged"), result.unchanged))
    else:
        say(N_("imported %(file)s into %(records)s: %(counts)s"), file=result.source_name,
            records=coded(RECORD_KINDS, result.target), counts=read)
        counts = ((N_("Inserted"), result.inserted), (N_("Updated"), result.updated),
                  (N_("Unchanged"), result.unchanged))
    for label, count in counts + ((N_("Refused"), result.refused), (N_("Repaired"), result.repaired)):
        click.echo("  " + labelled(label, number(count, 0)))
    if not result.dry_run:
        print_moves(result.reassigned)


def print_moves(moves) -> None:
    """The parcels a districts import moved, the districts by name in the shell's language."""
    if moves is None:
        return
    say(N_("parcels moved to another district: %(count)d"), count=sum(n for _old, new, n in moves if new is not None))
    for old, new, n in moves:
        if new is None:
            click.echo("  " + text(N_("%(count)d parcels of %(district)s now lie outside every district: kept in "
                                      "%(district)s"), count=n, district=district_label(old)), err=True)
        else:
            moved = text(N_("%(before)s → %(after)s"), before=district_label(old), after=district_label(new))
            click.echo("  " + text(N_("%(label)s: %(value)s"), label=moved, value=number(n, 0)))
