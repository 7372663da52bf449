"""``registry tokens create|list|revoke``: API tokens (the CLI acts as the system administrator),
in the CLI's language with the words and dates of the token table on the pages."""
from __future__ import annotations

from datetime import date

import click

from registry.cli.context import session_scope
from registry.clock import local
from registry.cli.output import day, echo_lines, moment, name, say
from registry.cli.translated import group
from registry.domain.channels import CLI
from registry.domain.errors import N_
from registry.domain.permissions import Actor
from registry.services import tokens as token_service


@group(help=N_("Manage API tokens (docs/api.md)."))
def tokens() -> None:
    pass


@tokens.command(help=N_("Create a token; the secret is printed once and cannot be shown again."))
@click.option("--user", "username", required=True, help=N_("The user the token acts as (same role and district)."))
@click.option("--name", default="cli", show_default=True, help=N_("A label to recognise the token by."))
@click.option("--expires", type=click.DateTime(formats=["%Y-%m-%d"]), metavar="YYYY-MM-DD", help=N_("Expiry date (00:00 Asia/Shanghai)."))
@click.option("--days", type=int, metavar="N", help=N_("Valid for N days (default 90)."))  # token_service.DEFAULT_DAYS
@click.option("--read-only", is_flag=True, help=N_("The token may only read (GET): an export, a GIS client."))
def create(username: str, name: str, expires, days: int | None, read_only: bool) -> None:
    until: date | None = expires.date() if expires else None
    with session_scope() as session:
        created = token_service.create_token(session, Actor.system(CLI), username, name,
                                             token_service.expiry(days=days, until=until), read_only=read_only)
    # the secret alone on the last line, for a script to take
    say(N_("token %(id)s for %(user)s (%(access)s), expires %(expires)s"), id=created.token.id, user=username,
        access=_access(read_only), expires=day(local(created.token.expires_at).date()))
    click.echo(created.secret)


def _access(read_only: bool) -> str:
    return name(N_("Read only") if read_only else N_("Read and write"))


STATES = {"active": N_("Active"), "expired": N_("Expired"), "revoked": N_("Revoked"),
          "suspended": N_("Suspended: the account is disabled")}


@tokens.command("list", help=N_("List a user's tokens (never their secrets): id, prefix, state, access, expiry, last "
                                "use, name."))
@click.option("--user", "username", required=True, help=N_("The user whose tokens are listed."))
def list_tokens(username: str) -> None:
    with session_scope() as session:
        found = token_service.list_tokens(session, Actor.system(CLI), username)
    echo_lines(map(_token_line, found), N_("No API token yet."))


def _token_line(t) -> str:
    used = moment(t.last_used_at) if t.last_used_at else name(N_("Never"))
    return (f"{t.id:5d}  {t.prefix}…  {name(STATES[t.state()])}  {_access(t.read_only)}  "
            + name(N_("Expires")) + f" {day(local(t.expires_at).date())}  " + name(N_("Last used")) + f" {used}  {t.name}")


@tokens.command(help=N_("Revoke a token at once."))
@click.argument("token_id", type=int)
def revoke(token_id: int) -> None:
    with session_scope() as session:
        token = token_service.revoke_token(session, Actor.system(CLI), token_id)
    say(N_("revoked token %(id)s (%(prefix)s…) of %(user)s"), id=token.id, prefix=token.prefix, user=token.username)
