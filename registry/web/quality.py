"""The data-quality page (数据质量检查, ``/quality/``): each check of ``services.quality`` with why it
matters, how many records fail it and a link to the list that shows exactly those records. Thin:
read the district, call the service, render.

Every signed-in role reads it (the overview links to it): the city roles the city or one district
they choose, district staff their own district (docs/registration.md, "Data-quality checks").
"""
from __future__ import annotations

from dataclasses import dataclass

from flask import Blueprint, render_template, request, url_for
from flask_babel import get_locale

from registry.auth import current_actor
from registry.db import get_session
from registry.domain.numbers import is_ascii_digits
from registry.domain.permissions import DISTRICT_STAFF
from registry.domain.quality import ENTERPRISES, PARCELS, PROJECTS
from registry.services import freed_land
from registry.services import quality as svc

bp = Blueprint("quality", __name__, url_prefix="/quality")

# The list each kind of record is shown on: the page's links (LIST_PAGES) and the API's (api/v1/quality.py)
LIST_PAGES = {PROJECTS: "projects.index", ENTERPRISES: "enterprises.index", PARCELS: "parcel_list.index"}


@dataclass(frozen=True)
class Row:
    label: str  # msgids
    why: str
    failing: int
    href: str  # the list, filtered to the records failing the check


def _list_href(result: svc.CheckResult) -> str:
    """The URL of the list showing the records failing ``result``'s check."""
    return url_for(LIST_PAGES[result.check.records], **dict(result.link))


def _asked_district() -> str | None:
    """The district a city role chose; a value that is no district code is passed over, as the
    lists pass over a typed ?kind=boilers (the API refuses it)."""
    asked = request.args.get("district", "").strip()
    return asked if is_ascii_digits(asked) and len(asked) == 6 else None


@bp.get("/")
def index():
    session, actor = get_session(), current_actor()
    report = svc.quality_report(session, actor, None if actor.role == DISTRICT_STAFF else _asked_district())
    english = str(get_locale()) == "en"
    districts = {code: en if english else zh for code, zh, en in freed_land.district_choices(session)}
    rows = [Row(r.check.label, r.check.why, r.failing, _list_href(r)) for r in report.results]
    return render_template("quality/index.html", rows=rows, district=report.district_code, districts=districts,
                           staff=actor.role == DISTRICT_STAFF)
