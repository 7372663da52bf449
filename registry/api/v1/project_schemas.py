"""Request and response schemas of /api/v1/projects (marshmallow → OpenAPI)."""
from __future__ import annotations

import marshmallow as ma
from flask import url_for
from flask_babel import gettext
from marshmallow import fields as f

from registry.api.v1.core import (GeoJSON, PageOut, Problem, QuerySchema, Schema, area_text, bounds, in_range,
                                  length, numbers_text, one_of, parcel_area)
from registry.domain.batch_steps import BATCH_STEPS, MAX_BATCH_SIZE
from registry.domain.errors import Bilingual
from registry.domain.numbers import MAX_MONEY_WAN_YUAN
from registry.domain.quality import PROJECTS, listed_checks
from registry.domain.vocabulary import LAND_USE_CLASSES, PROJECT_KINDS, PROJECT_STATUSES
from registry.domain.workflow import TRANSITIONS
from registry.errors_web import message_text
from registry.i18n import current_locale, presenter, trace_for_reader
from registry.repositories.projects import MAX_PROJECT_ID
from registry.api.v1.monitoring_schemas import MonitoringCheckOut
from registry.services.monitoring_checks import FILTERS as MONITORING_FILTERS
from registry.services.project_exports import FORMATS as EXPORT_FORMATS
from registry.services.projects.listing import MAX_PAGE_SIZE, SORT_KEYS

DISTRICT_CODE = {"description": "GB/T 2260 district code, e.g. 310115 (Pudong)", "example": "310115"}
MONEY = bounds(0, MAX_MONEY_WAN_YUAN)  # money_wan_yuan: every path's bound of an amount in 万元

MOTOR_EXAMPLE = {
    "kind": "motor_upgrade", "title": "IE3 motors, workshop 2", "year": 2017, "district_code": "310115",
    "credit_code": "91110000600037341L", "enterprise_name": "Example Motor Works",
    "inputs": {"kind": "motor_upgrade", "year": 2017, "motors": [
        {"count": 4, "rated_kw": 55, "load_factor": 0.75, "hours_per_year": 6000,
         "efficiency_before": 0.921, "efficiency_after": 0.946}]},
    "new_parcels": [{"geometry": {"type": "Polygon", "coordinates": [[
        [121.6001, 31.2001], [121.6011, 31.2001], [121.6011, 31.2009], [121.6001, 31.2009], [121.6001, 31.2001]]]},
        "land_use_class": "M2", "overlap_reason": "example parcel shared with an earlier registration"}],
    "investment_wan_yuan": 120,
}


class ProjectFilterQuery(QuerySchema):
    """The project list's filters and order: the list's (paged) and its export's."""

    q = f.String(metadata={"description": "Search enterprise name, credit code, title or reference"})
    district = f.String(metadata=DISTRICT_CODE)
    kind = f.String(validate=one_of(PROJECT_KINDS))
    year = f.Integer(validate=in_range(2000, 2100))
    status = f.String(validate=one_of(PROJECT_STATUSES))
    overdue = f.Boolean(load_default=False, metadata={
        "description": "true: only approved projects past their planned completion (逾期未完成, Shanghai's today)"})
    check = f.String(validate=one_of(listed_checks(PROJECTS)), metadata={
        "description": "A data-quality check (GET /quality): the projects failing it"})
    monitoring = f.String(validate=one_of(MONITORING_FILTERS), metadata={
        "description": "flagged: projects whose claimed consumption deviates from the online monitoring beyond the "
                       "tolerance (not for planners: 403; district staff: their district's)"})
    enterprise = f.String(metadata={
        "description": "An enterprise's unified social credit code (统一社会信用代码): its projects exactly (q also matches "
                       "projects whose title or reference holds the text); full-width and lower case are read as typed, "
                       "a malformed code is 422; no enterprise with it: no items. An enterprise's projects_href",
        "example": "91310115MA1K000029"})
    sort = f.String(load_default="updated", validate=one_of(SORT_KEYS))
    dir = f.String(load_default="desc", validate=one_of(("asc", "desc")))


class ProjectExportQuery(ProjectFilterQuery):
    format = f.String(load_default="xlsx", validate=one_of(EXPORT_FORMATS),
                      metadata={"description": "xlsx (a workbook with an About sheet) or csv (UTF-8 with BOM)"})


class ProjectListQuery(ProjectFilterQuery):
    page = f.Integer(load_default=1, validate=in_range(1, 1_000_000))
    page_size = f.Integer(load_default=25, validate=in_range(1, MAX_PAGE_SIZE))


class NewParcelBody(Schema):
    geometry = GeoJSON(required=True, metadata={"description": "GeoJSON Polygon or MultiPolygon, EPSG:4326 "
                                                               f"(or GCJ-02 with gcj02: true), {area_text()}",
                                                **parcel_area()})
    land_use_class = f.String(load_default="M2", validate=one_of(LAND_USE_CLASSES))
    gcj02 = f.Boolean(load_default=False, metadata={"description": "Coordinates traced on a GCJ-02 map (Amap, Tencent)"})
    overlap_reason = f.String(allow_none=True, validate=length(0, 1000),
                              metadata={"description": "Required when the parcel overlaps an active one"})


