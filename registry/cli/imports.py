"""``registry import parcels|zones|districts|projects FILE``, ``registry import template``,
``registry export`` and ``registry demo synth``. Thin: parse, call a service, print."""
from __future__ import annotations

import sys
import time
from pathlib import Path

import click

from registry.cli.context import session_scope
from registry.cli.import_output import print_result
from registry.cli.output import acting_as, name, number, say, text
from registry.cli.translated import command, group
from registry.domain.channels import CLI
from registry.domain.errors import N_, Number
from registry.domain.permissions import Actor
from registry.domain.vocabulary import PROJECT_KINDS
from registry.services.imports import features, profiles, report
from registry.services.imports.results import ImportResult
from registry.services.loading import LoadReport

ON_ERROR = click.Choice(["abort", "skip"])


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
    """click.progressbar over the rows of the ``counted`` stage — read (a GIS file) or check (a project
    workbook) — in a terminal, plain lines (``line``) when stderr is none; then one line per later
    stage, on stderr, in the CLI's language: a clerk's words, not the database's (no COPY)."""

    def __init__(self, quiet: bool, counted: str = "read", label: str = N_("reading the file"),
                 line: str = N_("reading the file: %(done)s/%(total)s rows")) -> None:
        self.quiet = quiet
        self.counted, self.label, self.line = counted, label, line
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
                click.echo(text(self.line, done=Number(done, 0), total="?" if total is None else Number(total, 0)),
                           err=True)
        elif stage != self.stage and stage != "done":
            click.echo(text(STAGE_LINES.get(stage, N_("%(stage)s… (%(seconds)s s)")), stage=stage,
                            seconds=Number(time.monotonic() - self.started, 1)), err=True)
        self.stage = stage

    def close(self) -> None:
        if self.bar is not None:
            self.bar.__exit__(None, None, None)
            self.bar = None


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
                  help=N_("Error report (.csv or .xlsx); default <file>-report.csv beside the file."))
    @acting_as(False, N_("Act as this user (district staff are held to their district)."))
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
        _finish(result, _report_path(file, report))

    if target == "districts":
        import_file = click.option("--reassign-parcels", is_flag=True, help=N_(
            "Then give every parcel the district the new boundaries say (the district covering it, "
            "else the one with its largest part), and list the moves."))(import_file)
    return import_file


def _report_path(file: Path, given: Path | None) -> Path:
    """Where the report goes, resolved (said as /…/r.xlsx, not as typed, r.xlsx): ``--report``, else
    ``<file>-report.csv`` beside the file, where the clerk who corrects it looks for it, not wherever
    the shell happens to be."""
    return given.resolve() if given else file.resolve().with_name(f"{file.stem}-report.csv")


def _finish(result: ImportResult, report_path: Path) -> None:
    """Write the report to ``report_path`` (if anything was refused, repaired or left unread),
    print, exit 1 when aborted."""
    if result.report_lines:
        report.write_report(report_path, result.report_lines)
    print_result(result, report_path if result.report_lines else None)
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
@acting_as(False, N_("Act as this user (district staff are held to their district)."))
@click.option("--quiet", is_flag=True, help=N_("No progress bar."))
def import_projects(file: Path, kind, on_error, dry_run, report: Path | None, as_user, quiet) -> None:
    from registry.services.imports.projects import import_projects as run

    progress = _Progress(quiet, counted="check", label=N_("check"))
    with session_scope() as session:
        try:
            result = run(session, _actor(session, as_user), file, on_error, dry_run, kind, progress=progress)
        finally:
            progress.close()
    _finish(result, _report_path(file, report))


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
@click.option("--seed", default=7, show_default=True, help=N_("Seed of the generator: the same seed makes the same data."))
@click.option("--quiet", is_flag=True, help=N_("No progress bar."))
def synth(parcels: int, projects: int, seed: int, quiet: bool) -> None:
    from registry.services.synth import synthesise

    progress = _Progress(quiet, label=N_("generating parcels"), line=N_("generating parcels: %(done)s/%(total)s"))
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
@acting_as(False, N_("Act as this user (district staff export their district only)."))
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
