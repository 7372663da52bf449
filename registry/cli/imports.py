"""``registry import parcels|zones|districts|projects FILE``, ``registry import template``,
``registry export`` and ``registry demo synth``. Thin: parse, call a service, print."""
from __future__ import annotations

import sys
import time
from pathlib import Path

import click

from registry.cli import cli_presenter
from registry.cli.context import session_scope
from registry.cli.output import RECORD_KINDS, coded, district_label, name, number, say, text
from registry.cli.translated import command, group
from registry.domain.channels import CLI
from registry.domain.errors import N_, Number
from registry.domain.permissions import Actor
from registry.domain.vocabulary import PROJECT_KINDS
from registry.i18n import cli_translator
from registry.services.imports import features, profiles, report
from registry.services.imports.results import ImportResult
from registry.services.loading import LoadReport

ON_ERROR = click.Choice(["abort", "skip"])
SHOWN_PROBLEMS = 20


def _actor(session, username: str | None) -> Actor:
    if not username:
        return Actor.system(CLI)
    from registry.services.accounts import actor_named

    return actor_named(session, username)


# What the progress says as a stage begins, with the seconds since the import began (the stages of
# services/imports/features.py and services/synth.py).
STAGE_LINES = {"check": N_("check… (%(seconds)s s)"), "write": N_("write… (%(seconds)s s)"),
               "reassign": N_("reassign… (%(seconds)s s)"), "projects": N_("projects… (%(seconds)s s)")}


class _Progress:
    """click.progressbar over the rows of the ``counted`` stage — read (a GIS file, read + COPY) or
    check (a project workbook) — in a terminal, plain lines when stderr is none; then one line per
    later stage, on stderr, in the CLI's language."""

    def __init__(self, quiet: bool, counted: str = "read", label: str = N_("read + COPY")) -> None:
        self.quiet = quiet
        self.counted, self.label = counted, label
        self.tty = sys.stderr.isatty()
        self.bar = None
        self.done = 0
        self.stage: str | None = None
        self.started = time.monotonic()

    def __call__(self, stage: str, done: int, total: int | None) -> None:
        if self.quiet:
            return
        if stage == self.counted and self.tty:
            if self.bar is None:
                self.bar = click.progressbar(length=total or 0, label=name(self.label), file=sys.stderr,
                                             show_pos=True, show_eta=bool(total))
                self.bar.__enter__()
            self.bar.update(done - self.done)
            self.done = done
            return
        self.close()
        if stage == "read":
            if done:
                click.echo(text(N_("read + COPY %(done)d/%(total)s"), done=done,
                                total="?" if total is None else Number(total, 0)), err=True)
        elif stage != self.stage and stage != "done":
            click.echo(text(STAGE_LINES.get(stage, N_("%(stage)s… (%(seconds)s s)")), stage=stage,
                            seconds=Number(time.monotonic() - self.started, 1)), err=True)
        self.stage = stage

    def close(self) -> None:
        if self.bar is not None:
            self.bar.__exit__(None, None, None)
            self.bar = None


_ACTIONS = {"refused": N_("refused"), "repaired": N_("repaired")}


def _print_result(result: ImportResult, report_path: Path | None) -> None:
    t, show = cli_translator(), cli_presenter()
    for n in result.notices:  # a column left unread: 高效电机!N1：列“备注”不在模板中，未导入
        click.echo("  " + text(N_("%(label)s: %(value)s"), label=n.cell or n.field, value=n.message), err=True)
    for p in result.problems[:SHOWN_PROBLEMS]:
        # a problem is a registry message: the whole line in the CLI's language, as the error line; the
        # value as the file held it, in quotation marks as every refusal quotes one (never repr)
        line = (N_("row %(row)s: %(field)s = “%(value)s”: %(problem)s [%(action)s]") if p.value
                else N_("row %(row)s: %(field)s: %(problem)s [%(action)s]"))
        click.echo("  " + t(line) % {
            "row": p.row, "field": report.field_text(p, t), "value": p.value, "problem": p.message.render(t, show),
            "action": t(_ACTIONS.get(p.action, p.action))}, err=True)
    if result.problems_total > SHOWN_PROBLEMS:
        click.echo("  " + text(N_("… %(count)d more in the report"), count=result.problems_total - SHOWN_PROBLEMS),
                   err=True)
    if report_path:
        click.echo(text(N_("report: %(path)s"), path=str(report_path)), err=True)
    figures = {"read": result.rows_read, "inserted": result.inserted, "updated": result.updated,
               "unchanged": result.unchanged, "refused": result.refused, "repaired": result.repaired,
               "seconds": Number(result.seconds, 1)}
    if result.dry_run:
        say(N_("dry run, nothing written: %(read)d rows read, %(inserted)d would be inserted, %(updated)d already "
               "registered (updated or unchanged), %(refused)d refused, %(repaired)d repaired (%(seconds)s s)"),
            **figures)
    elif result.loaded:
        counts = text(N_("%(read)d rows read, %(inserted)d inserted, %(updated)d updated, %(unchanged)d unchanged, "
                         "%(refused)d refused, %(repaired)d repaired (%(seconds)s s)"), **figures)
        say(N_("imported %(file)s into %(records)s: %(counts)s"), file=result.source_name,
            records=coded(RECORD_KINDS, result.target), counts=counts)
        _print_moves(result.reassigned)
    else:
        click.echo(text(N_("nothing imported (%(refused)d of %(read)d rows refused, --on-error %(on_error)s): "
                           "the database is unchanged"), refused=result.refused, read=result.rows_read,
                        on_error=result.on_error), err=True)


