"""``registry users create|disable|enable|set-role|reset-password|list``."""
from __future__ import annotations

import sys

import click
from sqlalchemy import select

from registry.cli.context import session_scope
from registry.domain.channels import CLI
from registry.domain.permissions import Actor
from registry.models import User
from registry.services import accounts, passwords

ROLE_CHOICE = click.Choice(["district_staff", "city_reviewer", "planner", "admin"])


@click.group()
def users() -> None:
    """Manage user accounts (the CLI acts as the system administrator)."""


@users.command()
@click.argument("username")
@click.option("--role", type=ROLE_CHOICE, required=True)
@click.option("--district", "district_code", help="GB/T 2260 code; required for district_staff.")
@click.option("--name", "display_name", help="Name shown in the UI.")
@click.option("--password-stdin", is_flag=True, help="Read the password from standard input.")
def create(username: str, role: str, district_code: str | None, display_name: str | None, password_stdin: bool) -> None:
    """Create a user; prints a generated password, which the user must replace at the first sign-in,
    unless --password-stdin is given."""
    password = sys.stdin.readline().rstrip("\n") if password_stdin else passwords.generated_password()
    with session_scope() as session:
        account = accounts.create_user(session, Actor.system(CLI), username, password, role, district_code, display_name,
                                       must_change_password=not password_stdin)
    click.echo(f"created {account.username} ({account.role}{', ' + district_code if district_code else ''})")
    if not password_stdin:
        click.echo(f"password: {password}")


def _set_active(username: str, active: bool) -> None:
    with session_scope() as session:
        accounts.set_active(session, Actor.system(CLI), username, active)
    click.echo(f"{'enabled' if active else 'disabled'} {username}")


@users.command()
@click.argument("username")
def disable(username: str) -> None:
    """Disable a user (the account and its history stay)."""
    _set_active(username, False)


@users.command()
@click.argument("username")
def enable(username: str) -> None:
    """Enable a disabled user."""
    _set_active(username, True)


@users.command("set-role")
@click.argument("username")
@click.option("--role", type=ROLE_CHOICE, required=True)
@click.option("--district", "district_code")
def set_role(username: str, role: str, district_code: str | None) -> None:
    """Change a user's role (and district, for district staff)."""
    with session_scope() as session:
        accounts.set_role(session, Actor.system(CLI), username, role, district_code)
    click.echo(f"{username} is now {role}{' of ' + district_code if district_code else ''}")


@users.command("reset-password")
@click.argument("username")
def reset_password(username: str) -> None:
    """Give a user a new generated password (printed); their sessions end and they must choose their
    own at the next sign-in."""
    with session_scope() as session:
        password = passwords.reset_password(session, Actor.system(CLI), username)
    click.echo(f"password: {password}")


@users.command("list")
def list_users() -> None:
    """List users."""
    with session_scope() as session:
        for user in session.scalars(select(User).order_by(User.username)):
            state = ("" if user.is_active else " (disabled)") + (" (password to change)" if user.must_change_password else "")
            click.echo(f"{user.username:20s} {user.role:15s} {user.district_code or '':7s}{state}")
