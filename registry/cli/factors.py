"""``registry factors list|set-equal-value``: the reference data the savings are computed with
(the CLI acts as the system administrator; services/reference_data.py)."""
from __future__ import annotations

import click

from registry.cli.context import session_scope
from registry.domain.channels import CLI
from registry.domain.permissions import Actor
from registry.services import reference_data


@click.group()
def factors() -> None:
    """Standard-coal factors and the electricity equal value (等价值) of each year (docs/accounting.md)."""


@factors.command("list")
def list_reference() -> None:
    """Print the equal values by year, then the GB/T 2589 factor rows."""
    with session_scope() as session:
        for e in reference_data.equal_values(session):
            click.echo(f"等价值 {e.year}  {e.value_kgce_per_kwh} kgce/kWh  {e.source}")
        for f in reference_data.factor_rows(session):
            click.echo(f"{f.energy:24s} {f.value_kgce} kgce/{f.unit}  {f.standard}-{f.edition} from {f.valid_from}")


@factors.command("set-equal-value")
@click.argument("year", type=int)
@click.argument("value")
@click.option("--source", required=True, help="Where the figure comes from, in Chinese.")
@click.option("--source-en", help="The same in English.")
@click.option("--reason", help="Why it is recorded or changed (kept in the audit trail).")
def set_equal_value(year: int, value: str, source: str, source_en: str | None, reason: str | None) -> None:
    """Record or correct YEAR's equal value (VALUE in kgce/kWh) and recompute that year's projects."""
    with session_scope() as session:
        done = reference_data.record_equal_value(session, Actor.system(CLI), year, value, source, source_en, reason)
    previous = f" (was {done.previous})" if done.previous is not None else ""
    click.echo(f"equal value {done.year}: {done.value_kgce_per_kwh} kgce/kWh{previous}; "
               f"{done.projects} projects recomputed, {done.changed} changed")
