"""What every API module shares: the flask-smorest ``Api`` and ``Blueprint`` with problem+json
errors, the base schemas and the GeoJSON field, the validators with the library's own messages, the
bounds stated in the OpenAPI document, and a list's page links. ETag/If-Match are ``etags``,
Idempotency-Key ``idempotency_keys``."""
from __future__ import annotations

import json
from decimal import Decimal
from typing import Any, Callable, Iterable, Mapping, TypeVar

import marshmallow as ma
from flask import url_for
from flask_smorest import Api
from flask_smorest import Blueprint as SmorestBlueprint
from flask_smorest.utils import prepare_response
from webargs.flaskparser import FlaskParser

from registry.api.v1.type_errors import InOurWords, floats
from registry.domain.errors import N_, Listed, Message, UNKNOWN_VALUE
from registry.domain.land import MAX_PARCEL_M2, MIN_PARCEL_M2
from registry.domain.numbers import MAX_MAGNITUDE, MAX_MONEY_WAN_YUAN, MIN_MAGNITUDE
from registry.domain.vocabulary import listed_choices
from registry.request_bodies import json_body

PROBLEM_JSON = "application/problem+json"
T = TypeVar("T")

# marshmallow's and webargs's own messages, so they are extracted and translated like ours
# (errors_web renders them in the user's language).
LIBRARY_MESSAGES = (
    N_("Missing data for required field."), N_("Unknown field."), N_("Field may not be null."),
    N_("Not a valid integer."), N_("Not a valid number."), N_("Not a valid string."), N_("Not a valid boolean."),
    N_("Not a valid list."), N_("Not a valid mapping type."), N_("Not a valid date."), N_("Invalid input type."),
    N_("Invalid value."), N_("Invalid JSON body."), N_("Special numeric values (nan or infinity) are not permitted."),
    N_("Not a valid datetime."), N_("Invalid type."), N_("Number too large."), N_("Not a valid utf-8 string."),
)
NO_NUL = N_("must not contain the NUL character (U+0000)")
OUT_OF_RANGE = N_("is out of the allowed range")
BAD_LENGTH = N_("has a length outside the allowed range")


class _OneOf(ma.validate.OneOf):
    """marshmallow's ``OneOf`` (the OpenAPI document's ``enum``) refusing in the words of every
    other path: the value and the choices (``UNKNOWN_VALUE``), a ``Message`` errors_web renders."""

    def __init__(self, choices: Iterable[str], allowed: Listed) -> None:
        super().__init__(list(choices))
        self.allowed = allowed

    def __call__(self, value: Any) -> Any:
        try:
            if value in self.choices:
                return value
        except TypeError:  # an unhashable value (a list where a string is expected)
            pass
        raise ma.ValidationError([Message(UNKNOWN_VALUE, {"value": str(value)[:40], "allowed": self.allowed})])


def one_of(choices: Iterable[str] | Mapping[str, str]) -> ma.validate.OneOf:
    """The value must be one of ``choices``; a vocabulary's (code → label) are named by their labels
    with their codes, as the pages name them (草稿（draft）、…)."""
    return _OneOf(choices, listed_choices(choices))


def in_range(minimum=None, maximum=None) -> ma.validate.Range:
    return ma.validate.Range(min=minimum, max=maximum, error=OUT_OF_RANGE)


def length(minimum=None, maximum=None) -> ma.validate.Length:
    return ma.validate.Length(min=minimum, max=maximum, error=BAD_LENGTH)


def bounds(minimum: Decimal | float | None = None, maximum: Decimal | float | None = None,
           exclusive_maximum: bool = False) -> dict[str, Any]:
    """Field metadata stating a domain bound in the OpenAPI document (3.0: ``exclusiveMaximum`` is
    a flag). Stated only: the service checks the value by the domain's rule, whose message names
    the bound in the reader's language — a marshmallow Range would answer first, with its own."""
    meta: dict[str, Any] = {}
    if minimum is not None:
        meta["minimum"] = _json_number(minimum)
    if maximum is not None:
        meta["maximum"] = _json_number(maximum)
        if exclusive_maximum:
            meta["exclusiveMaximum"] = True
    return meta


def _json_number(value: Decimal | float) -> int | float:
    """A JSON number (Flask's JSON writes a Decimal as a string)."""
    return int(value) if value == int(value) else float(value)


def money_field(description: str) -> ma.fields.Decimal:
    """An amount in 万元 with every digit, stating every path's bound of one: read as sent
    (``money_wan_yuan`` checks it, quoting it as typed), answered as stored, a JSON number either
    way (registry.json_provider)."""
    return ma.fields.Decimal(allow_none=True, metadata={"description": description} | bounds(0, MAX_MONEY_WAN_YUAN))


def parcel_area() -> dict[str, Any]:
    """Metadata of a parcel's geometry: the plausible geodesic area the server requires of it
    (``registry.domain.land``), which JSON Schema cannot state of a GeoJSON object's area."""
    return {"x-area-m2": bounds(MIN_PARCEL_M2, MAX_PARCEL_M2)}


def area_text() -> str:
    return f"geodesic area {MIN_PARCEL_M2:g} m² to {MAX_PARCEL_M2 / 1e6:g} km²"


def numbers_text() -> str:
    """``decimal_from``'s bound on every number of a savings input document, which JSON Schema
    cannot state of a free-form document's numbers."""
    return f"every number in it of magnitude below {int(MAX_MAGNITUDE):,} and, unless 0, at least {MIN_MAGNITUDE:.0e}"


