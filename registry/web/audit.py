"""The audit trail page (审计日志): who changed what and when, across the registry, filtered and paged,
and its export as CSV or XLSX. Administrators read all of it, city reviewers the trail of projects,
parcels and enterprises (registry.domain.audit_trail)."""
from __future__ import annotations

from flask import Blueprint, Response, render_template, request, url_for
from flask_babel import gettext
from markupsafe import Markup, escape

from registry import clock
from registry.auth import current_actor
from registry.db import get_session
from registry.downloads import content_disposition
from registry.domain.audit_trail import EXPORT_CAP, parse_trail_filter, readable_entities
from registry.domain.channels import CHANNELS, SYSTEM
from registry.domain.errors import Listed, UNKNOWN_VALUE, ValidationError
from registry.domain.audit_vocabulary import AUDIT_ACTIONS, AUDIT_ENTITIES, note_msgid
from registry.user_messages import field_texts
from registry.i18n import labelled
from registry.services import audit_trail
from registry.services.audit_trail import TrailEntry
from registry.services.history import HistoryRow
from registry.web import audit_export
from registry.web.display import typed
from registry.web.paging import beyond_last_page
from registry.refused_downloads import list_download

bp = Blueprint("audit", __name__, url_prefix="/audit")

# The pages a trail entry links to, by kind of record: (endpoint, its argument, from the id or the name).
RECORD_PAGES = {"project": ("projects.detail", "project_id"), "parcel": ("land.parcel", "parcel_id"),
                "enterprise": ("enterprises.detail", "enterprise_id"), "user": ("users.detail", "username")}
FILTERS = ("user", "entity", "entity_id", "action", "channel", "since", "until")
SECONDARY_FILTERS = ("entity_id", "channel")  # the page's 更多筛选 (templates/_filter_form.html)


def vocabularies(actor) -> dict:
    kinds = readable_entities(actor)
    return {"audit_actions": AUDIT_ACTIONS, "link_users": actor.is_admin, "audit_channels": CHANNELS,
            "audit_entities": {k: v for k, v in AUDIT_ENTITIES.items() if kinds is None or k in kinds}}


@bp.app_template_global()
def audit_record(entry: TrailEntry, link_users: bool = False) -> Markup:
    """The record an entry is about: its kind in words, then its name linked to its page while it
    exists (a user's page for administrators only), else its id as logged."""
    kind = gettext(AUDIT_ENTITIES[entry.entity]) if entry.entity in AUDIT_ENTITIES else entry.entity
    page = RECORD_PAGES.get(entry.entity)
    if entry.record_name is None or page is None or (entry.entity == "user" and not link_users):
        shown = entry.record_name or ("" if entry.entity_id == "-" else entry.entity_id)
        return Markup("{} {}").format(kind, shown).strip()
    endpoint, argument = page
    value = entry.record_name if argument == "username" else int(entry.entity_id)
    # the id as the link's title: what the trail's "record id" filter takes
    return Markup('{} <a href="{}" title="{}">{}</a>').format(
        kind, url_for(endpoint, **{argument: value}), labelled(gettext("Record id"), entry.entity_id), entry.record_name)


@bp.app_template_global()
def audit_channel(entry: TrailEntry | HistoryRow) -> Markup:
    """The channel an entry came through, a small badge after the user (网页, 命令行 …); the API's
    names its token (接口 · 名称), the token's id as its title; never its secret, which nobody keeps.
    The system's own entries (the demo, a migration) have none: "系统 系统" would say it twice."""
    if entry.username is None and entry.channel == SYSTEM:
        return Markup("")
    name = gettext(CHANNELS[entry.channel]) if entry.channel in CHANNELS else entry.channel
    if entry.api_token_id is None:
        return Markup('<span class="badge channel channel-{}">{}</span>').format(entry.channel, name)
    token = entry.api_token_name or str(entry.api_token_id)
    return Markup('<span class="badge channel channel-api" title="{}">{}</span>').format(
        labelled(gettext("API token id"), entry.api_token_id), gettext("%(channel)s · %(token)s", channel=name, token=token))


@bp.app_template_global()
def audit_note(entry: TrailEntry) -> str:
    """An entry's note: what a person typed as typed, the registry's own (a password reset) worded."""
    msgid = note_msgid(entry.entity, entry.note)
    return gettext(msgid) if msgid else entry.note or ""


@bp.app_template_global()
def audit_user(entry: TrailEntry, link_users: bool = False) -> Markup:
    """Who made an entry: their name linked to their user page (administrators), the user name as its
    title; "System" for a migration or a demo load (a cell: capitalised as the channel's System)."""
    if entry.username is None:
        return escape(gettext("System"))
    if not link_users:
        return Markup('<span title="{}">{}</span>').format(entry.username, typed(entry.display_name))
    return Markup('<a href="{}" title="{}">{}</a>').format(
        url_for("users.detail", username=entry.username), entry.username, typed(entry.display_name))


def _filter_args() -> dict[str, str]:
    return {name: request.args[name] for name in FILTERS if request.args.get(name)}


@bp.get("")
def index():
    actor = current_actor()
    readable_entities(actor)  # who may not read the trail is refused before their filters are read
    try:
        filters = parse_trail_filter(request.args)
    except ValidationError as error:
        # the page again, the form as typed and each problem under the form's label: the bare error
        # page (since：一年没有13月) left nothing to correct it with; 200, as every page says what its
        # address gives that it cannot use (docs/development.md, "A page's refused address answers 200")
        return _page(actor, None, field_texts(error))
    page = audit_trail.read_trail(get_session(), actor, filters)
    if (last := beyond_last_page(page.page, page.pages)) is not None:
        return last
    return _page(actor, page)


def _page(actor, page: audit_trail.TrailPage | None, errors: dict[str, str] | None = None) -> str:
    args = _filter_args()
    # a refused record id opens 更多筛选 as a set one does: its problem is beside its field
    secondary = sum(1 for name in SECONDARY_FILTERS if name in args or name in (errors or {}))
    users = audit_trail.trail_users(get_session(), actor) if actor.is_admin else []
    return render_template("audit/index.html", page=page, args=args, export_cap=EXPORT_CAP, errors=errors or {},
                           secondary_in_use=secondary, trail_users=users, title=gettext("Audit trail"),
                           **vocabularies(actor))


@bp.get("/export")
@list_download("audit.index")
def export():
    actor = current_actor()
    fmt = request.args.get("format", "csv")
    if fmt not in audit_export.FORMATS:
        raise ValidationError.single("format", UNKNOWN_VALUE,
                                     value=fmt[:20], allowed=Listed(tuple(audit_export.FORMATS)))
    trail = audit_trail.download_trail(get_session(), actor, parse_trail_filter(request.args), fmt, cap=EXPORT_CAP)
    body = audit_export.file_bytes(trail, fmt)
    name = f"audit-trail-{clock.today().isoformat()}.{fmt}"  # dated, as every download of a list
    headers = {"Content-Disposition": content_disposition(name, name),
               "Content-Type": audit_export.FORMATS[fmt], "X-Registry-Matched": str(trail.total),
               "X-Registry-Exported": str(len(trail.entries))}
    return Response(body, headers=headers)
