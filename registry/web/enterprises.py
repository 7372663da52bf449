"""An enterprise's page: its details, its projects, its history; the directory of them (企业名录)."""
from __future__ import annotations

from flask import Blueprint, render_template, request

from registry.auth import current_actor
from registry.db import get_session
from registry.domain.industries import INDUSTRY_SECTIONS
from registry.services import enterprise_directory, enterprises, history
from registry.web import enterprise_directory as directory
from registry.web.paging import beyond_last_page
from registry.web.projects import vocabularies

bp = Blueprint("enterprises", __name__, url_prefix="/enterprises")


@bp.get("/<int:enterprise_id>")
def detail(enterprise_id: int):
    found = enterprises.get_enterprise(get_session(), current_actor(), enterprise_id)
    refs = history.references(get_session(), found.history)
    return render_template("enterprises/detail.html", detail=found, history_refs=refs, **vocabularies())


@bp.get("/")
def index():
    """The enterprise directory (企业名录): every signed-in role reads it (web/enterprise_directory.py)."""
    actor = current_actor()
    args = directory.directory_args(actor, request.args)
    filters = directory.directory_filter(args)
    found = enterprise_directory.list_enterprises(get_session(), actor, filters)
    if (last := beyond_last_page(found.page, found.pages)) is not None:
        return last
    sorts = {key: directory.sort_link(args, filters, key) for key in enterprise_directory.SORT_KEYS}
    return render_template("enterprises/index.html", page=found, filters=filters, args=args, sorts=sorts,
                           page_sizes=directory.PAGE_SIZES, sections=INDUSTRY_SECTIONS, **vocabularies())
