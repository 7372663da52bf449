"""What /api/v1/projects answers (marshmallow → OpenAPI): a project with its parcels, history,
possible duplicates, documents' link, subsidy estimate and monitoring check; a list's row and page.
What a client sends is project_schemas."""
from __future__ import annotations

import marshmallow as ma
from flask import url_for
from marshmallow import fields as f

from registry.api.v1.core import GeoJSON, PageOut, money_field
from registry.api.v1.monitoring_schemas import MonitoringCheckOut
from registry.api.v1.project_schemas import NewProjectBody
from registry.domain.errors import Bilingual
from registry.user_messages import message_text
from registry.i18n import current_locale, presenter, trace_for_reader

class ParcelBrief(ma.Schema):
    id = f.Integer()
    code = f.String()
    area_m2 = f.Float()
    land_use_class = f.String()
    status = f.String()
    geometry = GeoJSON(attribute="geometry_geojson")


class PossibleDuplicateOut(ma.Schema):
    id = f.Integer(attribute="project.id")
    reference = f.String(attribute="project.reference")
    title = f.String(attribute="project.title")
    kind = f.String(attribute="project.kind")
    year = f.Integer(attribute="project.year")
    status = f.String(attribute="project.status")
    district_code = f.String(attribute="project.district_code")
    reasons = f.Function(lambda d: [message_text(m) for m in d.reasons], metadata={
        "type": "array", "items": {"type": "string"}, "description": "Why it looks alike, in the client's language"})


class HistoryItem(ma.Schema):
    at = f.DateTime()
    username = f.String(allow_none=True)
    action = f.String()
    changes = f.Dict()
    note = f.String(allow_none=True)


def _decimal(description: str = "") -> f.Float:
    return f.Float(allow_none=True, metadata={"description": description} if description else {})


class _OfTheWhole(f.Nested):
    """A nested object made of the dumped object itself, not of one of its attributes (the
    documents' link: the project's id and count), documented as its schema like any Nested."""

    def get_value(self, obj, attr, accessor=None, default=ma.missing):
        return obj


class DocumentsLinkOut(ma.Schema):
    """Where a project's supporting documents are, and how many it holds."""

    count = f.Integer(attribute="document_count", metadata={"description": "How many documents the project holds"})
    href = f.Function(lambda view: url_for("api_documents.index", project_id=view.id, _external=True),
                      metadata={"type": "string", "description": "Their list in this API (GET; POST adds one)"})


class SubsidyRuleOut(ma.Schema):
    kind = f.String()
    emc_model = f.String(allow_none=True, metadata={"description": "The EMC contract model it is for; null: any"})
    first_year = f.Integer(metadata={"description": "Applies to projects of this year and later"})
    yuan_per_tce = _decimal("元 per tce saved a year")
    min_savings_tce = _decimal("Least savings (tce a year) that earn anything; null: none")
    cap_wan_yuan = _decimal("Most a project may earn, 万元; null: no cap")
    cap_investment_share = _decimal("Most a project may earn as a share of its investment (0.3 = 30 %); null: no cap")
    basis = f.String(metadata={"description": "Which savings it pays for: equivalent (当量值) or equal_value (等价值)"})
    source = f.Function(lambda rule: presenter(current_locale())(Bilingual(rule.source, rule.source_en)),
                        metadata={"type": "string", "description": "The document that sets it, in the client's language"})


class SubsidyEstimateOut(ma.Schema):
    """补贴测算: what the city's rule of the project's year gives it (docs/accounting.md, "Subsidy estimate")."""

    amount_wan_yuan = _decimal("万元; null while the savings it pays for are unknown (see pending)")
    savings_tce = _decimal("The savings it pays for, tce a year, on the rule's basis")
    rule = f.Nested(SubsidyRuleOut)
    steps = f.Function(lambda e: [step.as_dict(message_text) for step in e.steps],
                       metadata={"type": "array", "items": {"type": "object"}})
    notes = f.Function(lambda e: [message_text(note) for note in e.notes], metadata={"type": "array", "items": {"type": "string"}})
    pending = f.Function(lambda e: message_text(e.pending) if e.pending else None, allow_none=True,
                         metadata={"type": "string"})


