"""``registry enterprises edit CREDIT_CODE [--name …] [--industry-code …] [--district …] [--address …]
--as USER``: an enterprise's details corrected as a named registry user, by the service of the
enterprise page and ``PATCH /api/v1/enterprises/<credit code>`` (``services.enterprise_edits``): the
same rules, the same audit entry (channel ``cli``), nothing written on a refusal."""
from __future__ import annotations

import click

from registry.cli.changes import change_lines
from registry.cli.context import session_scope
from registry.cli.output import acting_as, echo_json, say, text
from registry.cli.translated import group
from registry.domain.errors import N_
from registry.services import accounts
from registry.services.enterprise_edits import edit_enterprise
from registry.services.history import references


@group("enterprises", help=N_("Enterprises: list or download them (the directory), show one as its page does, correct their "
                              "details as a registry user."))
def enterprises() -> None:
    pass


@enterprises.command("edit", help=N_("Correct the enterprise of CREDIT_CODE (its unified social credit code, which "
                                     "never changes); the details not given keep their values. Print what changed."))
@click.argument("credit_code")
@click.option("--name", help=N_("The enterprise's name as it is now (更名)."))
@click.option("--industry-code", "industry_code", help=N_("GB/T 4754-2017 code, e.g. C261; \"\" clears it."))
@click.option("--district", "district_code", help=N_("6-digit district code (GB/T 2260), e.g. 310115."))
@click.option("--address", help=N_("The address; \"\" clears it."))
@acting_as(True, N_("The registry user correcting it (required): an administrator, or district staff of its district."))
@click.option("--version", "version", type=click.IntRange(1), metavar="N",
              help=N_("The version you read: refused if the enterprise changed since."))
@click.option("--json", "as_json", is_flag=True, help=N_("Print JSON: the changes as the audit trail records them."))
def edit(credit_code: str, name: str | None, industry_code: str | None, district_code: str | None,
         address: str | None, as_user: str, version: int | None, as_json: bool) -> None:
    given = {"name": name, "industry_code": industry_code, "district_code": district_code, "address": address}
    with session_scope() as session:
        actor = accounts.actor_named(session, as_user)
        edited = edit_enterprise(session, actor, credit_code, {k: v for k, v in given.items() if v is not None}, version)
        refs = references(session, [], edited.changes.get("district_code", []))
    e = edited.enterprise
    if as_json:
        echo_json({"credit_code": e.credit_code, "version": e.version, "changes": edited.changes})
        return
    if not edited.changes:
        say(N_("Nothing changed: the details of %(name)s (%(code)s) are as they were."), name=e.name, code=e.credit_code)
        return
    click.echo(text(N_("Edited %(name)s (%(code)s), now at version %(version)s"), name=e.name, code=e.credit_code,
                    version=e.version))
    for line in change_lines("enterprise", edited.changes, refs):
        click.echo(f"  {line}")
