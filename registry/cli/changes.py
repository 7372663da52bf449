"""What an audit entry changed, in the CLI's language: the words of the project's history and of the
audit trail's page (web/display.history_changes) as plain text — 状态：已提交 → 已批准, a figure
rounded with its unit, a day or a moment as the pages show them, a code by its name, an enterprise,
parcel or district by its name. ``registry audit list`` and ``registry projects correct`` print them."""
from __future__ import annotations

from datetime import date, datetime
from typing import Any, Callable

from registry.cli.output import (
    NOTHING, RECORD_KINDS, coded, day, district_label, figure, file_size, labelled, moment, name, nobody, number, text,
)
from registry.domain.display import (
    SUMMARY_ACTIONS, as_decimal, changed_keys, field_label, figure_unit, is_date_field, is_moment_field, is_number_field, leaf,
    value_label,
)
from registry.domain.errors import N_, DistrictRef
from registry.domain.field_names import input_field_name
from registry.domain.audit_vocabulary import AUDIT_ACTIONS
from registry.domain.presentation import given_places
from registry.repositories.audit import HistoryRow
from registry.services.history import References


def _parsed(value: Any, parse: Callable[[str], Any]) -> Any:
    try:
        return parse(value) if isinstance(value, str) else None
    except ValueError:
        return None


def shown(entity: str, field: str, value: Any) -> str:
    """A stored value as read: — for none, yes/no, a code by its name, a number as it was given."""
    if value is None or value == "":
        return NOTHING
    if isinstance(value, bool):
        return name(N_("Yes") if value else N_("No"))
    label = value_label(entity, field, value)
    if label is not None:
        return name(label)
    if isinstance(value, int) and leaf(field).endswith("year"):
        return str(value)  # a year is not grouped: 2013, not 2,013
    found = as_decimal(value) if not isinstance(value, str) or is_number_field(field) else None
    return number(found, given_places(found)) if found is not None else str(value)


def _value(entity: str, field: str, value: Any, refs: References) -> str:
    if is_date_field(field) and (parsed := _parsed(value, date.fromisoformat)) is not None:
        return day(parsed)
    if is_moment_field(field) and (parsed := _parsed(value, datetime.fromisoformat)) is not None:
        return moment(parsed)
    if field == "size_bytes" and isinstance(value, int) and not isinstance(value, bool):
        return file_size(value)
    if (unit := figure_unit(field)) and (found := as_decimal(value)) is not None:
        return figure(found, unit)
    if field == "enterprise_id" and value in refs.enterprises:
        return refs.enterprises[value]
    if field == "parcel_ids" and isinstance(value, list):
        return name(", ").join(refs.parcels.get(i, str(i)) for i in value) if value else NOTHING
    if field == "district_code" and isinstance(value, str):
        return district_label(DistrictRef(value, refs.districts.get(value)))
    if isinstance(value, list):
        return name(", ").join(shown(entity, field, v) for v in value) if value else NOTHING
    if isinstance(value, dict):  # a load's counts by section: {"districts": 16, "zones": 0, …}
        return name(", ").join(f"{coded(RECORD_KINDS, k)} {shown(entity, k, v)}" for k, v in value.items()) or NOTHING
    return shown(entity, field, value)


def _label(field: str) -> str:
    found = field_label(field)
    return text(found[0], **found[1]) if found else field


def _input_name(key: str) -> str:
    parts = input_field_name(key)
    return " · ".join(part.render(name) for part in parts) if parts else key


def _line(label: str, before: str, after: str) -> str:
    return text(N_("%(label)s: %(value)s"), label=label,
                value=text(N_("%(before)s → %(after)s"), before=before, after=after))


def change_lines(entity: str, changes: dict | None, refs: References | None = None,
                 action: str | None = None) -> list[str]:
    """One "field: before → after" per changed field of an audit entry; a changed document (the
    savings inputs) by the names of its inputs that changed; an import's or a load's summary
    (``action``) as figures with no before."""
    refs = refs or References()
    if action in SUMMARY_ACTIONS:
        return [_line(_label(field), NOTHING, _value(entity, field, value, refs)) for field, value in (changes or {}).items()]
    lines = []
    for field, (before, after) in (changes or {}).items():
        if isinstance(before, dict) or isinstance(after, dict):
            keys = name(", ").join(_input_name(k) for k in changed_keys(before, after))
            lines.append(_line(_label(field), NOTHING if before is None else "…",
                               text(N_("changed: %(fields)s"), fields=keys)))
        else:
            lines.append(_line(_label(field), _value(entity, field, before, refs), _value(entity, field, after, refs)))
    return lines



def history_lines(entity: str, entries: list[HistoryRow], refs: References | None = None) -> list[str]:
    """A record's history as ``show`` prints it: "History: N", then each entry (when, who, what, its
    note), and under it, with ``refs`` (``services.history.references``), what it changed."""
    lines = [labelled(N_("History"), str(len(entries)))]
    for entry in entries:
        note = f"  {entry.note}" if entry.note else ""
        lines.append(f"  {moment(entry.at)}  {nobody(entry.username)}  {coded(AUDIT_ACTIONS, entry.action)}{note}")
        if refs is not None:
            lines += [f"    {line}" for line in change_lines(entity, entry.changes, refs, entry.action)]
    return lines
