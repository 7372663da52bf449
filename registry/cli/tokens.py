"""``registry tokens create|list|revoke``: API tokens (the CLI acts as the system administrator)."""
from __future__ import annotations

from datetime import date

import click

from registry.cli.context import session_scope
from registry.domain.channels import CLI
from registry.domain.permissions import Actor
from registry.services import tokens as token_service


@click.group()
def tokens() -> None:
    """Manage API tokens (docs/api.md)."""


@tokens.command()
@click.option("--user", "username", required=True, help="The user the token acts as (same role and district).")
@click.option("--name", default="cli", show_default=True, help="A label to recognise the token by.")
@click.option("--expires", type=click.DateTime(formats=["%Y-%m-%d"]), help="Expiry date (00:00 Asia/Shanghai).")
@click.option("--days", type=int, help=f"Valid for N days (default {token_service.DEFAULT_DAYS}).")
@click.option("--read-only", is_flag=True, help="The token may only read (GET): an export, a GIS client.")
def create(username: str, name: str, expires, days: int | None, read_only: bool) -> None:
    """Create a token; the secret is printed once and cannot be shown again."""
    until: date | None = expires.date() if expires else None
    with session_scope() as session:
        created = token_service.create_token(session, Actor.system(CLI), username, name,
                                             token_service.expiry(days=days, until=until), read_only=read_only)
    access = "read-only" if read_only else "read-write"
    click.echo(f"token {created.token.id} for {username} ({access}), expires {created.token.expires_at.isoformat()}")
    click.echo(created.secret)


@tokens.command("list")
@click.option("--user", "username", required=True)
def list_tokens(username: str) -> None:
    """List a user's tokens (never their secrets)."""
    with session_scope() as session:
        for t in token_service.list_tokens(session, Actor.system(CLI), username):
            used = t.last_used_at.isoformat(timespec="minutes") if t.last_used_at else "never"
            access = "read" if t.read_only else "write"
            click.echo(f"{t.id:5d}  {t.prefix}…  {t.state():8s} {access:5s}  expires {t.expires_at.date().isoformat()}  "
                       f"last used {used}  {t.name}")


@tokens.command()
@click.argument("token_id", type=int)
def revoke(token_id: int) -> None:
    """Revoke a token at once."""
    with session_scope() as session:
        token = token_service.revoke_token(session, Actor.system(CLI), token_id)
    click.echo(f"revoked token {token.id} ({token.prefix}…) of {token.username}")
