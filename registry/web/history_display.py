"""A history entry's changes as the page shows them: each field by its label, dates and moments
in the reader's format, figures with their units, the ids it names (enterprise, parcels, district)
as links to what they name; a changed savings document by the names of the inputs that changed.
The audit page, a project's and a parcel's history and the audit export read it."""
from __future__ import annotations

from datetime import date, datetime
from typing import Any, Callable

from flask import Blueprint, url_for
from flask_babel import format_date, gettext
from markupsafe import Markup, escape

from registry.domain.display import (
    SUMMARY_ACTIONS, changed_keys, field_label, figure_unit, is_date_field, is_moment_field,
)
from registry.domain.errors import DistrictRef
from registry.domain.field_names import input_field_name
from registry.i18n import format_moment
from registry.services.history import References
from registry.web.display import NOTHING, district, figure, file_size, named_parts, shown

bp = Blueprint("history_display", __name__)


def _link(endpoint: str, name: str, **ids: Any) -> Markup:
    return Markup('<a href="{}">{}</a>').format(url_for(endpoint, **ids), name)


def _time(value: Any, parse: Callable[[str], Any], show: Callable[[Any], str]) -> Markup | None:
    """An ISO day or moment (as the audit log keeps them) as the page shows it, its ISO text as the
    title; ``None`` for anything else."""
    try:
        parsed = parse(value) if isinstance(value, str) else None
    except ValueError:
        return None
    return Markup('<time datetime="{}">{}</time>').format(value, show(parsed)) if parsed else None


def _history_value(entity: str, name: str, value: Any, refs: References) -> Markup:
    if is_date_field(name) and (day := _time(value, date.fromisoformat, format_date)) is not None:
        return day
    if is_moment_field(name) and (moment := _time(value, datetime.fromisoformat, format_moment)) is not None:
        return moment
    if name == "size_bytes":
        return file_size(value)
    if name == "file_sha256" and isinstance(value, str):  # 64 hex digits: broken anywhere, not the card's width
        return Markup('<code class="checksum">{}</code>').format(value)
    if (unit := figure_unit(name)) and value is not None:
        return figure(value, unit)
    if name == "enterprise_id" and value in refs.enterprises:
        return _link("enterprises.detail", refs.enterprises[value], enterprise_id=value)
    if name == "parcel_ids" and isinstance(value, list):
        links = [_link("land.parcel", refs.parcels[i], parcel_id=i) if i in refs.parcels else escape(i)
                 for i in value]
        return Markup(gettext(", ")).join(links) if links else NOTHING
    if name == "registered_from" and isinstance(value, str):  # a reference: the search box opens its project
        return _link("search.index", value, q=value)
    if name == "district_code" and isinstance(value, str) and value in refs.districts:
        return district(DistrictRef(value, refs.districts[value]))
    if isinstance(value, list):  # each as one value of the field (an export's districts: their names)
        return Markup(gettext(", ")).join(_history_value(entity, name, v, refs) for v in value) if value else NOTHING
    return shown(value, name, entity)


def _input_name(key: str) -> Markup:
    """A key of the savings input document by the name the energy step gives it; an unknown one as code."""
    name = named_parts(input_field_name(key))
    return escape(name) if name else Markup("<code>{}</code>").format(key)


def _label(name: str) -> str:
    found = field_label(name)
    return gettext(found[0], **found[1]) if found else name


@bp.app_template_global()
def history_changes(entity: str, changes: dict, refs: References | None = None,
                    action: str | None = None) -> list[tuple[str, Markup, Markup]]:
    """The rows (field label, before, after) of one history entry; a changed document (the savings
    inputs) is summarised by the names of the inputs that changed. An import's or a load's summary
    (``action``) has no before: each of its figures is an after."""
    refs = refs or References()
    if action in SUMMARY_ACTIONS:
        return [(_label(name), NOTHING, _history_value(entity, name, value, refs)) for name, value in changes.items()]
    rows = []
    for name, (before, after) in changes.items():
        if isinstance(before, dict) or isinstance(after, dict):
            keys = [_input_name(k) for k in changed_keys(before, after)]
            summary = Markup(gettext("changed: %(fields)s", fields=Markup(gettext(", ")).join(keys)))
            rows.append((_label(name), NOTHING if before is None else Markup("…"), summary))
            continue
        rows.append((_label(name), _history_value(entity, name, before, refs),
                     _history_value(entity, name, after, refs)))
    return rows
