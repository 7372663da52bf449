"""An enterprise's page: its details, its projects, its history."""
from __future__ import annotations

from flask import Blueprint, render_template

from registry.auth import current_actor
from registry.db import get_session
from registry.services import enterprises, history
from registry.web.projects import vocabularies

bp = Blueprint("enterprises", __name__, url_prefix="/enterprises")


@bp.get("/<int:enterprise_id>")
def detail(enterprise_id: int):
    found = enterprises.get_enterprise(get_session(), current_actor(), enterprise_id)
    refs = history.references(get_session(), found.history)
    return render_template("enterprises/detail.html", detail=found, history_refs=refs, **vocabularies())
