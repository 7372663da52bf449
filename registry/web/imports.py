"""Bulk import pages: upload a GIS file (district staff: parcels of their district), watch its
progress, read and download the error report; the project sheet template and project upload.

Thin: the upload is saved to a private temporary directory and handed to the same services
the CLI calls. Progress and reports are kept in the database for an hour
(services/upload_progress.py), so any worker answers the page's polls.
"""
from __future__ import annotations

import re
import shutil
import tempfile
import time
from pathlib import Path

from flask import Blueprint, Response, abort, jsonify, render_template, request
from flask_babel import gettext as _

from registry.auth import current_actor
from registry.db import get_session, side_engine
from registry.downloads import content_disposition
from registry.user_messages import message_text
from registry.domain.errors import N_, PermissionDenied, ValidationError
from registry.domain.permissions import ADMIN, DISTRICT_STAFF
from registry.services.imports import features, profiles, sources
from registry.services.imports.mapping import MappingProfile
from registry.services.imports.project_template import template_bytes
from registry.services.imports.projects import import_projects
from registry.services.imports.report import field_text
from registry.services.imports.results import workbook_counts, workbook_summary
from registry.request_bodies import UploadBound, takes_upload
from registry.services.upload_progress import UploadProgress, progress_of, report_of

bp = Blueprint("imports", __name__, url_prefix="/imports")

TOKEN = re.compile(r"^[A-Za-z0-9-]{8,64}$")


def _targets(role: str) -> list[str]:
    if role == ADMIN:
        return ["parcels", "zones", "districts", "projects"]
    return ["parcels", "projects"] if role == DISTRICT_STAFF else []


@bp.get("/")
def index():
    actor = current_actor()
    return render_template("imports/index.html", targets=_targets(actor.role),
                           profiles=profiles.saved_mapping_names(get_session(), "parcels"), actor=actor,
                           limits=sources.WEB_LIMITS, stages=stage_labels())


def _token() -> str:
    token = request.args.get("token") or request.form.get("token") or ""
    return token if TOKEN.match(token) else f"t{time.time_ns()}"


@bp.post("/upload")
@takes_upload(UploadBound(lambda: sources.WEB_LIMITS.max_file_bytes,
                          N_("A file for the bulk import may be at most %(mb)s MB: this upload is larger.")))
def upload():
    actor = current_actor()
    token = _token()
    target = request.form.get("target", "parcels")
    if target in _targets(ADMIN) and target not in _targets(actor.role):  # before the upload is read
        raise PermissionDenied(N_("Your role may not do this."))
    progress = UploadProgress(side_engine(), token, actor.user_id)
    progress.start()
    stored = request.files.get("file")
    if stored is None or not stored.filename:
        raise ValidationError.single("file", N_("choose a file to upload"))
    options = features.ImportOptions(
        target=target if target != "projects" else "parcels", on_error=request.form.get("on_error", "abort"), dry_run=bool(request.form.get("dry_run")),
        repair=bool(request.form.get("repair")), layer=request.form.get("layer") or None,
        crs=request.form.get("crs") or None, encoding=request.form.get("encoding") or None,
        mapping=_profile(target) if target != "projects" else MappingProfile(), save_mapping_as=request.form.get("save_mapping") or None,
        limits=sources.WEB_LIMITS, reassign_parcels=target == "districts" and bool(request.form.get("reassign_parcels")))
    workdir = Path(tempfile.mkdtemp(prefix="registry-upload-"))
    try:
        suffix = Path(stored.filename).suffix.lower()[:8]
        path = workdir / f"upload{suffix}"
        stored.save(path)
        if target == "projects":
            progress("check", 0, None)  # until the workbook is read and its rows counted
            result = import_projects(get_session(), actor, path, options.on_error, options.dry_run,
                                     name=stored.filename[:200], progress=progress)
        else:
            result = features.import_features(get_session(), actor, path, options, name=stored.filename[:200],
                                              progress=progress)
    except Exception:  # the page shows the error; a poll meanwhile says it failed
        progress("failed", 0, None)
        raise
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    progress.finish(result.rows_read, result.report_lines)
    template = "imports/_result.html" if request.headers.get("X-Requested-With") else "imports/result.html"
    return render_template(template, result=result, token=token)


def _profile(target: str) -> MappingProfile:
    return profiles.saved_profile(get_session(), target, request.form.get("mapping") or None)


@bp.get("/template.xlsx")
def template():
    current_actor()
    return Response(template_bytes(), mimetype="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                    headers={"Content-Disposition": content_disposition("project-template.xlsx", "project-template.xlsx")})


@bp.get("/progress/<token>")
def progress(token: str):
    return jsonify(progress_of(side_engine(), token, current_actor().user_id))


@bp.get("/reports/<token>.<fmt>")
def download_report(token: str, fmt: str):
    data = report_of(side_engine(), token, current_actor().user_id, fmt)
    if data is None:
        abort(404)
    mimetype = "text/csv; charset=utf-8" if fmt == "csv" else \
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    name = f"import-report-{token[:12]}.{fmt}"  # its import's, not dated: the token names the upload
    return Response(data, mimetype=mimetype, headers={"Content-Disposition": content_disposition(name, name)})


@bp.app_template_filter("problem_text")
def problem_text(message) -> str:
    return message_text(message)


@bp.app_template_filter("workbook_summary")
def summary_text(result) -> str:
    """A project workbook's import in a sentence, as ``registry import projects`` says it."""
    return message_text(workbook_summary(result))


bp.add_app_template_filter(workbook_counts, "workbook_counts")


@bp.app_template_filter("problem_field")
def problem_field(line) -> str:
    """A report line's field by its label in the reader's language (用地性质, not land_use_class); a
    sheet's header alone beside the cell that names its sheet (台数 beside 高效电机!M7)."""
    return field_text(line, _, beside_cell=True)


def stage_labels() -> dict[str, str]:
    """What the progress line says at each stage, in the user's language."""
    return {"upload": _("Uploading"), "read": _("Reading the file"), "check": _("Checking every row"),
            "write": _("Writing"), "done": _("Done"), "failed": _("Failed"),
            "reassign": _("Giving parcels their districts")}
