"""Registering and editing projects (drafts and returned projects), and corrections."""
from __future__ import annotations

import secrets
from decimal import Decimal
from typing import Any, Callable, Sequence, TypeVar

from geoalchemy2.shape import from_shape
from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from geo import queries
from geo.geometry import SRID_STORAGE, as_multipolygon
from registry.domain.errors import N_, FieldError, Message, UNKNOWN_VALUE, ValidationError
from registry.domain.permissions import DISTRICT_STAFF, Actor, require_edit_project
from registry.domain.vocabulary import LAND_USE_CLASSES, PROJECT_KINDS, STRUCTURAL_MODES, listed_choices
from registry.domain.approved_subsidy import corrected_subsidy
from registry.domain.workflow import require_correction, require_editable, require_parcels
from registry.domain.years import MAX_YEAR, MIN_YEAR
from registry.models import District, Parcel, Project, project_parcels
from registry.repositories.project_loading import existing
from registry.repositories.project_numbering import next_reference
from registry.services import audit, enterprises, idempotency
from registry.services import parcels as parcel_checks
from registry.services import savings as savings_service
from registry.services.dataset_checks import district_errors
from registry.services.projects.common import project_transaction, require_version
from registry.services.projects import similar
from registry.services.projects.parsing import NewParcel, ProjectDraft, parse_draft
from registry.services.projects.workflow import apply_action
from registry.services.projects.views import ProjectView, load_visible, view_of

T = TypeVar("T")

# The creation's history names the project a registration was started from (以此为模板登记): its reference.
REGISTERED_FROM = "registered_from"

# The fields an audit entry shows for a project (the trace is large and derived).
AUDITED = (
    "kind", "year", "title", "district_code", "enterprise_id", "structural_mode", "inputs", "savings_tce",
    "savings_tce_equal_value", "investment_wan_yuan", "subsidy_requested_wan_yuan", "subsidy_approved_wan_yuan",
    "output_value_wan_yuan", "planned_completion", "status", "parcel_ids",
)

__all__ = ["NewParcel", "ProjectDraft", "check_draft", "correct_project", "parse_draft", "register_project",
           "update_project"]


def snapshot(session: Session, project: Project) -> dict[str, Any]:
    ids = session.scalars(select(project_parcels.c.parcel_id).where(project_parcels.c.project_id == project.id))
    values = {f: getattr(project, f) for f in AUDITED if f != "parcel_ids"}
    return values | {"parcel_ids": sorted(ids)}


# A field of the savings document that is a field of the form: the wizard sends the year typed in
# step 1 as both, so a year refused by the form is not refused again as the energy data's
# (能源数据 · 年度：必须是数字… under 年度：必须是数字…, or no factors for that year).
_SAME_AS_FORM = {"inputs.year": "year"}


class _Problems:
    """The refusals of a draft's checks, gathered so that one save names every problem. A field
    named by an earlier check (or by the form) is not named again by a later one."""

    def __init__(self, known: Sequence[FieldError] = ()) -> None:
        self.refusals: list[ValidationError] = [ValidationError(list(known))] if known else []

    @property
    def fields(self) -> set[str]:
        return {e.field for refusal in self.refusals for e in refusal.field_errors}

    def check(self, fn: Callable[..., T], *args: Any) -> T | None:
        """``fn(*args)``, or ``None`` after keeping the ValidationError it raised."""
        named = self.fields
        try:
            return fn(*args)
        except ValidationError as refusal:
            new = [e for e in refusal.field_errors
                   if e.field not in named and _SAME_AS_FORM.get(e.field) not in named]
            if new:
                self.refusals.append(refusal if len(new) == len(refusal.field_errors) else ValidationError(new))
            return None

    def raise_if_any(self) -> None:
        if len(self.refusals) == 1:
            raise self.refusals[0]  # as raised: an InvalidGeometry stays one
        if self.refusals:
            raise ValidationError([e for refusal in self.refusals for e in refusal.field_errors])


