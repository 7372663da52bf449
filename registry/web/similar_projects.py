"""The registration wizard opened on a project like another (以此为模板登记, ``/projects/new?from=<id>``):
its fields filled in from ``services.projects.similar``, and the note above its steps that says
from which project, which year it proposes and which parcels it left out."""
from __future__ import annotations

from registry.domain.errors import N_, ValidationError
from registry.domain.json_text import dump_json
from registry.user_messages import message_text
from registry.services.projects.similar import SimilarProject
from registry.web.wizard_parcels import chosen_parcels_json

FROM = "from"  # the query parameter naming the project started from
FROM_PROJECT = "from_project"  # the wizard's field that carries it to the save (its history names it)


def source_id(raw: str) -> int | None:
    """The project id of ``?from=`` (``None`` when empty); ValidationError on ``from`` for text that is
    no project id (``from=abc``): the page says it above an empty wizard, as a page says a value of
    its address it cannot use. An id no one has, or the reader may not read, is NotFound (404) when
    the project is read, as for any project id."""
    text = raw.strip()
    if not text:
        return None
    if not (text.isascii() and text.isdigit() and len(text) < 10):
        raise ValidationError.single(FROM, N_("must be the id of a project (a whole number), got “%(value)s”"),
                                     value=text[:20])
    return int(text)


def form_of(similar: SimilarProject, form_token: str) -> dict:
    """The wizard's fields as ``similar`` fills them (the edit form's, of a project not yet saved)."""
    draft = similar.draft
    return {
        "kind": draft.kind, "year": draft.year, "title": draft.title, "district_code": draft.district_code,
        "credit_code": draft.credit_code, "enterprise_name": draft.enterprise_name or "",
        "structural_mode": draft.structural_mode or "", "inputs": dump_json(draft.inputs, ensure_ascii=False),
        "parcel_ids": " ".join(str(i) for i in draft.parcel_ids), "new_parcels": "[]",
        "investment_wan_yuan": draft.investment_wan_yuan, "subsidy_requested_wan_yuan": draft.subsidy_requested_wan_yuan,
        "output_value_wan_yuan": draft.output_value_wan_yuan,
        "planned_completion": draft.planned_completion.isoformat() if draft.planned_completion else "",
        "existing_parcels": chosen_parcels_json(similar.parcels),
        "form_token": form_token, FROM_PROJECT: similar.source_id,
    }


def notice_of(similar: SimilarProject) -> dict:
    """What the wizard says of the project it was started from (templates/projects/form.html)."""
    return {"id": similar.source_id, "reference": similar.source_reference, "title": similar.source_title,
            "source_year": similar.source_year, "year": similar.draft.year,
            "left_out": [(parcel.code, message_text(parcel.reason)) for parcel in similar.left_out]}


def notice_after_refusal(project_id: int, reference: str | None) -> dict | None:
    """The note of a wizard shown again after a refused save: from which project, if still readable."""
    return None if reference is None else {"id": project_id, "reference": reference, "left_out": []}