def _print_moves(moves) -> None:
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


FEATURE_HELP = {
    "parcels": N_("Import parcels from a GIS file (Shapefile/zip, GeoPackage, GeoJSON, FlatGeobuf, KML, CSV+WKT)."),
    "zones": N_("Import zones from a GIS file (Shapefile/zip, GeoPackage, GeoJSON, FlatGeobuf, KML, CSV+WKT)."),
    "districts": N_("Import districts from a GIS file (Shapefile/zip, GeoPackage, GeoJSON, FlatGeobuf, KML, CSV+WKT)."),
}


def _feature_command(target: str):
    @command(target, help=FEATURE_HELP[target])
    @click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
    @click.option("--layer", help=N_("Layer of a multi-layer file (GeoPackage, KML)."))
    @click.option("--crs", help=N_("Coordinate system when the file has none or a wrong one, e.g. EPSG:4549."))
    @click.option("--gcj02", is_flag=True, help=N_("Coordinates are GCJ-02 (Amap/Tencent): convert to WGS84."))
    @click.option("--encoding", help=N_("Text encoding of a Shapefile without .cpg, e.g. GBK."))
    @click.option("--mapping", help=N_("Field mapping: a .toml file or the name of a saved profile."))
    @click.option("--save-mapping", help=N_("Save the mapping used under this name (when the import loads)."))
    @click.option("--on-error", type=ON_ERROR, default="abort", show_default=True,
                  help=N_("abort: load nothing if any row is refused; skip: load the good rows."))
    @click.option("--dry-run", is_flag=True, help=N_("Check everything, write nothing."))
    @click.option("--repair", is_flag=True, help=N_("Store ST_MakeValid repairs of invalid geometries."))
    @click.option("--report", type=click.Path(dir_okay=False, path_type=Path),
                  help=N_("Error report (.csv or .xlsx); default <file>-report.csv in the current directory."))
    @click.option("--as-user", help=N_("Act as this user (district staff are held to their district)."))
    @click.option("--quiet", is_flag=True, help=N_("No progress bar."))
    def import_file(file: Path, layer, crs, gcj02, encoding, mapping, save_mapping, on_error, dry_run, repair,
                    report: Path | None, as_user, quiet, reassign_parcels: bool = False) -> None:
        if crs and gcj02:
            raise click.UsageError(text(N_("give --crs or --gcj02, not both")))
        progress = _Progress(quiet)
        with session_scope() as session:
            actor = _actor(session, as_user)
            profile = profiles.resolve_profile(session, target, mapping)
            options = features.ImportOptions(
                target=target, on_error=on_error, dry_run=dry_run, repair=repair, layer=layer,
                crs="gcj02" if gcj02 else crs, encoding=encoding, mapping=profile, save_mapping_as=save_mapping,
                reassign_parcels=reassign_parcels)
            try:
                result = features.import_features(session, actor, file, options, progress=progress)
            finally:
                progress.close()
        _finish(result, report or Path.cwd() / f"{file.stem}-report.csv")

    if target == "districts":
        import_file = click.option("--reassign-parcels", is_flag=True, help=N_(
            "Then give every parcel the district the new boundaries say (the district covering it, "
            "else the one with its largest part), and list the moves."))(import_file)
    return import_file


