"""``registry audit list``: the audit trail on the command line (the CLI reads as the system
administrator: all of it), newest first, one entry a line in the CLI's language — the moment as the
pages show it, the user, the action and the kind of record by their names, what changed as the
trail's page words it — or ``--json``, the entries as logged (codes, ISO 8601), for scripts."""
from __future__ import annotations

import click

from registry.cli.changes import change_lines
from registry.cli.context import session_scope
from registry.cli.output import coded, echo_json, echo_lines, moment, name, nobody, noted, text
from registry.cli.translated import group
from registry.domain.audit_trail import EXPORT_CAP, parse_trail_filter
from registry.domain.channels import CHANNELS, CLI
from registry.domain.errors import N_
from registry.domain.permissions import Actor
from registry.domain.audit_vocabulary import AUDIT_ACTIONS, AUDIT_ENTITIES, note_msgid
from registry.services import audit_trail


@group(help=N_('Read the append-only audit trail (docs/operations.md, "The audit trail").'))
def audit() -> None:
    pass


@audit.command("list", help=N_("List entries newest first: moment (Beijing time), user, action, record, channel "
                               '("via API 3 (name)" for an API token\'s), what changed, note.'))
@click.option("--user", "username", help=N_("Only this user's actions: a user name, or a full name."))
@click.option("--entity", help=N_("Only this kind of record: project, parcel, enterprise, user, api_token, target, …"))
@click.option("--id", "entity_id", help=N_("Only the record with this id (with --entity)."))
@click.option("--action", help=N_("Only this action: create, update, approve, export, …"))
@click.option("--channel", help=N_("Only what came through this channel: web, api, cli, system, unknown."))
@click.option("--since", help=N_("From this day (YYYY-MM-DD, Beijing time)."))
@click.option("--until", help=N_("To this day, included (YYYY-MM-DD, Beijing time)."))
@click.option("--limit", type=click.IntRange(1, EXPORT_CAP), default=50, show_default=True,
              help=N_("At most this many entries, the newest."))
@click.option("--json", "as_json", is_flag=True,
              help=N_("Print JSON: the entries as logged (action and record codes, changes as [before, after])."))
def list_entries(username, entity, entity_id, action, channel, since, until, limit: int, as_json: bool) -> None:
    filters = parse_trail_filter({"user": username, "entity": entity, "entity_id": entity_id, "action": action,
                                  "channel": channel, "since": since, "until": until})
    with session_scope() as session:
        trail = audit_trail.export_trail(session, Actor.system(CLI), filters, cap=limit)
    if trail.no_such_user:  # said as the page says it: an empty list alone read as "this user did nothing"
        click.echo(text(N_("No user has the user name or full name “%(name)s”."), name=username), err=True)
    if as_json:
        echo_json({"total": trail.total, "items": [
            {"at": e.at, "username": e.username, "display_name": e.display_name, "action": e.action,
             "entity": e.entity, "entity_id": e.entity_id, "record_name": e.record_name, "changes": e.changes,
             "channel": e.channel, "api_token_id": e.api_token_id, "note": e.note} for e in trail.entries]})
        return
    # the page's empty table says it too, after its no-such-user notice
    echo_lines((_entry_line(e, trail.refs) for e in trail.entries), N_("No entry matches these filters."))
    if trail.capped:
        click.echo(text(N_("(%(shown)d of %(total)d entries; raise --limit or narrow the filters)"),
                        shown=len(trail.entries), total=trail.total), err=True)


def _entry_line(e, refs) -> str:
    who = noted(nobody(e.username), e.display_name if e.display_name != e.username else None)
    record = noted(f"{coded(AUDIT_ENTITIES, e.entity)} {e.entity_id}", e.record_name)
    line = f"{moment(e.at)}  {who}  {coded(AUDIT_ACTIONS, e.action)}  {record}  {_channel(e)}"
    changes = change_lines(e.entity, e.changes, refs, e.action)
    if changes:
        line += "  " + name("; ").join(changes)
    if e.note:
        msgid = note_msgid(e.entity, e.note)  # the registry's own notes worded, a person's as typed
        note = name(msgid) if msgid else e.note
        line += "  " + text(N_("%(label)s: %(value)s"), label=name(N_("Note")), value=note)
    return line


def _channel(entry) -> str:
    """"via Command line"; an API token's by its id and name: "via API 7 (nightly sync)"."""
    channel = coded(CHANNELS, entry.channel)
    if entry.api_token_id is not None:
        channel = noted(f"{channel} {entry.api_token_id}", entry.api_token_name)
    return text(N_("via %(channel)s"), channel=channel)
