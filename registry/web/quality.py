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
from registry.domain.fields import Errors
from registry.domain.permissions import DISTRICT_STAFF
from registry.domain.quality import ENTERPRISES, PARCELS, PROJECTS
from registry.services import freed_land
from registry.services import quality as svc
from registry.services.district_filter import known_districts
from registry.services.projects.filters import district_param
from registry.web.refused_query import refused_lines

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


def _asked_district(session, refused: Errors) -> str | None:
    """The district a city role chose; a value that is no district code, or the code of no district,
    is said above the page (``refused``), which then checks the city's records — the API refuses it."""
    district = district_param(refused, request.args)
    return next(iter(known_districts(session, refused, [district])), None)


@bp.get("/")
def index():
    session, actor, refused = get_session(), current_actor(), Errors()
    # district staff's page is their own district's, whatever the address asks (checked_district)
    report = svc.quality_report(session, actor, None if actor.role == DISTRICT_STAFF else _asked_district(session, refused))
    english = str(get_locale()) == "en"
    districts = {code: en if english else zh for code, zh, en in freed_land.district_choices(session)}
    rows = [Row(r.check.label, r.check.why, r.failing, _list_href(r)) for r in report.results]
    return render_template("quality/index.html", rows=rows, district=report.district_code, districts=districts,
                           staff=actor.role == DISTRICT_STAFF, refused_values=refused_lines(refused))
