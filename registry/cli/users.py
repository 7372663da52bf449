"""``registry users create|disable|enable|set-role|reset-password|list``: lines in the CLI's
language, roles and districts by name as the user pages show them (a district with its code, as
``--district`` takes it)."""
from __future__ import annotations

import sys

import click

from registry.cli.context import session_scope
from registry.cli.output import NOTHING, coded, district_label, moment, name, say
from registry.cli.translated import group
from registry.domain.channels import CLI
from registry.domain.errors import N_, DistrictRef
from registry.domain.permissions import Actor
from registry.domain.vocabulary import ROLES
from registry.services import accounts, passwords
from registry.services.geodata import district_names

ROLE_CHOICE = click.Choice(["district_staff", "city_reviewer", "planner", "admin"])


@group(help=N_("Manage user accounts (the CLI acts as the system administrator)."))
def users() -> None:
    pass


@users.command(help=N_("Create a user; prints a generated password, which the user must replace at the first "
                       "sign-in, unless --password-stdin is given."))
@click.argument("username")
@click.option("--role", type=ROLE_CHOICE, required=True)
@click.option("--district", "district_code", help=N_("GB/T 2260 code; required for district_staff."))
@click.option("--name", "display_name", help=N_("Name shown in the UI."))
@click.option("--password-stdin", is_flag=True, help=N_("Read the password from standard input."))
def create(username: str, role: str, district_code: str | None, display_name: str | None, password_stdin: bool) -> None:
    password = sys.stdin.readline().rstrip("\n") if password_stdin else passwords.generated_password()
    with session_scope() as session:
        account = accounts.create_user(session, Actor.system(CLI), username, password, role, district_code, display_name,
                                       must_change_password=not password_stdin)
    say(N_("created user %(user)s (%(role)s)"), user=account.username, role=_role(account))
    if not password_stdin:
        say(N_("password: %(password)s"), password=password)


def _role(account: accounts.Account) -> str:
    """The role by name, with the district of district staff: 区级工作人员，浦东新区（310115）."""
    role = coded(ROLES, account.role)
    if not account.district_code:
        return role
    return name(", ").join((role, district_label(account.district_code)))


def _set_active(username: str, active: bool) -> None:
    with session_scope() as session:
        accounts.set_active(session, Actor.system(CLI), username, active)
    say(N_("enabled %(user)s") if active else N_("disabled %(user)s"), user=username)


@users.command(help=N_("Disable a user (the account and its history stay)."))
@click.argument("username")
def disable(username: str) -> None:
    _set_active(username, False)


@users.command(help=N_("Enable a disabled user."))
@click.argument("username")
def enable(username: str) -> None:
    _set_active(username, True)


@users.command("set-role", help=N_("Change a user's role (and district, for district staff)."))
@click.argument("username")
@click.option("--role", type=ROLE_CHOICE, required=True)
@click.option("--district", "district_code", help=N_("GB/T 2260 code; required for district_staff."))
def set_role(username: str, role: str, district_code: str | None) -> None:
    with session_scope() as session:
        account = accounts.set_role(session, Actor.system(CLI), username, role, district_code)
    say(N_("%(user)s is now %(role)s"), user=username, role=_role(account))


@users.command("reset-password", help=N_("Give a user a new generated password (printed); their sessions end and "
                                         "they must choose their own at the next sign-in."))
@click.argument("username")
def reset_password(username: str) -> None:
    with session_scope() as session:
        password = passwords.reset_password(session, Actor.system(CLI), username)
    say(N_("password: %(password)s"), password=password)


@users.command("list", help=N_("List users as the user page does, active first: user name, full name, role, "
                               "district, state, last sign-in."))
def list_users() -> None:
    with session_scope() as session:
        listed = accounts.list_users(session, Actor.system(CLI))
        names = district_names(session, {row.account.district_code for row in listed if row.account.district_code})
    for row in listed:
        u = row.account
        state = name(N_("Enabled") if u.is_active else N_("Disabled"))
        if u.must_change_password:
            state = name(", ").join((state, name(N_("Password to change"))))
        click.echo("  ".join((u.username, u.display_name or NOTHING, coded(ROLES, u.role),
                              district_label(DistrictRef(u.district_code, names.get(u.district_code or ""))),
                              state, moment(row.last_sign_in) if row.last_sign_in else name(N_("Never")))))
