"""``registry savings FILE``: compute a savings input document and print the result as JSON."""
from __future__ import annotations

import json

import click

from registry.cli.context import session_scope
from registry.domain.errors import N_, ValidationError
from registry.i18n import cli_translator
from registry.services import savings as savings_service


@click.command()
@click.argument("file", type=click.File("rb"))
def savings(file) -> None:
    """Compute the savings of the input document in FILE ('-' for stdin); print JSON."""
    raw = file.read()
    try:
        document = json.loads(raw)
    except (ValueError, UnicodeDecodeError) as exc:
        raise ValidationError.single("document", N_("is not valid JSON: %(reason)s"), reason=str(exc))
    with session_scope() as session:
        result = savings_service.compute(session, document)
    click.echo(json.dumps(result.to_dict(cli_translator()), ensure_ascii=False, indent=2))