def _money(description: str) -> f.Decimal:
    """An amount in 万元 with every digit: read as sent (money_wan_yuan checks it, quoting it as
    typed), answered as stored, a JSON number either way (registry.json_provider)."""
    return f.Decimal(allow_none=True, metadata={"description": description} | MONEY)


class ProjectBody(Schema):
    """A project as registered: its fields, its savings input document and its parcels."""

    kind = f.String(required=True, validate=one_of(PROJECT_KINDS))
    year = f.Integer(required=True, strict=True, validate=in_range(2000, 2100))
    title = f.String(required=True, validate=length(1, 500))
    district_code = f.String(required=True, metadata=DISTRICT_CODE)
    credit_code = f.String(required=True, metadata={"description": "统一社会信用代码 (GB 32100), 18 characters",
                                                    "example": "91110000600037341L"})
    enterprise_name = f.String(allow_none=True, validate=length(0, 500),
                               metadata={"description": "Required when the credit code is new to the registry"})
    industry_code = f.String(allow_none=True, metadata={"description": "GB/T 4754-2017, e.g. C261"})
    structural_mode = f.String(allow_none=True, metadata={"description": "shutdown | conversion | relocation | upgrade"})
    inputs = f.Dict(required=True, metadata={"description": "The savings input document (docs/accounting.md); "
                                                            "its kind and year equal the project's; "
                                                            f"{numbers_text()}"})
    parcel_ids = f.List(f.Integer(validate=in_range(1, 2**63 - 1)), load_default=list, metadata={"description": "Existing active parcels"})
    new_parcels = f.List(f.Nested(NewParcelBody), load_default=list)
    investment_wan_yuan = _money("万元")
    subsidy_requested_wan_yuan = _money("万元")
    output_value_wan_yuan = _money("万元 per year")
    planned_completion = f.Date(allow_none=True)


class NewProjectBody(ProjectBody):
    submit = f.Boolean(load_default=False, metadata={"description": "Submit for review at once"})


class CorrectionBody(ProjectBody):
    reason = f.String(required=True, validate=length(1, 2000), metadata={"description": "Why a verified project changes"})
    subsidy_approved_wan_yuan = _money(
        "The subsidy the city approves, 万元, changed with the correction and recorded in its audit entry (city "
        "reviewers and administrators, as at `approve` or `verify`); left out or null, the amount recorded stays; "
        "0: the city grants nothing")


class TransitionBody(Schema):
    action = f.String(required=True, validate=one_of(TRANSITIONS))
    comment = f.String(allow_none=True, validate=length(0, 2000),
                       metadata={"description": "Required to return a project"})
    completed_on = f.Date(allow_none=True, metadata={
        "description": "With `complete` only: the day the project was completed (default today, Shanghai time)"})
    subsidy_approved_wan_yuan = _money(
        "With `approve` or `verify` only (422 with another step): the subsidy the city approves, 万元, recorded in "
        "the step's audit entry; left out or null, the amount recorded stays")


class BatchItem(Schema):
    id = f.Integer(required=True, strict=True, validate=in_range(1, MAX_PROJECT_ID))
    version = f.Integer(required=True, strict=True, validate=in_range(1, MAX_PROJECT_ID), metadata={
        "description": "The version you read (`version`, or the ETag's number after the id): a project changed "
                       "since is refused, and with it the batch"})


class BatchTransitionBody(Schema):
    action = f.String(required=True, validate=one_of(BATCH_STEPS), metadata={
        "description": "`complete` is taken one project at a time: each has its own completion day"})
    comment = f.String(allow_none=True, validate=length(0, 2000),
                       metadata={"description": "Required to return; recorded on every project"})
    projects = f.List(f.Nested(BatchItem), required=True, metadata={
        "minItems": 1, "maxItems": MAX_BATCH_SIZE, "description": "Each project once, at most "
        f"{MAX_BATCH_SIZE}; the batch is all or nothing"})


class StepTakenOut(ma.Schema):
    id = f.Integer()
    reference = f.String()
    title = f.String()
    status = f.String()
    version = f.Integer(metadata={"description": "The new version (and ETag)"})


class BatchOut(ma.Schema):
    action = f.String()
    count = f.Integer()
    projects = f.List(f.Nested(StepTakenOut), metadata={"description": "In the order of the request"})


class RefusedProject(ma.Schema):
    id = f.Integer()
    reference = f.String(allow_none=True, metadata={"description": "null when the project is not visible to you"})
    status = f.Integer(metadata={"description": "The status a single step would have answered (403, 404, 409, 422)"})
    detail = f.String()


class BatchProblem(Problem):
    """A refused batch (409): nothing was changed; ``errors`` maps ``projects[i]`` to why."""

    refused = f.List(f.Nested(RefusedProject), metadata={"description": "Each refused project, in the order sent"})


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
    steps = f.Function(lambda e: [step.to_dict(gettext, presenter(current_locale())) for step in e.steps],
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
    investment_wan_yuan = _money("万元")
    subsidy_requested_wan_yuan = _money("万元")
    subsidy_approved_wan_yuan = _money("万元")
    output_value_wan_yuan = _money("万元")
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