class Schema(InOurWords):
    """Request bodies refuse unknown fields (a misspelt field is an error, not silently ignored)."""

    class Meta:
        unknown = ma.RAISE


class QuerySchema(InOurWords):
    """Query strings ignore parameters they don't know (``lang`` and friends)."""

    json_text = False  # every value of a query string is text: a number in one is no JSON text

    class Meta:
        unknown = ma.EXCLUDE


class GeoJSON(ma.fields.Dict):
    """A GeoJSON geometry object (EPSG:4326); accepts the database's GeoJSON text when dumping.
    Coordinates are read as floats: positions are binary doubles in PostGIS and shapely anyway."""

    def _deserialize(self, value, attr, data, **kwargs):
        return super()._deserialize(floats(value), attr, data, **kwargs)

    def _serialize(self, value, attr, obj, **kwargs):
        if isinstance(value, str):
            return json.loads(value)
        return super()._serialize(value, attr, obj, **kwargs)


def _nul_paths(value: Any, path: str = "") -> list[str]:
    if isinstance(value, str):
        return [path] if "\x00" in value else []
    if isinstance(value, dict):
        return [p for k, v in value.items() for p in _nul_paths(str(k), f"{path}.{k}".lstrip("."))
                + _nul_paths(v, f"{path}.{k}".lstrip("."))]
    if isinstance(value, list):
        return [p for i, v in enumerate(value) for p in _nul_paths(v, f"{path}[{i}]")]
    return []


class Parser(FlaskParser):
    """webargs' parser, reading numbers exactly (a float would round money beyond ~16 digits and
    quote 1000000000001 back as 1000000000001.0) and refusing NUL characters anywhere in a body or
    query: PostgreSQL's text and jsonb cannot hold them, so they would otherwise fail deep in a service."""

    def _raw_load_json(self, req):
        body = json_body()  # req is the request being handled
        return super()._raw_load_json(req) if body is None else body  # none: webargs's own answer

    def pre_load(self, location_data, *, schema, req, location):
        data = {k: " ".join(v) for k, v in req.args.lists()} if location == "query" else location_data
        paths = _nul_paths(data)
        if paths:
            raise ma.ValidationError({p or "body": [NO_NUL] for p in paths})
        return location_data


class Blueprint(SmorestBlueprint):
    """The API's blueprints: flask-smorest's, with the NUL-refusing parser."""

    ARGUMENTS_PARSER = Parser()


class Problem(ma.Schema):
    """RFC 9457 problem details: every error of the API has this shape."""

    type = ma.fields.String(metadata={"example": "about:blank"})
    title = ma.fields.String(metadata={"description": "Localised (Accept-Language: zh-CN or en)"})
    status = ma.fields.Integer()
    detail = ma.fields.String()
    errors = ma.fields.Dict(keys=ma.fields.String(), values=ma.fields.String(),
                            metadata={"description": "field path → what is wrong with it"})


class RegistryApi(Api):
    """flask-smorest's Api whose errors are documented as problem+json. The error *handling*
    stays in registry.errors_web (one mapping for the whole app), so the library's own
    handler is not registered."""

    ERROR_SCHEMA = Problem

    def _register_error_handlers(self):
        pass

    def _register_responses(self):
        import http

        for status in http.HTTPStatus:
            response: dict[str, Any] = {"description": status.phrase}
            if not (100 <= status < 200) and status not in (204, 304):
                response["schema"] = Problem
            prepare_response(response, self.spec, PROBLEM_JSON)
            self.spec.components.response(status.name, response, lazy=True)
        response = {"description": "Any error, as problem+json", "schema": Problem}
        prepare_response(response, self.spec, PROBLEM_JSON)
        self.spec.components.response("DEFAULT_ERROR", response, lazy=True)


def problems(blp, *codes: int) -> Callable[[T], T]:
    """Document the error statuses an operation answers with (all problem+json)."""
    import http

    def decorate(func):
        for code in codes:
            func = blp.alt_response(code, response=http.HTTPStatus(code).name)(func)
        return func

    return decorate


def export_responses(description: str, media_types) -> dict:
    """The 200 of an export (``downloads.export_response``): a file of one of ``media_types``, its name
    in ``Content-Disposition``, how many records in ``X-Registry-Exported``."""
    return {200: {"description": description,
                  "content": {media_type.split(";")[0]: {"schema": {"type": "string", "format": "binary"}}
                              for media_type in media_types},
                  "headers": {"Content-Disposition": {"schema": {"type": "string"}},
                              "X-Registry-Exported": {"schema": {"type": "integer"}}}}}


class PageOut(ma.Schema):
    """A page of a list: a subclass adds its ``items``; ``page_links`` gives ``next`` and ``previous``."""

    total = ma.fields.Integer()
    page = ma.fields.Integer()
    page_size = ma.fields.Integer()
    pages = ma.fields.Integer()
    next = ma.fields.String(allow_none=True, metadata={"description": "URL of the next page, null on the last"})
    previous = ma.fields.String(allow_none=True)


def page_links(endpoint: str, page: int, pages: int, **args: Any) -> dict[str, str | None]:
    """Absolute ``next``/``previous`` URLs with the same filters."""
    kept = {k: v for k, v in args.items() if v not in (None, "")}

    def link(number: int) -> str:
        return url_for(endpoint, **kept, page=number, _external=True)

    return {"next": link(page + 1) if page < pages else None, "previous": link(page - 1) if page > 1 else None}
