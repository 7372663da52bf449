"""``registry projects correct PROJECT --from FILE.json --reason TEXT --as USER``: the correction of a
verified project that the project page and the API offer, by the same service
(``services.projects.drafts.correct_project``) and rules: city reviewers and administrators, a
reason, the version read (``--version``, else the one the file was merged onto), every problem named
in the CLI's language, nothing written on any. The file holds the API's correction fields; as on the
correction page, which opens filled in with the project, the fields it leaves out keep their values.
The approved subsidy (``--subsidy-approved``, else the file's ``subsidy_approved_wan_yuan``) stays
as recorded unless given, as at approval or verification."""
from __future__ import annotations

from dataclasses import fields
from pathlib import Path
from typing import Any

import click

from registry.cli.changes import change_lines
from registry.cli.context import session_scope
from registry.cli.output import acting_as, echo_json, labelled, text
from registry.cli.projects import as_document
from registry.domain.errors import N_, FieldError, Message, ValidationError
from registry.domain.approved_subsidy import SUBSIDY_FIELD
from registry.domain.json_text import load_document
from registry.services import accounts
from registry.services import projects as svc
from registry.services.history import references
from registry.services.projects.parsing import ProjectDraft, read_draft
from registry.services.projects.views import project_id_named

# The fields of the API's correction body (POST /api/v1/projects/{id}/corrections): a project's own, why,
# and the approved subsidy (the city's decision: not a field of the district's draft).
BODY_FIELDS = frozenset(f.name for f in fields(ProjectDraft)) | {"reason", SUBSIDY_FIELD}


def _as_body(view: svc.ProjectView) -> dict[str, Any]:
    """The project as a correction body holds it: what the correction page opens filled in with."""
    return {"kind": view.kind, "year": view.year, "title": view.title, "district_code": view.district_code,
            "credit_code": view.credit_code, "enterprise_name": view.enterprise_name,
            "structural_mode": view.structural_mode, "inputs": view.inputs,
            "parcel_ids": [p.id for p in view.parcels], "new_parcels": [],
            "investment_wan_yuan": view.investment_wan_yuan,
            "subsidy_requested_wan_yuan": view.subsidy_requested_wan_yuan,
            "output_value_wan_yuan": view.output_value_wan_yuan,
            "planned_completion": view.planned_completion.isoformat() if view.planned_completion else None}


def read_changes(path: Path) -> dict[str, Any]:
    """The correction's fields from a JSON file (its numbers exact, as the API reads a body); a file
    that is no JSON object or names a field the correction does not have is refused, every such
    field named."""
    try:
        content = path.read_bytes()
    except OSError as error:
        raise ValidationError.single("--from", N_("cannot be read: %(reason)s"), reason=error.strerror or str(error))
    document = load_document(content, "--from")
    if not isinstance(document, dict):
        raise ValidationError.single("--from", N_("must be a JSON object"))
    unknown = [FieldError(key[:40], Message(N_("Unknown field."))) for key in document if key not in BODY_FIELDS]
    if unknown:
        raise ValidationError(unknown)
    return document


def _reported(view: svc.ProjectView, session, dry_run: bool) -> list[str]:
    """What the correction changed (or would change), as its audit entry records it."""
    entry = view.history[-1]
    heading = (N_("Dry run, nothing written: the correction of %(reference)s %(title)s would change")
               if dry_run else N_("Corrected %(reference)s %(title)s, now at version %(version)s"))
    lines = [text(heading, reference=view.reference, title=view.title, version=view.version)]
    changed = change_lines("project", entry.changes, references(session, [entry], [view.district_code]))
    lines += [f"  {line}" for line in changed] or ["  " + text(N_("no field changes"))]
    lines.append(labelled(N_("Reason"), entry.note or ""))
    return lines


def correct(project: str, changes_file: Path, reason: str | None, as_user: str, version: int | None,
            dry_run: bool, as_json: bool, subsidy_approved: str | None = None) -> None:
    changes = read_changes(changes_file)
    reason = reason if reason is not None else changes.get("reason")
    subsidy = subsidy_approved if subsidy_approved is not None else changes.get(SUBSIDY_FIELD)
    with session_scope() as session:
        actor = accounts.actor_named(session, as_user)
        project_id = project_id_named(session, actor, project)
        current = svc.get_project(session, actor, project_id)
        body = _as_body(current) | {k: v for k, v in changes.items() if k not in ("reason", SUBSIDY_FIELD)}
        draft, unreadable = read_draft(body)
        # the version read: the one given, else the one the file's fields were merged onto
        expected = version if version is not None else current.version
        view = svc.correct_project(session, actor, project_id, draft, reason if isinstance(reason, str) else "",
                                   expected, dry_run=dry_run, known=unreadable, subsidy_approved=subsidy)
        lines = _reported(view, session, dry_run)
    if as_json:
        echo_json({"dry_run": dry_run, "changes": view.history[-1].changes, "project": as_document(view)})
        return
    for line in lines:
        click.echo(line)


def register(group: click.Group) -> None:
    @group.command("correct", fields={"subsidy_approved_wan_yuan": "subsidy_approved"}, help=N_("Correct verified PROJECT (its id or reference) with the fields in FILE.json, "
                                      "as the correction page and the API do; print what changed."))
    @click.argument("project")
    @click.option("--from", "changes_file", required=True, metavar="FILE.json",
                  type=click.Path(dir_okay=False, path_type=Path),
                  help=N_("The changed fields, named as in the API's correction (kind, year, title, district_code, "
                          "credit_code, inputs, parcel_ids, investment_wan_yuan, …); fields left out keep their "
                          "values."))
    @click.option("--reason", help=N_("Why the verified project changes (required; kept in its history). "
                                      "Default: the file's \"reason\"."))
    @acting_as(True, N_("The registry user correcting it (required): a city reviewer or an administrator."))
    @click.option("--subsidy-approved", "subsidy_approved", metavar="万元",
                  help=N_("The subsidy the city approves, in 万元, changed with the correction and recorded in its "
                          "history (0: none granted). Default: the file's \"subsidy_approved_wan_yuan\"; "
                          "neither: the amount recorded stays."))
    @click.option("--version", "version", type=click.IntRange(1), metavar="N",
                  help=N_("The version you read (`projects show`): refused if the project changed since."))
    @click.option("--dry-run", is_flag=True, help=N_("Check everything and say what would change; write nothing."))
    @click.option("--json", "as_json", is_flag=True,
                  help=N_("Print JSON: the changes as the audit trail records them and the project as `show --json`."))
    def correct_command(project: str, changes_file: Path, reason: str | None, as_user: str,
                        subsidy_approved: str | None, version: int | None, dry_run: bool, as_json: bool) -> None:
        correct(project, changes_file, reason, as_user, version, dry_run, as_json, subsidy_approved)
