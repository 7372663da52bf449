"""The online monitoring page (能耗在线监测): the key energy users' monitored consumption by credit code
and year, filtered by code and year (reviewers and administrators: every row; district staff: their
district's enterprises'), and for administrators the upload of a CSV or XLSX of figures, checked row by
row and loaded all or nothing (services/monitoring.py; the command line's is ``registry monitoring
import``)."""
from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from flask import Blueprint, render_template, request, url_for
from flask_babel import gettext

from registry.auth import current_actor
from registry.db import get_session
from registry.domain.errors import N_, ValidationError
from registry.domain.numbers import whole_number
from registry.domain.permissions import ADMIN, require_role
from registry.user_messages import field_texts, message_text
from registry.request_bodies import UploadBound, takes_upload
from registry.services import monitoring as service
from registry.services.monitoring_file import COLUMNS
from registry.domain.fields import Errors
from registry.web.paging import beyond_last_page, page_number
from registry.web.refused_query import refused_lines

bp = Blueprint("monitoring", __name__, url_prefix="/monitoring")

# A file of figures: a row is some 60 bytes, so 10 MB holds every key energy user's figures of decades.
MAX_FILE_BYTES = 10 * 1024 * 1024
UPLOAD = UploadBound(lambda: MAX_FILE_BYTES, N_("A file of monitored figures may be at most %(mb)s MB: this upload is larger."))


def _page(load: service.MonitoringLoad | None = None, upload_error: str | None = None, status: int = 200,
          held: service.FiguresHeld | None = None):
    actor, args, refused = current_actor(), request.args, Errors()
    number = page_number(refused, args.get("page"))  # a page that is none: said above the list, page 1
    try:
        page = service.list_monitoring(get_session(), actor, args.get("code"), args.get("year"), number)
        filter_errors = {}
    except ValidationError as error:  # a filter that cannot match: said beside it, the rows unfiltered
        filter_errors = field_texts(error)
        page = service.list_monitoring(get_session(), actor, page=number)
    if request.method == "GET" and (last := beyond_last_page(page.page, page.pages)) is not None:
        return last
    return render_template("monitoring/index.html", page=page, args=args, filter_errors=filter_errors,
                           may_load=actor.role == ADMIN, load=load, upload_error=upload_error,
                           columns=[header for _, header in COLUMNS], held=held,
                           held_text=message_text(held) if held else None, refused_values=refused_lines(refused),
                           page_href=lambda n: url_for("monitoring.index", **(args.to_dict() | {"page": n}))), status


@bp.get("")
def index():
    return _page()


@bp.post("")
@takes_upload(UPLOAD)
def upload():
    actor = current_actor()
    require_role(actor, ADMIN)  # before the file is stored
    stored = request.files.get("file")
    if stored is None or not stored.filename:
        return _page(upload_error=gettext("choose a file to upload"), status=422)
    workdir = Path(tempfile.mkdtemp(prefix="registry-monitoring-"))
    try:
        path = workdir / f"upload{Path(stored.filename).suffix.lower()[:8]}"
        stored.save(path)
        load = service.import_monitoring(get_session(), actor, path, dry_run=bool(request.form.get("dry_run")),
                                         name=stored.filename, replaces=_agreed(request.form.get("replaces")))
    except service.FiguresHeld as held:  # nothing written: how many it would replace, and a button to
        return _page(held=held, status=409)
    except ValidationError as error:  # the file as a whole: its type, unreadable, no header …
        return _page(upload_error=gettext("; ").join(field_texts(error).values()), status=422)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    return _page(load=load, status=422 if load.problems else 200)


def _agreed(text: str | None) -> int:
    """How many held figures the uploader agreed to replace: the count the page's question named, 0 without
    it (a first upload) or for a crafted value (asked again)."""
    return whole_number(text) or 0  # ASCII digits only: int() takes ² no more than it should take ١
