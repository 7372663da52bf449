"""The audit trail as a file (CSV or XLSX) in the reader's language: the page's columns (the channel
and the API token in columns of their own), the changes as the page words them (``history_changes``,
its markup taken off) and as logged (JSON, every digit)."""
from __future__ import annotations

from flask_babel import gettext

from registry import clock
from registry.domain.channels import CHANNELS
from registry.domain.errors import N_
from registry.domain.json_text import dump_json
from registry.domain.audit_vocabulary import AUDIT_ACTIONS, AUDIT_ENTITIES, note_msgid
from registry.i18n import labelled, noted
from registry.services.audit_trail import TrailEntry, TrailExport
from registry.services.history import References
from registry.services.table_files import csv_bytes, xlsx_bytes
from registry.web.history_display import history_changes

FORMATS = {"csv": "text/csv; charset=utf-8",
           "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}
# (msgid of the header, width in characters in the workbook)
COLUMNS = ((N_("Time (Beijing time)"), 20), (N_("User name"), 14), (N_("Full name"), 16), (N_("Channel"), 10),
           (N_("API token"), 16), (N_("Action"), 14),
           (N_("Kind of record"), 14), (N_("Record id"), 10), (N_("Record"), 24), (N_("Changes"), 60),
           (N_("Note"), 30), (N_("Changes as logged (JSON)"), 40))


def _words(code: str, vocabulary: dict[str, str]) -> str:
    return gettext(vocabulary[code]) if code in vocabulary else code


def changes_text(entry: TrailEntry, refs: References) -> str:
    """One line per changed field, as the page shows it: 状态：已提交 → 已批准."""
    return "\n".join(
        labelled(label, gettext("%(before)s → %(after)s", before=before.striptags(), after=after.striptags()))
        for label, before, after in history_changes(entry.entity, entry.changes, refs, entry.action))


def _token(entry: TrailEntry) -> str:
    """The API token an entry came with: its name (its id), as the token list shows it; never its secret."""
    if entry.api_token_id is None:
        return ""
    return noted(entry.api_token_name, str(entry.api_token_id)) if entry.api_token_name else str(entry.api_token_id)


def _note(entry: TrailEntry) -> str:
    msgid = note_msgid(entry.entity, entry.note)  # the registry's own note (a password reset), worded
    return gettext(msgid) if msgid else entry.note or ""


def _row(entry: TrailEntry, refs: References) -> list:
    return [clock.local(entry.at), entry.username or gettext("System"), entry.display_name or "",
            _words(entry.channel, CHANNELS), _token(entry), _words(entry.action, AUDIT_ACTIONS), _words(entry.entity, AUDIT_ENTITIES), entry.entity_id,
            entry.record_name or "", changes_text(entry, refs), _note(entry),
            dump_json(entry.changes, ensure_ascii=False) if entry.changes else ""]


def file_bytes(trail: TrailExport, fmt: str) -> bytes:
    headers = [gettext(msgid) for msgid, _ in COLUMNS]
    rows = (_row(entry, trail.refs) for entry in trail.entries)
    if fmt == "xlsx":
        return xlsx_bytes(gettext("Audit trail"), headers, rows, [width for _, width in COLUMNS])
    return csv_bytes(headers, rows)
