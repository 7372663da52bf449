"""/api/v1/projects: list, register, read, edit, delete a draft, workflow steps (one project or a
batch) and corrections.

Every operation calls the same services as the registration pages (registry.services.projects),
acting as the token's user: same permissions, validation and audit trail.
"""
from __future__ import annotations

from dataclasses import replace
from typing import Any

from flask import Response, url_for
from flask_babel import get_locale

from registry.api.v1 import project_batch_schemas as schemas_batch
from registry.api.v1 import project_out_schemas as schemas_out
from registry.api.v1 import project_schemas as s
from registry.api.v1.core import PROBLEM_JSON, Blueprint, export_responses, page_links, problems
from registry.api.v1.etags import etag, expected_version, precondition
from registry.api.v1.idempotency_keys import IDEMPOTENCY_KEY, idempotency_claim, settle_claim
from registry.auth import current_actor
from registry.db import get_session
from registry.downloads import export_response
from registry.i18n import translate
from registry.report_caches import PROJECT_COUNT_CACHE
from registry.request_bodies import json_body
from registry.services import project_exports
from registry.services import projects as svc
from registry.services.project_exports import FORMATS as EXPORT_FORMATS
from registry.services.projects.filters import parse_project_filter
from registry.services.projects.parsing import parse_draft

bp = Blueprint("api_projects", __name__, url_prefix="/api/v1/projects",
               description="Projects: registration, edits and deleting drafts (ETag/If-Match), review workflow, corrections")

IF_MATCH = {"in": "header", "name": "If-Match", "schema": {"type": "string"},
            "description": 'The ETag you read, e.g. "42-3"'}
ETAG_HEADER = {"ETag": {"description": "The project's version; send it back in If-Match", "schema": {"type": "string"}}}


def _body() -> dict[str, Any]:
    raw = json_body()
    return raw if isinstance(raw, dict) else {}


def _draft(args: dict[str, Any]):
    fields = {k: v for k, v in args.items() if k not in ("submit", "from_project", "reason", "subsidy_approved_wan_yuan")}
    return parse_draft(fields)


def _with_etag(view: svc.ProjectView, status: int = 200, **headers: str):
    return view, status, {"ETag": etag(view.id, view.version), **headers}


def _current_version(project_id: int):
    return lambda: svc.get_project(get_session(), current_actor(), project_id).version


def _edit(project_id: int, args: dict[str, Any], apply):
    """PUT and corrections: If-Match required; a stale one is 412."""
    expected = expected_version(project_id, required=True)
    draft = _draft(args)
    view = precondition(_current_version(project_id), expected,
                        lambda: apply(get_session(), current_actor(), project_id, draft, expected))
    return _with_etag(view)


def _filters(args: dict[str, Any], **paging: int) -> svc.ProjectFilter:
    """The list's (and its export's) query read as the page and its download read it
    (``services/projects/filters``): a value none of them can use — a malformed ``enterprise`` credit
    code, a ``district`` that is no district code — is a 422 naming it, as the download refuses it."""
    return replace(parse_project_filter(args), **paging)


@bp.get("")
@bp.arguments(s.ProjectListQuery, location="query")
@bp.response(200, schemas_out.ProjectPageOut)
@problems(bp, 401, 403, 422, 429)
def index(args):
    """Projects you may see, filtered, sorted and paged like the project list page.

    District staff see their district's projects and approved projects elsewhere.
    """
    filters = _filters(args, page=args["page"], page_size=args["page_size"])
    result = svc.list_projects(get_session(), current_actor(), filters, counts=PROJECT_COUNT_CACHE.get())
    links = page_links("api_projects.index", result.page, result.pages, q=args.get("q"),
                       district=args.get("district"), kind=args.get("kind"), year=args.get("year"),
                       status=args.get("status"), overdue="true" if args["overdue"] else None,
                       check=args.get("check"), monitoring=args.get("monitoring"),
                       enterprise=filters.enterprise_code, sort=args["sort"], dir=args["dir"], page_size=result.page_size)
    body = {"items": result.items, "total": result.total, "page": result.page, "page_size": result.page_size,
            "pages": result.pages, **links}
    headers = {"Link": f'<{links["next"]}>; rel="next"'} if links["next"] else {}
    return body, 200, headers


