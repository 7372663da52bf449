"""The ``registry`` command. Thin: parse, call a service, print. Errors are mapped once, here."""
from __future__ import annotations

import sys

import click

from registry.cli.click_words import click_speaks
from registry.cli.translated import TranslatedGroup
from registry.domain.errors import N_, RegistryError, Show
from registry.i18n import cli_locale, cli_translator, presenter
from registry.localdb import LocalClusterError


def _district_names(code: str) -> tuple[str, str] | None:
    """A district's names for an error message; its code is said instead when they cannot be read."""
    from sqlalchemy.exc import SQLAlchemyError

    from registry.cli.context import session_scope
    from registry.services.geodata import district_names

    try:
        with session_scope() as session:
            return district_names(session, [code]).get(code)
    except (SQLAlchemyError, LocalClusterError):
        return None


def cli_presenter() -> Show:
    """How the values of a message read on the command line (``cli_locale``)."""
    return presenter(cli_locale(), _district_names)


class RegistryGroup(TranslatedGroup):
    """Turns the registry's errors (and the local cluster's) into one-line messages with exit status 2,
    never a traceback; click's own words (its help's frame, its usage errors) in the CLI's language
    while it runs."""

    def main(self, *args, **kwargs):
        with click_speaks(cli_translator()):
            return super().main(*args, **kwargs)

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except (RegistryError, LocalClusterError) as error:
            # the whole line in the CLI's language (REGISTRY_LANG, else LANG): 错误：… or error: …
            gettext, show = cli_translator(), cli_presenter()
            click.echo(gettext(N_("error: %(message)s")) % {"message": error.render(gettext, show)}, err=True)
            for refusal in getattr(error, "refusals", ()):  # a batch's or an upload's: each refused one, why
                click.echo("  " + gettext(N_("%(label)s: %(value)s")) % {"label": refusal.label,
                                                                          "value": refusal.error.render(gettext, show)},
                           err=True)
            ctx.exit(2)


@click.group(cls=RegistryGroup, help=N_("Shanghai energy-saving and structural-adjustment registry."))
def cli() -> None:
    pass


def _register() -> None:
    from registry.cli import db, demo, savings, users

    cli.add_command(db.db)
    cli.add_command(demo.demo)
    cli.add_command(demo.load)
    cli.add_command(savings.savings)
    cli.add_command(users.users)
    from registry.cli import rollups; cli.add_command(rollups.rollup); cli.add_command(rollups.close_year)
    from registry.cli import imports; imports.register(cli, demo.demo)  # bulk import/export (issue 7)
    from registry.cli import tokens; cli.add_command(tokens.tokens)  # API tokens (issue 8)
    from registry.cli import land; cli.add_command(land.freed_land)  # freed-land exports (issue 5)
    from registry.cli import land_output; cli.add_command(land_output.land)  # the land-output report
    from registry.cli import audit; cli.add_command(audit.audit)  # the audit trail
    from registry.cli import factors; cli.add_command(factors.factors)  # factors and equal values
    from registry.cli import documents, project_steps, projects  # projects' steps and documents as a user
    project_steps.register(projects.projects)
    from registry.cli import corrections; corrections.register(projects.projects)  # a verified project's correction
    from registry.cli import project_export; projects.projects.add_command(project_export.export)  # the list's download
    cli.add_command(projects.projects)
    cli.add_command(documents.documents_group)
    from registry.cli import enterprise_export, enterprise_list, enterprise_show, enterprises  # the directory, one, its correction
    enterprises.enterprises.add_command(enterprise_list.list_enterprises)
    enterprises.enterprises.add_command(enterprise_export.export)  # the directory's download
    enterprises.enterprises.add_command(enterprise_show.show)
    cli.add_command(enterprises.enterprises)
    from registry.cli import parcel_list; cli.add_command(parcel_list.parcels)  # the parcel list
    from registry.cli import quality; cli.add_command(quality.quality)  # the data-quality checks
    from registry.cli import monitoring; cli.add_command(monitoring.monitoring)  # online energy monitoring


def main() -> None:
    _register()
    sys.exit(cli.main(standalone_mode=True))