def _check_fields(session: Session, draft: ProjectDraft) -> None:
    errors = district_errors(draft.district_code, existing(session, District.code, [draft.district_code]))
    if draft.kind not in PROJECT_KINDS:
        errors.append(FieldError("kind", Message(UNKNOWN_VALUE, {"value": str(draft.kind)[:40],
                                                                 "allowed": listed_choices(PROJECT_KINDS)})))
    elif draft.inputs.get("kind") != draft.kind:  # an unknown kind is one problem, not two
        errors.append(FieldError("inputs.kind", Message(N_("must equal the project's kind %(kind)s"), {"kind": draft.kind})))
    if not MIN_YEAR <= draft.year <= MAX_YEAR:
        errors.append(FieldError("year", Message(N_("must be a year between %(minimum)s and %(maximum)s"),
                                                 {"minimum": MIN_YEAR, "maximum": MAX_YEAR})))
    elif draft.inputs.get("year") != draft.year:
        errors.append(FieldError("inputs.year", Message(N_("must equal the project's year %(year)s"), {"year": draft.year})))
    if draft.structural_mode and (draft.kind != "structural_adjustment" or draft.structural_mode not in STRUCTURAL_MODES):
        errors.append(FieldError("structural_mode", Message(N_("only structural-adjustment projects have a mode: %(allowed)s"),
                                                            {"allowed": listed_choices(STRUCTURAL_MODES)})))
    for i, parcel in enumerate(draft.new_parcels):
        if parcel.land_use_class not in LAND_USE_CLASSES:
            errors.append(FieldError(f"new_parcels[{i}].land_use_class", Message(UNKNOWN_VALUE, {
                "value": str(parcel.land_use_class or "")[:40], "allowed": listed_choices(LAND_USE_CLASSES)})))
    if errors:
        raise ValidationError(errors)


def _savings(session: Session, draft: ProjectDraft):
    try:
        return savings_service.compute(session, draft.inputs, for_writing=True)
    except ValidationError as error:
        raise ValidationError([FieldError(f"inputs.{e.field}", e.message) for e in error.field_errors])


def _existing_parcels(session: Session, actor: Actor, draft: ProjectDraft) -> list[int]:
    if not draft.parcel_ids:
        return []
    rows = session.execute(select(Parcel.id, Parcel.district_code, Parcel.valid_to).where(Parcel.id.in_(draft.parcel_ids))).all()
    found = {r.id: r for r in rows}
    errors = []
    for pid in draft.parcel_ids:
        row = found.get(pid)
        if row is None or row.valid_to is not None:
            errors.append(FieldError("parcel_ids", Message(N_("no active parcel with id %(id)s"), {"id": pid})))
        elif actor.role == DISTRICT_STAFF and row.district_code != draft.district_code:
            errors.append(FieldError("parcel_ids", Message(N_("parcel %(id)s lies in another district"), {"id": pid})))
    if errors:
        raise ValidationError(errors)
    return list(draft.parcel_ids)


def _new_parcel_check(session: Session, actor: Actor, draft: ProjectDraft, i: int) -> parcel_checks.GeometryCheck:
    """The check of the draft's new parcel ``i``; ValidationError when it cannot be stored."""
    new, field = draft.new_parcels[i], f"new_parcels[{i}].geometry"
    geometry = parcel_checks.parse_geometry(new.geometry, field)
    check = parcel_checks.check_geometry(session, actor, draft.district_code, geometry, gcj02=new.gcj02,
                                         field_name=field)
    parcel_checks.require_storable(check, field, new.overlap_reason)
    return check


def _create_parcels(session: Session, actor: Actor, draft: ProjectDraft,
                    checks: list[parcel_checks.GeometryCheck]) -> list[int]:
    ids = []
    for new, check in zip(draft.new_parcels, checks):
        multi = as_multipolygon(parcel_checks.parse_geometry(check.geometry))
        parcel = Parcel(code=f"SH-{draft.district_code}-{secrets.token_hex(4).upper()}", land_use_class=new.land_use_class,
                        geom=from_shape(multi, srid=SRID_STORAGE), status="in_use")
        session.add(parcel)
        session.flush()
        ids.append(parcel.id)
        note = f"overlap confirmed: {new.overlap_reason}" if check.overlaps else None
        audit.record(session, actor, "create", "parcel", parcel.id, after={"code": parcel.code, "area_m2": round(check.area_m2, 2),
                     "land_use_class": parcel.land_use_class}, note=note)
    queries.derive_parcel_locations(session, ids)
    return ids


