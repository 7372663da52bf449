"""The one place where registry errors become HTTP responses (HTML or problem+json)."""
from __future__ import annotations

import logging

from flask import Flask, Response, jsonify, render_template, request
from flask_babel import gettext
from werkzeug.exceptions import HTTPException

from registry.domain.errors import (
    Conflict, NotFound, PermissionDenied, RegistryError, ValidationError,
)
from registry.i18n import translate

log = logging.getLogger(__name__)

STATUS = {ValidationError: 422, NotFound: 404, PermissionDenied: 403, Conflict: 409}
PROBLEM_JSON = "application/problem+json"


def wants_json() -> bool:
    if request.path.startswith(("/api/", "/ogc")):
        return True
    best = request.accept_mimetypes.best_match(["text/html", "application/json"])
    return best == "application/json"


def status_of(error: RegistryError) -> int:
    for cls in type(error).__mro__:
        if cls in STATUS:
            return STATUS[cls]
    return 400


def problem(status: int, title: str, detail: str, field_errors: dict[str, str] | None = None) -> Response:
    body = {"type": "about:blank", "title": title, "status": status, "detail": detail}
    if field_errors:
        body["errors"] = field_errors
    response = jsonify(body)
    response.status_code = status
    response.mimetype = PROBLEM_JSON
    return response


def handle_registry_error(error: RegistryError):
    status = status_of(error)
    title = _title(status)
    detail = error.render(translate)
    fields = (
        {e.field: e.render(translate) for e in error.field_errors}
        if isinstance(error, ValidationError) else None
    )
    if wants_json():
        return problem(status, title, detail, fields)
    return render_template("errors/error.html", status=status, title=title, detail=detail, fields=fields), status


def handle_http_error(error: HTTPException):
    status = error.code or 500
    if wants_json():
        return problem(status, _title(status), error.description or "")
    return render_template("errors/error.html", status=status, title=_title(status), detail=""), status


def handle_unexpected(error: Exception):
    # A bug, not bad input: log it whole, roll back (teardown does), answer without internals.
    log.exception("unhandled error on %s %s", request.method, request.path)
    try:
        return handle_http_error(_InternalError())
    except Exception:  # the error page itself failed: still answer, plainly
        log.exception("error page failed")
        return Response("500 Internal Server Error", status=500, mimetype="text/plain")


class _InternalError(HTTPException):
    code = 500
    description = ""


def _title(status: int) -> str:
    titles = {
        400: gettext("Bad request"),
        401: gettext("Please log in"),
        403: gettext("Not allowed"),
        404: gettext("Not found"),
        405: gettext("Method not allowed"),
        409: gettext("Conflict with the stored record"),
        412: gettext("The record changed since you read it"),
        413: gettext("The upload is too large"),
        422: gettext("The input is not valid"),
        429: gettext("Too many requests"),
        500: gettext("Internal error: the change was not saved"),
    }
    return titles.get(status, gettext("Error"))


def init_app(app: Flask) -> None:
    app.register_error_handler(RegistryError, handle_registry_error)
    app.register_error_handler(HTTPException, handle_http_error)
    app.register_error_handler(Exception, handle_unexpected)
