"""Through which channel an actor acts: what the audit trail records beside the user (``audit_log.channel``).

The channel is the credential the change came with, known where the actor is built: a browser's
sign-in is the web (the pages' own scripts calling ``/api/`` with the session cookie included), a
bearer token the API (and then which token, by its id: never its secret), ``registry … [--as USER]``
the command line, and the registry itself — the demo, a synthetic load, a migration — the system.
Entries written before migration 0031 are ``unknown``: nobody recorded it, and it is not guessed.
"""
from __future__ import annotations

from registry.domain.errors import N_

WEB = "web"
API = "api"
CLI = "cli"
SYSTEM = "system"
UNKNOWN = "unknown"

# codes as stored (migration 0031 keeps its own frozen copy in its CHECK), with their names
CHANNELS: dict[str, str] = {
    WEB: N_("Web"),
    API: N_("API"),
    CLI: N_("Command line"),
    SYSTEM: N_("System"),
    UNKNOWN: N_("Unknown"),
}


def check_channel(channel: str, api_token_id: int | None) -> None:
    """A channel the log accepts: a known code, and a token id with the API and only there (the
    database's CHECK says the same). A ``ValueError`` is a programming error, never the user's."""
    if channel not in CHANNELS:
        raise ValueError(f"unknown channel {channel!r}")
    if (channel == API) != (api_token_id is not None):
        raise ValueError("an API token id goes with the API channel, and the API channel needs one")
