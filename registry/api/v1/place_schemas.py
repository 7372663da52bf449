"""Schemas of districts, zones, parcels (GeoJSON features), geometry checks, enterprises,
factors, targets and the savings preview."""
from __future__ import annotations

import marshmallow as ma
from marshmallow import fields as f

from registry.api.v1.core import (GeoJSON, QuerySchema, Schema, area_text, bounds, in_range, numbers_text, one_of,
                                  parcel_area)
from registry.domain import factors
from registry.domain.numbers import MAX_MAGNITUDE
from registry.user_messages import show_values
from registry.domain.vocabulary import PROJECT_KINDS, ZONE_KINDS
from registry.domain.years import MAX_YEAR, MIN_YEAR

PARCEL_EXAMPLE = {"district_code": "310115", "geometry": {"type": "Polygon", "coordinates": [[
    [121.6001, 31.2001], [121.6011, 31.2001], [121.6011, 31.2009], [121.6001, 31.2009], [121.6001, 31.2001]]]}}


def feature_schemas(name: str, properties: type[ma.Schema], id_field: f.Field) -> tuple[type[ma.Schema], type[ma.Schema]]:
    """A GeoJSON Feature schema with ``properties`` and its FeatureCollection."""
    feature = type(f"{name}Feature", (ma.Schema,), {
        "type": f.Constant("Feature", metadata={"enum": ["Feature"]}),
        "id": id_field,
        "geometry": GeoJSON(),
        "properties": f.Nested(properties),
    })
    collection = type(f"{name}Collection", (ma.Schema,), {
        "type": f.Constant("FeatureCollection", metadata={"enum": ["FeatureCollection"]}),
        "features": f.List(f.Nested(feature)),
    })
    return feature, collection


class DistrictProperties(ma.Schema):
    code = f.String()
    name_zh = f.String()
    name_en = f.String()
    area_m2 = f.Float(metadata={"description": "geodesic, m²"})


class ZoneProperties(ma.Schema):
    id = f.Integer()
    kind = f.String()
    name_zh = f.String()
    name_en = f.String()
    district_code = f.String(allow_none=True)
    area_m2 = f.Float()
    is_illustrative = f.Boolean()


class ParcelProperties(ma.Schema):
    id = f.Integer()
    code = f.String()
    area_m2 = f.Float(metadata={"description": "geodesic, m²"})
    land_use_class = f.String()
    district_code = f.String(allow_none=True)
    status = f.String()
    valid_from = f.Date()
    valid_to = f.Date(allow_none=True)
    freed_on = f.Date(allow_none=True)
    is_illustrative = f.Boolean()
    version = f.Integer()
    zone_ids = f.List(f.Integer())
    parent_ids = f.List(f.Integer(), metadata={"description": "Parcels this one was split or merged from"})


DistrictFeature, DistrictCollection = feature_schemas("District", DistrictProperties, f.String())
ZoneFeature, ZoneCollection = feature_schemas("Zone", ZoneProperties, f.Integer())
ParcelFeature, _ = feature_schemas("Parcel", ParcelProperties, f.Integer())


class ZoneQuery(QuerySchema):
    kind = f.String(validate=one_of(ZONE_KINDS))
    district = f.String(metadata={"description": "GB/T 2260 district code"})


class GeometryCheckBody(Schema):
    district_code = f.String(required=True, metadata={"example": "310115"})
    geometry = GeoJSON(required=True, metadata={"description": f"GeoJSON Polygon or MultiPolygon; to be stored, "
                                                               f"{area_text()}", **parcel_area()})
    gcj02 = f.Boolean(load_default=False)


class OverlapOut(ma.Schema):
    parcel_id = f.Integer()
    code = f.String()
    overlap_m2 = f.Float()
    geometry = GeoJSON(attribute="geometry_geojson")


class GeometryCheckOut(ma.Schema):
    ok = f.Boolean(metadata={"description": "May be stored (overlaps still need a reason)"})
    geometry = f.Dict(allow_none=True, metadata={"description": "As it would be stored (WGS84)"})
    area_m2 = f.Float(allow_none=True)
    area_mu = f.Float(allow_none=True, metadata={"description": "亩"})
    area_ha = f.Float(allow_none=True)
    problem = f.String(allow_none=True)
    invalid_reason = f.String(allow_none=True)
    repaired = f.Dict(allow_none=True, metadata={"description": "A repaired polygon offered for confirmation"})
    overlaps = f.List(f.Nested(OverlapOut))


class FormerNameOut(ma.Schema):
    name = f.String()
    until = f.Date(metadata={"description": "The day it stopped being the enterprise's name"})


class MonitoredYearOut(ma.Schema):
    year = f.Integer()
    consumption_tce = f.Float(metadata={"description": "tce, electricity at 当量值"})


