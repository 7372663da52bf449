"""Running the ``registry`` command in-process, as a shell would, on a database of its own."""
from __future__ import annotations

from click.testing import CliRunner, Result

from registry.cli import cli


def run(runner: CliRunner, url: str, *args: str, input: str | None = None) -> Result:
    """``registry ARGS`` with ``DATABASE_URL=url`` and English messages (``REGISTRY_LANG=en``)."""
    return runner.invoke(cli, list(args), env={"DATABASE_URL": url, "REGISTRY_LANG": "en"}, input=input)
