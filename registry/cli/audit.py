"""``registry audit list``: the audit trail on the command line (the CLI reads as the system
administrator: all of it), newest first, one entry a line."""
from __future__ import annotations

import click

from registry.cli.context import session_scope
from registry.clock import local
from registry.domain.audit_trail import EXPORT_CAP, parse_trail_filter
from registry.domain.channels import CLI
from registry.domain.json_text import dump_json
from registry.domain.permissions import Actor
from registry.services import audit_trail


@click.group()
def audit() -> None:
    """Read the append-only audit trail (docs/operations.md, "The audit trail")."""


@audit.command("list")
@click.option("--user", "username", help="Only this user name's actions.")
@click.option("--entity", help="Only this kind of record: project, parcel, enterprise, user, api_token, target, …")
@click.option("--id", "entity_id", help="Only the record with this id (with --entity).")
@click.option("--action", help="Only this action: create, update, approve, export, …")
@click.option("--channel", help="Only what came through this channel: web, api, cli, system, unknown.")
@click.option("--since", help="From this day (YYYY-MM-DD, Beijing time).")
@click.option("--until", help="To this day, included (YYYY-MM-DD, Beijing time).")
@click.option("--limit", type=click.IntRange(1, EXPORT_CAP), default=50, show_default=True,
              help="At most this many entries, the newest.")
def list_entries(username, entity, entity_id, action, channel, since, until, limit: int) -> None:
    """List entries newest first: moment (Beijing time), user, action, record, channel ("via api:3
    (name)" for an API token's), changes as logged."""
    filters = parse_trail_filter({"user": username, "entity": entity, "entity_id": entity_id, "action": action,
                                  "channel": channel, "since": since, "until": until})
    with session_scope() as session:
        trail = audit_trail.export_trail(session, Actor.system(CLI), filters, cap=limit)
    for e in trail.entries:
        record = f"{e.entity}:{e.entity_id}" + (f" ({e.record_name})" if e.record_name else "")
        line = f"{local(e.at).isoformat(timespec='seconds')}  {e.username or 'system'}  {e.action}  {record}"
        line += f"  via {e.channel}" + (f":{e.api_token_id} ({e.api_token_name})" if e.api_token_id is not None else "")
        if e.changes:
            line += "  " + dump_json(e.changes, ensure_ascii=False)
        if e.note:
            line += f"  note: {e.note}"
        click.echo(line)
    if trail.capped:
        click.echo(f"({len(trail.entries)} of {trail.total} entries; raise --limit or narrow the filters)", err=True)
