"""``registry factors list|set-equal-value``: the reference data the savings are computed with
(the CLI acts as the system administrator; services/reference_data.py), in the CLI's language with
the words and number formats of the reference page (折标系数与等价值)."""
from __future__ import annotations

import click

from registry.cli.context import session_scope
from registry.cli.output import coded, day, name, number, say, text, unit_name
from registry.cli.translated import group
from registry.domain.channels import CLI
from registry.domain.display import ENERGY_LABELS
from registry.domain.errors import N_, Number
from registry.domain.permissions import Actor
from registry.domain.presentation import given_places
from registry.i18n import cli_locale
from registry.services import reference_data

FACTOR_PLACES = 4  # as the reference page: at least 4 places (heat's 0.03412 keeps its 5)


@group(help=N_("Standard-coal factors and the electricity equal value (等价值) of each year (docs/accounting.md)."))
def factors() -> None:
    pass


@factors.command("list", help=N_("Print the equal values by year, then the GB/T 2589 factor rows (energy, kgce per "
                                 "unit, standard, in force from)."))
def list_reference() -> None:
    english = cli_locale() == "en"
    with session_scope() as session:
        equal_values, factor_rows = reference_data.equal_values(session), reference_data.factor_rows(session)
    label = name(N_("Equal value of electricity (等价值)"))
    for e in equal_values:
        source = (e.source_en or e.source) if english else e.source
        click.echo(f"{label}  {e.year}  {number(e.value_kgce_per_kwh, FACTOR_PLACES)} {unit_name('kgce/kWh')}  {source}")
    for f in factor_rows:
        places = max(FACTOR_PLACES, given_places(f.value_kgce))
        in_force = text(N_("in force from %(day)s"), day=day(f.valid_from))
        click.echo(f"{coded(ENERGY_LABELS, f.energy)}  {number(f.value_kgce, places)} {unit_name('kgce/' + f.unit)}  "
                   f"{f.standard}-{f.edition}  {in_force}")


@factors.command("set-equal-value", fields={"value_kgce_per_kwh": "value"}, help=N_("Record or correct YEAR's equal value (VALUE in kgce/kWh) and recompute "
                                            "that year's projects."))
@click.argument("year", type=int)
@click.argument("value")
@click.option("--source", required=True, help=N_("Where the figure comes from, in Chinese."))
@click.option("--source-en", help=N_("The same in English."))
@click.option("--reason", help=N_("Why it is recorded or changed (kept in the audit trail)."))
def set_equal_value(year: int, value: str, source: str, source_en: str | None, reason: str | None) -> None:
    with session_scope() as session:
        done = reference_data.record_equal_value(session, Actor.system(CLI), year, value, source, source_en, reason)
    value = Number(done.value_kgce_per_kwh)
    if done.previous is None:
        say(N_("equal value %(year)s: %(value)s kgce/kWh; %(projects)d projects recomputed, %(changed)d changed"),
            year=done.year, value=value, projects=done.projects, changed=done.changed)
    else:
        say(N_("equal value %(year)s: %(value)s kgce/kWh (was %(previous)s); %(projects)d projects recomputed, "
               "%(changed)d changed"), year=done.year, value=value, previous=Number(done.previous),
            projects=done.projects, changed=done.changed)