EXPORT_RESPONSES = export_responses(
    "Every project the filters select that you may read (all pages, in the list's order), as an attachment named "
    "projects-YYYY-MM-DD.xlsx or .csv; X-Registry-Exported: how many", EXPORT_FORMATS.values())


@bp.get("/export")
@bp.arguments(s.ProjectExportQuery, location="query")
@bp.doc(responses=EXPORT_RESPONSES)
@problems(bp, 401, 403, 422, 429)
def export(args):
    """Download the projects of the list's filters as XLSX or CSV, headers in your language.

    The filters and ``sort``/``dir`` of ``GET /projects``, without paging; at most 100,000 projects
    (422 beyond, saying how many matched: narrow the filters).
    """
    filters = _filters(args)
    return export_response(lambda out: project_exports.export_projects(
        get_session(), current_actor(), filters, args["format"], out, translate, str(get_locale()) == "en"))


@bp.post("")
@bp.arguments(s.NewProjectBody, example=s.MOTOR_EXAMPLE)
@bp.response(201, schemas_out.ProjectOut, headers=ETAG_HEADER)
@bp.doc(parameters=[IDEMPOTENCY_KEY])
@problems(bp, 401, 403, 404, 409, 422, 429)
def create(args):
    """Register a project (a draft, or submitted at once with ``submit``), with new or existing parcels."""
    draft = _draft(args)
    claim = idempotency_claim(_body())
    if isinstance(claim, Response):
        return claim
    view = svc.register_project(get_session(), current_actor(), draft, submit=args["submit"],
                                from_project=args.get("from_project"))
    headers = {"ETag": etag(view.id, view.version), "Location": url_for("api_projects.read", project_id=view.id)}
    settle_claim(claim, 201, schemas_out.ProjectOut().dump(view), headers)
    return view, 201, headers


@bp.post("/transitions")
@bp.arguments(schemas_batch.BatchTransitionBody, example={"action": "approve", "projects": [{"id": 12, "version": 3},
                                                                                {"id": 15, "version": 2}]})
@bp.response(200, schemas_batch.BatchOut)
@bp.alt_response(409, schema=schemas_batch.BatchProblem, content_type=PROBLEM_JSON,
                 description="Projects refused (each in `refused`): nothing was changed")
@bp.doc(parameters=[IDEMPOTENCY_KEY])
@problems(bp, 401, 403, 422, 429)
def transition_many(args):
    """Take one workflow step on many projects at once: submit, approve, return (one comment), verify.

    All or nothing, in one transaction: each project takes the step as it would alone (roles, district,
    status, the parcels of an exit, an audit entry of its own), at the ``version`` you read. If any is
    refused, nothing changes and the answer is 409 with ``errors`` (``projects[i]`` → why) and
    ``refused`` (each project's id, reference, status code and reason). At most 200 projects.
    ``Idempotency-Key`` makes a retry answer the first response.
    """
    claim = idempotency_claim(_body())
    if isinstance(claim, Response):
        return claim
    selected = [svc.Selected(item["id"], item["version"]) for item in args["projects"]]
    taken = svc.transition_many(get_session(), current_actor(), args["action"], selected, args.get("comment"))
    body = {"action": args["action"], "count": len(taken), "projects": taken}
    settle_claim(claim, 200, schemas_batch.BatchOut().dump(body), {})
    return body


@bp.get("/<int(max=2147483647):project_id>")
@bp.response(200, schemas_out.ProjectOut, headers=ETAG_HEADER)
@problems(bp, 401, 404, 429)
def read(project_id: int):
    """One project with its parcels (GeoJSON), savings and trace, history and your available actions."""
    return _with_etag(svc.get_project(get_session(), current_actor(), project_id))