class ProjectOut(ma.Schema):
    id = f.Integer()
    reference = f.String(metadata={"description": "项目编号 YYYY-<district>-NNNN"})
    kind = f.String()
    year = f.Integer()
    status = f.String()
    title = f.String()
    district_code = f.String()
    enterprise_id = f.Integer()
    enterprise_name = f.String()
    credit_code = f.String()
    structural_mode = f.String(allow_none=True)
    inputs = f.Dict()
    savings_tce = _decimal("tce, electricity at 当量值 (equivalent value)")
    savings_tce_equal_value = _decimal("tce, electricity at the year's 等价值; null when unknown")
    savings_kwh = _decimal("kWh")
    installed_kw = _decimal("kW")
    remanufactured_kw = _decimal("kW")
    savings_method = f.String(allow_none=True)
    trace = f.Function(lambda view: trace_for_reader(view.trace), allow_none=True, metadata={
        "type": "object", "description": "Every input, factor and step of the savings, in the client's language"})
    investment_wan_yuan = money_field("万元")
    subsidy_requested_wan_yuan = money_field("万元")
    subsidy_approved_wan_yuan = money_field("万元")
    output_value_wan_yuan = money_field("万元")
    freed_land_m2 = _decimal("m², geodesic")
    planned_completion = f.Date(allow_none=True)
    overdue_days = f.Integer(allow_none=True, metadata={
        "description": "Days past planned_completion of an approved project (1 the day after); null when not overdue"})
    completed_on = f.Date(allow_none=True)
    verified_on = f.Date(allow_none=True)
    is_illustrative = f.Boolean()
    version = f.Integer(metadata={"description": "Also the ETag; send it back in If-Match"})
    updated_at = f.DateTime()
    parcels = f.List(f.Nested(ParcelBrief))
    history = f.List(f.Nested(HistoryItem))
    actions = f.List(f.String(), metadata={"description": "Workflow actions you may take now"})
    possible_duplicates = f.List(f.Nested(PossibleDuplicateOut), metadata={
        "description": "Projects you may read of the same year that claim the same savings and share the "
                       "enterprise or a parcel: check none registers the same thing again (docs/registration.md)"})
    documents = _OfTheWhole(DocumentsLinkOut, metadata={"description": "The project's supporting documents (证明材料)"})
    subsidy = f.Nested(SubsidyEstimateOut, allow_none=True, metadata={
        "description": "The subsidy the city's rule of its year gives it, beside subsidy_requested_wan_yuan; "
                       "null for a kind no rule pays for"})
    monitoring = f.Nested(MonitoringCheckOut, allow_none=True, metadata={
        "description": "Its claimed consumption beside the key energy-user online monitoring (在线监测对照); null "
                       "for a reader who does not read it (planners, another district's staff)"})


class SimilarSourceOut(ma.Schema):
    id = f.Integer(attribute="source_id")
    reference = f.String(attribute="source_reference")
    title = f.String(attribute="source_title")
    year = f.Integer(attribute="source_year")


class LeftOutParcelOut(ma.Schema):
    id = f.Integer()
    code = f.String()
    reason = f.Function(lambda parcel: message_text(parcel.reason), metadata={
        "type": "string", "description": "Why the new project does not take it, in the client's language"})


class _TemplateBody(f.Nested):
    """The POST body made of the whole template (``template_body``), documented as that body's schema."""

    def get_value(self, obj, attr, accessor=None, default=ma.missing):
        return template_body(obj)


class ProjectTemplateOut(ma.Schema):
    """A new project taken from another (以此为模板登记; docs/registration.md, "Registering a similar project")."""

    body = _TemplateBody(NewProjectBody, metadata={
        "description": "The body of POST /projects as this project fills it in: change what differs (the year "
                       "is the next, the title without the year) and POST it"})
    source = _OfTheWhole(SimilarSourceOut, metadata={"description": "The project it is taken from"})
    left_out_parcels = f.List(f.Nested(LeftOutParcelOut), attribute="left_out", metadata={
        "description": "The project's parcels the body leaves out (split or merged, no longer in use, another district)"})


def template_body(found) -> dict:
    """The POST body of a new project like ``found`` (services.projects.SimilarProject)."""
    draft = found.draft
    return {name: getattr(draft, name) for name in NewProjectBody().fields if hasattr(draft, name)} | {
        "parcel_ids": list(draft.parcel_ids), "from_project": found.source_id}


class ProjectSummaryOut(ma.Schema):
    id = f.Integer()
    reference = f.String()
    title = f.String()
    kind = f.String()
    year = f.Integer()
    status = f.String()
    district_code = f.String()
    enterprise_name = f.String()
    credit_code = f.String()
    savings_tce = _decimal("tce (当量值)")
    savings_tce_equal_value = _decimal("tce (等价值)")
    overdue_days = f.Integer(allow_none=True, metadata={
        "description": "Days past planned_completion of an approved project (1 the day after); null when not overdue"})
    is_illustrative = f.Boolean()
    version = f.Integer()


class ProjectPageOut(PageOut):
    items = f.List(f.Nested(ProjectSummaryOut))