def _checked(session: Session, actor: Actor, draft: ProjectDraft, known: Sequence[FieldError] = (),
             status: str = "draft") -> tuple[Any, list[parcel_checks.GeometryCheck]]:
    """Every check of ``draft``, writing nothing: its savings and its new parcels' checks, or one
    ValidationError naming every problem — with ``known``, the form's own. ``status``: the one the
    save leaves the project in (an exit is submitted with its parcels). A check that depends on a
    field already refused (the parcels on the district, the savings on the kind) is left out."""
    problems = _Problems(known)
    problems.check(_check_fields, session, draft)
    refused = problems.fields
    if "kind" not in refused:
        problems.check(require_parcels, draft.kind, status, len(draft.parcel_ids) + len(draft.new_parcels))
    result = None if "kind" in refused else problems.check(_savings, session, draft)
    problems.check(enterprises.check_enterprise, session, draft.credit_code, draft.enterprise_name, draft.industry_code)
    checks = []
    if "district_code" not in refused:
        if "parcel_ids" not in refused:
            problems.check(_existing_parcels, session, actor, draft)
        if not any(field.startswith("new_parcels") for field in refused):  # their numbers would not match
            checks = [problems.check(_new_parcel_check, session, actor, draft, i) for i in range(len(draft.new_parcels))]
    problems.raise_if_any()
    return result, checks


def check_draft(session: Session, actor: Actor, draft: ProjectDraft, known: Sequence[FieldError],
                status: str = "draft") -> None:
    """Refuse a draft the form could not wholly read (``known``: its problems, from ``read_draft``),
    naming them and every problem the services find in the rest — one save, every problem
    (``status``: the one the save would leave the project in, "submitted" with the submit button)."""
    require_edit_project(actor, draft.district_code)
    _checked(session, actor, draft, known, status)
    raise ValidationError(list(known))  # the rest is fine: the form's problems remain


def _apply(session: Session, actor: Actor, project: Project, draft: ProjectDraft, status: str,
           known: Sequence[FieldError] = (), subsidy_approved: Decimal | None = None) -> None:
    """Write the draft's fields, savings and parcels onto ``project`` (in the caller's transaction),
    which the save leaves ``status``; refused with ``known`` (problems found before) and every other.
    ``subsidy_approved``: a correction's approved subsidy (``None``: as it was), written with the
    fields, so that history has one new state."""
    result, checks = _checked(session, actor, draft, known, status=status)
    enterprise = enterprises.find_or_create(session, actor, draft.credit_code, draft.enterprise_name,
                                            draft.industry_code, draft.district_code)
    parcel_ids = _existing_parcels(session, actor, draft) + _create_parcels(session, actor, draft, checks)
    project.kind, project.year, project.title = draft.kind, draft.year, draft.title
    project.district_code, project.enterprise_id = draft.district_code, enterprise.id
    project.structural_mode, project.inputs = draft.structural_mode, dict(draft.inputs)
    for column, figure in savings_service.project_figures(result).items():
        setattr(project, column, figure)
    project.savings_trace = savings_service.stored_trace(result)
    project.investment_wan_yuan = draft.investment_wan_yuan
    project.subsidy_requested_wan_yuan = draft.subsidy_requested_wan_yuan
    # 10 and 10.00 are one amount: retyping the one recorded is no change for the history
    if subsidy_approved is not None and subsidy_approved != project.subsidy_approved_wan_yuan:
        project.subsidy_approved_wan_yuan = subsidy_approved
    project.output_value_wan_yuan = draft.output_value_wan_yuan
    project.planned_completion = draft.planned_completion
    if project.reference is None:
        project.reference = next_reference(session, draft.year, draft.district_code)
    session.add(project)
    session.flush()
    session.execute(project_parcels.delete().where(project_parcels.c.project_id == project.id))
    if parcel_ids:
        session.execute(insert(project_parcels), [{"project_id": project.id, "parcel_id": p} for p in parcel_ids])
    queries.derive_freed_land(session, [project.id])