class EnterpriseFields(ma.Schema):
    """What an enterprise is known by, in its own answer and in the directory's rows."""

    id = f.Integer()
    credit_code = f.String()
    name = f.String()
    industry_code = f.String(allow_none=True)
    district_code = f.String(allow_none=True)


class EnterpriseOut(EnterpriseFields):
    address = f.String(allow_none=True)
    version = f.Integer(metadata={"description": "Raised by each edit; the ETag holds it too"})
    former_names = f.List(f.Nested(FormerNameOut), metadata={
        "description": "Names it bore before (曾用名), the latest first; a rename adds the name it leaves"})
    monitoring = f.List(f.Nested(MonitoredYearOut), allow_none=True, metadata={
        "description": "Its comprehensive energy consumption (综合能源消费量) a year as the key energy-user online "
                       "monitoring recorded it (GET /monitoring), the latest year first; [] when none is held; null "
                       "for a reader who does not read the monitoring (planners, another district's staff)"})
    projects_href = f.String(metadata={
        "description": "Its projects you may read: GET /projects?enterprise=<its credit code> (filter, page, export)"})


class EnterprisePatchBody(Schema):
    """The fields to correct; those left out keep their values. The credit code is the key and
    never changes. Each field is checked by the enterprise page's rules (services/enterprise_edits.py)."""

    name = f.String(allow_none=True, metadata={"description": "Not empty, at most 500 characters (更名)",
                                               "maxLength": 500})
    industry_code = f.String(allow_none=True, metadata={"description": "GB/T 4754-2017, e.g. C261; null clears it"})
    district_code = f.String(allow_none=True, metadata={
        "description": "GB/T 2260 code of a district, e.g. 310115; district staff may not move an enterprise out of "
                       "their district, and a district once given is not cleared"})
    address = f.String(allow_none=True, metadata={"description": "At most 500 characters; null clears it",
                                                  "maxLength": 500})


class YearQuery(QuerySchema):
    year = f.Integer(required=True, validate=in_range(MIN_YEAR, MAX_YEAR))


class FactorOut(ma.Schema):
    energy = f.String()
    unit = f.String()
    value_kgce = f.Float(metadata={"description": "kgce per unit"})
    value_min = f.Float(allow_none=True)
    value_max = f.Float(allow_none=True)
    standard = f.String()
    edition = f.String()
    range_edition = f.String(allow_none=True, metadata={
        "description": "the edition value_min–value_max comes from, when not `edition`"})
    valid_from = f.Date()


class FactorTableOut(ma.Schema):
    year = f.Integer()
    electricity_equal_value_kgce_per_kwh = f.Float(allow_none=True, metadata={"description": "等价值; null if unknown"})
    equal_value_source = f.Function(
        lambda table: show_values()(table.equal_value_source) if table.equal_value_source else None,
        allow_none=True, metadata={"type": "string", "description": "in the client's language"})
    rows = f.List(f.Nested(FactorOut), data_key="factors")


class TargetOut(ma.Schema):
    id = f.Integer()
    year = f.Integer()
    scope = f.String()
    district_code = f.String(allow_none=True)
    metric = f.String()
    kind = f.String()
    # The targets page reads them with decimal_from: not negative, below its bound.
    value = f.Float(metadata=bounds(0, MAX_MAGNITUDE, exclusive_maximum=True))
    value_max = f.Float(allow_none=True, metadata=bounds(0, MAX_MAGNITUDE, exclusive_maximum=True))
    unit = f.String()
    source = f.String(allow_none=True)


class SavingsDocument(ma.Schema):
    """The savings input document (docs/accounting.md): fields depend on ``kind``."""

    # Documented here, validated by the accounting engine (its messages name every field precisely,
    # e.g. "document" for a body that is not a JSON object).
    kind = f.Raw(metadata={"type": "string", "enum": list(PROJECT_KINDS), "description": "Required"})
    # A factor-table year (1990–2100), not a registry year: the engine reads it with domain.factors' range.
    year = f.Raw(metadata={"type": "integer", "minimum": factors.MIN_YEAR, "maximum": factors.MAX_YEAR,
                           "description": "Required"})

    class Meta:
        unknown = ma.INCLUDE
        description = f"The savings input document (docs/accounting.md): fields depend on kind; {numbers_text()}"


class SavingsOut(ma.Schema):
    kind = f.String()
    year = f.Integer()
    method = f.String()
    mv_method = f.String(allow_none=True)
    emc_model = f.String(allow_none=True)
    savings_tce = f.Float(allow_none=True, metadata={"description": "tce at 当量值"})
    savings_tce_equal_value = f.Float(allow_none=True, metadata={"description": "tce at 等价值; null if unknown"})
    savings_kwh = f.Float(allow_none=True)
    installed_kw = f.Float(allow_none=True)
    remanufactured_kw = f.Float(allow_none=True)
    electricity_involved = f.Boolean()
    factor_year = f.Integer(allow_none=True)
    trace = f.Dict()
