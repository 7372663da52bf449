"""``registry demo load`` and ``registry load FILE``."""
from __future__ import annotations


import click

from registry.cli.context import session_scope
from registry.cli.output import RECORD_KINDS, coded, say, text
from registry.cli.translated import command, group
from registry.domain.channels import CLI
from registry.domain.errors import N_
from registry.domain.permissions import Actor
from registry.services import demo as demo_service
from registry.services.loading import LoadReport, load_dataset
from registry.services.records import parse_dataset


def _print_report(report: LoadReport) -> None:
    for section, count in report.inserted.items():
        click.echo("  " + text(N_("%(records)s: %(inserted)d inserted, %(skipped)d already present"),
                               records=coded(RECORD_KINDS, section), inserted=count,
                               skipped=report.skipped.get(section, 0)))


@group(help=N_("Demo data: real districts, illustrative (示意) zones, parcels, enterprises, projects."))
def demo() -> None:
    pass


@demo.command("load", help=N_("Load the demo data set (idempotent: existing records are kept)."))
@click.option("--seed", default=demo_service.DEFAULT_SEED, show_default=True,
              help=N_("Seed of the generator: the same seed makes the same data."))
@click.option("--parcels", type=click.IntRange(0), default=demo_service.DEFAULT_PARCELS, show_default=True,
              help=N_("Parcels to generate."))
@click.option("--projects", type=click.IntRange(0), default=demo_service.DEFAULT_PROJECTS, show_default=True,
              help=N_("Projects to generate."))
@click.option("--if-empty", is_flag=True, help=N_("Do nothing when the registry already holds projects."))
def demo_load(seed: int, parcels: int, projects: int, if_empty: bool) -> None:
    with session_scope() as session:
        if if_empty and demo_service.has_projects(session):
            say(N_("the registry already holds projects: demo data not loaded"))
            return
        report = demo_service.load_demo(session, seed=seed, parcels=parcels, projects=projects)
    say(N_("demo data loaded (illustrative data):"))
    _print_report(report)


@command("load", help=N_("Load a dataset file (JSON, see docs/data-format.md); all or nothing."))
@click.argument("file", type=click.Path(exists=True, dir_okay=False, allow_dash=True))
def load(file: str) -> None:
    with click.open_file(file, "rb") as stream:
        dataset = parse_dataset(stream.read())
    with session_scope() as session:
        report = load_dataset(session, dataset, Actor.system(CLI))
    say(N_("loaded %(file)s:"), file="stdin" if file == "-" else file)
    _print_report(report)
