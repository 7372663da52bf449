"""What a client sends to /api/v1/projects (marshmallow → OpenAPI): the list's and export's
filters, a project's body (register, edit, correct) and a workflow step's. What the API answers
is project_out_schemas, a batch of steps project_batch_schemas."""
from __future__ import annotations

from marshmallow import fields as f

from registry.api.v1.core import (GeoJSON, QuerySchema, Schema, area_text, in_range, length, money_field,
                                  numbers_text, one_of, parcel_area)
from registry.domain.quality import PROJECTS, listed_checks
from registry.domain.vocabulary import LAND_USE_CLASSES, PROJECT_KINDS, PROJECT_STATUSES, WORKFLOW_STEPS
from registry.domain.years import MAX_YEAR, MIN_YEAR
from registry.services.monitoring_checks import FILTERS as MONITORING_FILTERS
from registry.services.project_exports import FORMATS as EXPORT_FORMATS
from registry.services.projects.listing import MAX_PAGE_SIZE, SORT_KEYS

DISTRICT_CODE = {"description": "GB/T 2260 district code, e.g. 310115 (Pudong)", "example": "310115"}

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
    year = f.Integer(validate=in_range(MIN_YEAR, MAX_YEAR))
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


class ProjectBody(Schema):
    """A project as registered: its fields, its savings input document and its parcels."""

    kind = f.String(required=True, validate=one_of(PROJECT_KINDS))
    year = f.Integer(required=True, strict=True, validate=in_range(MIN_YEAR, MAX_YEAR))
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
    investment_wan_yuan = money_field("万元")
    subsidy_requested_wan_yuan = money_field("万元")
    output_value_wan_yuan = money_field("万元 per year")
    planned_completion = f.Date(allow_none=True)


class NewProjectBody(ProjectBody):
    submit = f.Boolean(load_default=False, metadata={"description": "Submit for review at once"})
    from_project = f.Integer(allow_none=True, validate=in_range(1, 2**31 - 1), metadata={
        "description": "The project this one was started from (GET /projects/{id}/template, 以此为模板登记): its "
                       "reference is recorded in the new project's history (registered_from) when you may read it"})


class CorrectionBody(ProjectBody):
    reason = f.String(required=True, validate=length(1, 2000), metadata={"description": "Why a verified project changes"})
    subsidy_approved_wan_yuan = money_field(
        "The subsidy the city approves, 万元, changed with the correction and recorded in its audit entry (city "
        "reviewers and administrators, as at `approve` or `verify`); left out or null, the amount recorded stays; "
        "0: the city grants nothing")


class TransitionBody(Schema):
    action = f.String(required=True, validate=one_of(WORKFLOW_STEPS))  # named: 批准（approve）…
    comment = f.String(allow_none=True, validate=length(0, 2000),
                       metadata={"description": "Required to return a project"})
    completed_on = f.Date(allow_none=True, metadata={
        "description": "With `complete` only: the day the project was completed (default today, Shanghai time)"})
    subsidy_approved_wan_yuan = money_field(
        "With `approve` or `verify` only (422 with another step): the subsidy the city approves, 万元, recorded in "
        "the step's audit entry; left out or null, the amount recorded stays")
