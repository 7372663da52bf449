"""A project's page as rendered (its map, history, documents' card with their upload form, the
workflow card after a refused step) and what it says once a step is taken; its routes are
web/projects.py's, its documents' web/documents.py's."""
from __future__ import annotations

from dataclasses import dataclass, field

from flask import current_app, render_template
from flask_babel import get_locale, gettext

from geo.map_styles import DISTRICTS, PROJECT_KIND_STYLES
from geo.maps import AreaFeature, Layer, layered_map
from registry import clock
from registry.auth import current_actor
from registry.db import get_session
from registry.domain.deadlines import overdue_notice
from registry.domain.document_files import ACCEPT_SUFFIXES, ACCEPTED, megabytes
from registry.domain.numbers import plain
from registry.domain.workflow import review_queues
from registry.i18n import format_figure, show_number
from registry.services import documents, history, surroundings
from registry.services.projects.listing import next_waiting
from registry.web.pages import basemap, map_assets
from registry.web.project_names import named_outlines, vocabularies
from registry.web.surroundings_map import context_layers, nearby_heading, nearby_links
from registry.web.step_questions import lacks_audit_report, step_questions


@dataclass(frozen=True)
class DocumentForm:
    """The upload form of the project's documents as shown again after a refusal: the kind chosen,
    each field's problem (``errors``) or the one that concerns the project (``error``)."""

    kind: str | None = None
    errors: dict[str, str] = field(default_factory=dict)
    error: str | None = None


@dataclass(frozen=True)
class NextInQueue:
    """The way on from a project of a review queue (the list of ``status``): the next waiting, or
    none left, said in ``label``, and the list."""

    status: str
    next_id: int | None
    label: str


def next_in_queue(project, asked: str | None) -> NextInQueue | None:
    """For a reader who reviews, the queue ``asked`` (the status the project was in when a step was
    taken on it, the step's redirect says) or else the project's own status, where either is one of
    their review queues (``review_queues``); None for others."""
    actor = current_actor()
    queues = review_queues(actor.role)
    status = asked if asked in queues else project.status if project.status in queues else None
    if status is None:
        return None
    next_id = next_waiting(get_session(), actor, status, project.id)
    if status == "completed":
        label = gettext("Next project awaiting verification") if next_id else gettext("No other project awaits verification.")
    else:
        label = gettext("Next project awaiting review") if next_id else gettext("No other project awaits review.")
    return NextInQueue(status, next_id, label)


def _document_limits() -> dict:
    """What the upload form says it takes: the formats, the file bound in MB, the count per project."""
    return {"formats": ACCEPTED.items, "accept": ACCEPT_SUFFIXES,
            "max_bytes": current_app.config["DOCUMENT_MAX_BYTES"],
            "max_mb": show_number(megabytes(current_app.config["DOCUMENT_MAX_BYTES"]), str(get_locale()))}


def render_detail(project, error: str | None = None, status: int = 200, comment: str | None = None,
                  document_form: DocumentForm | None = None, subsidy_approved: str | None = None,
                  error_fields: frozenset[str] = frozenset(), queue: str | None = None):
    """The project's page; after a refused step, its ``error`` in the workflow card with what was typed
    (``comment``, ``subsidy_approved``) and the fields it concerns (``error_fields``), the first
    of which takes the focus; ``queue``: the review queue a step just taken was on (``next_in_queue``)."""
    parcels = Layer.styled(gettext("Parcels"), PROJECT_KIND_STYLES[project.kind], [
        AreaFeature(str(p.id), f"{p.code} · {format_figure(p.area_m2, 'm²')} m²", p.geometry_geojson) for p in project.parcels
    ], weight=2, fill_opacity=0.45)
    # the project's district (district staff's own) drawn as the project list's map draws them, and
    # in view whole: the map says where in its district the site lies; each parcel's page shows its shape
    outline = [AreaFeature(d.code, name, d.geometry_geojson) for d, name in named_outlines() if d.code == project.district_code]
    district = Layer.styled(outline[0].label if outline else gettext("District"), DISTRICTS, outline,
                            weight=1.5, fill_opacity=0.04)
    # the zones the parcels lie in and the parcels around them, under the site (web/surroundings_map.py)
    around = surroundings.surroundings(get_session(), [p.id for p in project.parcels])
    fmap = layered_map([district, *context_layers(around), parcels], map_assets(), basemap(), fit=[0, -1])
    refs = history.references(get_session(), project.history)
    dossier = documents.list_documents(get_session(), current_actor(), project.id)
    if subsidy_approved is None:  # the approved subsidy's field shows the amount recorded, to keep or change
        recorded = project.subsidy_approved_wan_yuan
        subsidy_approved = "" if recorded is None else plain(recorded)
    return render_template("projects/detail.html", project=project, fmap=fmap, error=error, comment=comment,
                           nearby=nearby_links(around), nearby_heading=nearby_heading(around),
                           subsidy_approved=subsidy_approved, error_fields=error_fields,
                           history_refs=refs, documents=dossier, document_form=document_form or DocumentForm(),
                           document_limits=_document_limits(), queue=next_in_queue(project, queue),
                           today=clock.today(), overdue_notice=overdue_notice,
                           asked_first=step_questions(project.monitoring, (d.kind for d in dossier.items)),
                           lacks_audit_report=lacks_audit_report(d.kind for d in dossier.items),
                           **vocabularies()), status


def _amount(value) -> str:
    return f"{format_figure(value, '万元')}\u00a0{gettext('10k yuan')}"


def subsidy_notes(view) -> list[str]:
    """What the flash adds once an approved subsidy is recorded above the city's estimate, above the
    request or where none was requested: all allowed (the city decides), the reviewer reads it said
    once more."""
    approved, notes = view.subsidy_approved_wan_yuan, []
    if view.subsidy is not None and view.subsidy.exceeded_by(approved):
        notes.append(gettext("The approved subsidy, %(approved)s, is more than the estimate by the city's rule, "
                             "%(estimate)s.", approved=_amount(approved), estimate=_amount(view.subsidy.amount_wan_yuan)))
    if approved is not None and view.subsidy_requested_wan_yuan is not None and approved > view.subsidy_requested_wan_yuan:
        notes.append(gettext("The approved subsidy, %(approved)s, is more than the %(requested)s requested.",
                             approved=_amount(approved), requested=_amount(view.subsidy_requested_wan_yuan)))
    elif approved and view.subsidy_requested_wan_yuan is None:  # nothing to compare with: 1500 for 15 went unsaid
        notes.append(gettext("The approved subsidy is %(approved)s, where the district requested none.",
                             approved=_amount(approved)))
    return notes


def transition_message(action: str, reference: str) -> str:
    """What the page says once a workflow step has been taken (action as in domain/workflow.py)."""
    messages = {
        "submit": gettext("Project %(reference)s submitted for review.", reference=reference),
        "approve": gettext("Project %(reference)s approved.", reference=reference),
        "return": gettext("Project %(reference)s returned to the district with your comment.", reference=reference),
        "complete": gettext("Completion of project %(reference)s reported.", reference=reference),
        "verify": gettext("Project %(reference)s verified.", reference=reference),
    }
    return messages[action]