@bp.get("/<int(max=2147483647):project_id>/template")
@bp.response(200, schemas_out.ProjectTemplateOut)
@problems(bp, 401, 403, 404, 429)
def template(project_id: int):
    """A new project like this one (以此为模板登记): the body to POST to /projects, changed where it differs.

    The kind, enterprise, savings inputs, money fields and the parcels it may still use are taken; the
    year is the next one (the title without the project's year, the planned completion a year later);
    status, dates, documents, review and approved subsidy are not. ``left_out_parcels`` says which
    parcels were left out and why. 403 unless you may register projects in its district (its staff,
    administrators); 404 when you may not read it. Nothing is written: POST the body.
    """
    return svc.similar_project(get_session(), current_actor(), project_id)


@bp.put("/<int(max=2147483647):project_id>")
@bp.arguments(s.ProjectBody)
@bp.response(200, schemas_out.ProjectOut, headers=ETAG_HEADER)
@bp.doc(parameters=[IF_MATCH | {"required": True}])
@problems(bp, 401, 403, 404, 409, 412, 422, 428, 429)
def update(args, project_id: int):
    """Replace a draft or returned project's fields. ``If-Match`` is required: 412 if it is stale."""
    return _edit(project_id, args, svc.update_project)


@bp.delete("/<int(max=2147483647):project_id>")
@bp.response(204)
@bp.doc(parameters=[IF_MATCH | {"required": True}])
@problems(bp, 401, 403, 404, 409, 412, 428, 429)
def delete(project_id: int):
    """Delete a draft that was never submitted (district staff of its district, administrators).

    ``If-Match`` is required: 412 if it is stale. Any other project is 409: it keeps its record.
    The draft's parcels stay in the registry; the deletion, with the project's reference, is in the
    audit log, and the reference is not given to another project.
    """
    expected = expected_version(project_id, required=True)
    precondition(_current_version(project_id), expected,
                 lambda: svc.delete_draft(get_session(), current_actor(), project_id, expected))
    return None


@bp.post("/<int(max=2147483647):project_id>/transitions")
@bp.arguments(s.TransitionBody, example={"action": "submit"})
@bp.response(200, schemas_out.ProjectOut, headers=ETAG_HEADER)
@bp.doc(parameters=[IF_MATCH])
@problems(bp, 401, 403, 404, 409, 412, 422, 429)
def transition(args, project_id: int):
    """Take a workflow step: submit, approve, return (with a comment), complete, verify.

    Approving or verifying may record the approved subsidy (``subsidy_approved_wan_yuan``) with the step.
    """
    expected = expected_version(project_id, required=False)
    view = precondition(_current_version(project_id), expected, lambda: svc.transition(
        get_session(), current_actor(), project_id, args["action"], args.get("comment"), expected,
        completed_on=args.get("completed_on"), subsidy_approved=args.get("subsidy_approved_wan_yuan")))
    return _with_etag(view)


@bp.post("/<int(max=2147483647):project_id>/corrections")
@bp.arguments(s.CorrectionBody)
@bp.response(200, schemas_out.ProjectOut, headers=ETAG_HEADER)
@bp.doc(parameters=[IF_MATCH | {"required": True}])
@problems(bp, 401, 403, 404, 409, 412, 422, 428, 429)
def correct(args, project_id: int):
    """Correct a verified project (city reviewers), with a reason kept in the audit trail.

    The correction may change the approved subsidy (``subsidy_approved_wan_yuan``), as approving or verifying does.
    """
    return _edit(project_id, args, lambda session, actor, pid, draft, expected: svc.correct_project(
        session, actor, pid, draft, args["reason"], expected, subsidy_approved=args.get("subsidy_approved_wan_yuan")))