def register_project(session: Session, actor: Actor, draft: ProjectDraft, submit: bool = False,
                     form_token: str | None = None, from_project: int | None = None) -> ProjectView:
    """Create a project as a draft (or submit it at once); all or nothing. A form posted again with
    the same one-time ``form_token`` (the signed-in user's) gives the project its first post
    created, as that post left it, instead of a second one — also while the first is still saving.
    ``from_project``: the project it was started from (以此为模板登记), named in its creation's
    history entry (``registered_from``, its reference) when the actor reads it."""
    require_edit_project(actor, draft.district_code)
    with project_transaction(session):
        claim = idempotency.begin_form(session, actor, form_token) if form_token else None
        if isinstance(claim, idempotency.StoredResponse):
            project = load_visible(session, actor, claim.body["project_id"])
        else:
            project = Project(status="draft")  # its reference is numbered when it is first written (_apply)
            _apply(session, actor, project, draft, "submitted" if submit else "draft")
            source = similar.source_reference(session, actor, from_project)
            audit.record(session, actor, "create", "project", project.id,
                         after=snapshot(session, project) | ({REGISTERED_FROM: source} if source else {}))
            if submit:
                apply_action(session, actor, project, "submit", None)
            if claim is not None:
                idempotency.settle(session, claim, 201, {"project_id": project.id})
    return view_of(session, actor, project)


def update_project(session: Session, actor: Actor, project_id: int, draft: ProjectDraft,
                   expected_version: int | None, submit: bool = False) -> ProjectView:
    """Edit a draft or returned project (and ``submit`` it with the same save: both or neither);
    Conflict if it changed since ``expected_version``."""
    with project_transaction(session):
        project = load_visible(session, actor, project_id)
        require_editable(actor, project.status, project.district_code)
        require_edit_project(actor, draft.district_code)
        require_version(session, project, expected_version)
        before = snapshot(session, project)
        _apply(session, actor, project, draft, "submitted" if submit else project.status)
        audit.record(session, actor, "update", "project", project.id, before, snapshot(session, project))
        if submit:
            apply_action(session, actor, project, "submit", None)
    return view_of(session, actor, project)


def correct_project(session: Session, actor: Actor, project_id: int, draft: ProjectDraft, reason: str,
                    expected_version: int | None, dry_run: bool = False,
                    known: Sequence[FieldError] = (), subsidy_approved: Decimal | str | None = None) -> ProjectView:
    """Change a verified project through an explicit, recorded correction (city reviewers).
    ``known``: the problems of fields the caller could not read (``read_draft``), refused with every
    problem the checks find in the rest. ``subsidy_approved`` (万元): the approved subsidy the
    correction records, by the rules of approval and verification (``corrected_subsidy``; ``None``:
    it stays as it was), in the correction's audit entry. ``dry_run``: every check made and the
    correction worked out, then rolled back — the view is the project as it would be, its history's
    last entry the one the correction would record."""
    with project_transaction(session, keep=not dry_run):
        project = load_visible(session, actor, project_id)
        require_correction(actor, project.status, reason)
        require_version(session, project, expected_version)
        try:
            subsidy = corrected_subsidy(actor, subsidy_approved)
        except ValidationError as error:  # named with the draft's problems: one save, every problem
            subsidy, known = None, [*known, *error.field_errors]
        before = snapshot(session, project)
        _apply(session, actor, project, draft, project.status, known, subsidy)
        audit.record(session, actor, "correct", "project", project.id, before, snapshot(session, project), note=reason)
        if dry_run:
            session.flush()
            return view_of(session, actor, project)  # read before the block rolls the correction back
    return view_of(session, actor, project)