def _finish(result: ImportResult, report_path: Path) -> None:
    """Write the report to ``report_path`` (if anything was refused, repaired or left unread),
    print, exit 1 when aborted."""
    if result.report_lines:
        report.write_report(report_path, result.report_lines)
    _print_result(result, report_path if result.report_lines else None)
    if result.aborted:
        sys.exit(1)


@group("import", help=N_("Bulk import: parcels, zones, districts from GIS files; projects from XLSX/CSV."))
def import_group() -> None:
    pass


for _target in ("parcels", "zones", "districts"):
    import_group.add_command(_feature_command(_target))


@import_group.command("projects", help=N_("Import projects from the project workbook (XLSX, see `registry import "
                                          "template`) or a CSV."))
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--kind", type=click.Choice(sorted(PROJECT_KINDS)),
              help=N_("Kind of every row of a CSV (a workbook says it by its sheet names)."))
@click.option("--on-error", type=ON_ERROR, default="abort", show_default=True)
@click.option("--dry-run", is_flag=True, help=N_("Check everything, write nothing."))
@click.option("--report", type=click.Path(dir_okay=False, path_type=Path),
              help=N_("Error report (.csv or .xlsx); default <file>-report.csv beside the file."))
@click.option("--as-user", help=N_("Act as this user (district staff are held to their district)."))
@click.option("--quiet", is_flag=True, help=N_("No progress bar."))
def import_projects(file: Path, kind, on_error, dry_run, report: Path | None, as_user, quiet) -> None:
    from registry.services.imports.projects import import_projects as run

    progress = _Progress(quiet, counted="check", label=N_("check"))
    with session_scope() as session:
        try:
            result = run(session, _actor(session, as_user), file, on_error, dry_run, kind, progress=progress)
        finally:
            progress.close()
    # beside the workbook, where the clerk looks for it, not wherever the shell happens to be
    _finish(result, report or file.resolve().with_name(f"{file.stem}-report.csv"))


@import_group.command("template", help=N_("Write the empty project workbook (Chinese headers with units, one sheet "
                                          "per kind)."))
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
def template(file: Path) -> None:
    from registry.services.imports.project_template import template_bytes

    file.write_bytes(template_bytes())
    say(N_("wrote %(path)s"), path=str(file))


@command("synth", help=N_("Generate Shanghai-like illustrative (示意) data at scale, loaded by COPY through the "
                          "importer."))
@click.option("--parcels", type=click.IntRange(0), default=100_000, show_default=True, help=N_("Parcels to generate."))
@click.option("--projects", type=click.IntRange(0), default=1_000, show_default=True, help=N_("Projects to generate."))
@click.option("--seed", default=7, show_default=True)
@click.option("--quiet", is_flag=True, help=N_("No progress bar."))
def synth(parcels: int, projects: int, seed: int, quiet: bool) -> None:
    from registry.services.synth import synthesise

    progress = _Progress(quiet)
    with session_scope() as session:
        try:
            result = synthesise(session, seed, parcels, projects, progress)
        finally:
            progress.close()
    say_synthesised(result.parcels, result.projects)


def say_synthesised(parcels: ImportResult, projects: LoadReport | None) -> None:
    """What ``demo synth`` wrote: its parcels, then its enterprises and projects (if it made any)."""
    say(N_("parcels: %(inserted)d inserted, %(updated)d updated, %(unchanged)d unchanged (%(seconds)s s)"),
        inserted=parcels.inserted, updated=parcels.updated, unchanged=parcels.unchanged,
        seconds=Number(parcels.seconds, 1))
    if projects:
        say(N_("enterprises: %(enterprises)d inserted; projects: %(projects)d inserted, %(skipped)d already present"),
            enterprises=projects.inserted["enterprises"], projects=projects.inserted["projects"],
            skipped=projects.skipped["projects"])


@command("export", help=N_("Export the registry (or one district) as one GeoPackage: layers and the project "
                           "sheet."))
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--district", "district_code", help=N_("Only this district (GB/T 2260 code)."))
@click.option("--as-user", help=N_("Act as this user (district staff export their district only)."))
def export(file: Path, district_code: str | None, as_user: str | None) -> None:
    from registry.services.imports.export import export_registry

    with session_scope() as session:
        result = export_registry(session, _actor(session, as_user), file, district_code)
    counts = name(", ").join(f"{layer} {number(n, 0)}" for layer, n in result.counts.items())  # the file's layer names
    say(N_("wrote %(path)s: %(counts)s"), path=str(result.path), counts=counts)


def register(cli: click.Group, demo_group: click.Group) -> None:
    cli.add_command(import_group)
    cli.add_command(export)
    demo_group.add_command(synth)
