"""``registry savings FILE``: compute a savings input document and print the result as JSON."""
from __future__ import annotations


import click

from registry.cli import cli_presenter
from registry.cli.context import session_scope
from registry.cli.translated import command
from registry.domain.errors import N_
from registry.domain.json_text import dump_json, load_document
from registry.i18n import cli_translator
from registry.services import savings as savings_service


@command(help=N_("Compute the savings of the input document in FILE ('-' for stdin); print JSON."))
@click.argument("file", type=click.Path(exists=True, dir_okay=False, allow_dash=True))
def savings(file: str) -> None:
    with click.open_file(file, "rb") as stream:
        document = load_document(stream.read(), "document")  # its numbers exact, as the API reads them
    with session_scope() as session:
        result = savings_service.compute(session, document)
    click.echo(dump_json(result.to_dict(cli_translator(), cli_presenter()), ensure_ascii=False, indent=2))
