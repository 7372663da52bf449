"""The one place where registry errors become HTTP responses (HTML or problem+json); the messages
in them are ``user_messages``', a list's refused download is ``refused_downloads``' page, a page's
refused form that page again (``refused_forms``)."""
from __future__ import annotations

import logging

from flask import Flask, Response, current_app, g, render_template, request
from flask_login import current_user
from flask_babel import gettext
import psycopg.errors
from sqlalchemy.exc import DataError, OperationalError
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import BadRequest, HTTPException

from registry.auth import machine_request
from registry.domain.errors import (N_, BatchRefused, Conflict, Message, NotFound, PermissionDenied, RegistryError,
                                   ValidationError)
from registry.refused_downloads import list_of_download, refused_download
from registry.refused_forms import page_of_form, refused_form
from registry.user_messages import field_texts, message_text, refused_project

log = logging.getLogger(__name__)

STATUS = {ValidationError: 422, NotFound: 404, PermissionDenied: 403, Conflict: 409}
OUT_OF_RANGE = N_("a value is out of the range the registry can store")
PROBLEM_JSON = "application/problem+json"


def wants_json() -> bool:
    if machine_request() or request.is_json:
        return True
    best = request.accept_mimetypes.best_match(["text/html", "application/json"])
    return best == "application/json"


def status_of(error: RegistryError) -> int:
    for cls in type(error).__mro__:
        if cls in STATUS:
            return STATUS[cls]
    return 400


def problem(status: int, title: str, detail: str, field_errors: dict[str, str] | None = None,
            **members: object) -> Response:
    """An application/problem+json response; ``members`` are the problem type's own (RFC 9457 §3.2)."""
    body = {"type": "about:blank", "title": title, "status": status, "detail": detail}
    if field_errors:
        body["errors"] = field_errors
    body.update(members)
    # UTF-8 as written, not \u escapes: GDAL and curl print a refused request's body as it came, and
    # a Chinese message escaped read "\u8bf7\u767b\u5f55" in a GIS analyst's terminal.
    response = current_app.response_class(current_app.json.dumps(body, ensure_ascii=False) + "\n", status=status,
                                          mimetype=PROBLEM_JSON)
    if status == 401:  # RFC 9110 §11.6.1: a 401 names the scheme that would be accepted
        response.headers["WWW-Authenticate"] = 'Bearer realm="registry"'
    return response


def refusals_of(error: BatchRefused) -> list[dict[str, object]]:
    """Each refused project of a batch as the API answers it: id, reference, its own status and why."""
    return [{"id": r.project_id, "reference": r.reference, "status": status_of(r.error), "detail": message_text(r.error)}
            for r in error.refusals]


def _who() -> str:
    """Who asked, for a log line: the user name (and the API token's id), or "anonymous"."""
    try:
        if current_user.is_authenticated:
            token = g.get("api_token_id")
            return current_user.account.username + (f" (API token {token})" if token is not None else "")
    except Exception:  # a refusal must be logged even if the user cannot be told
        pass
    return "anonymous"


def log_refusal(status: int, reason: str) -> None:
    """A refused request in the application log (security logging: OWASP ASVS 7.2): who, from where,
    what was asked and why, in English; never a password, a token or a form's content."""
    log.warning("refused %s %s %s for %s from %s: %s", status, request.method, request.path, _who(),
                request.remote_addr, reason)


def handle_registry_error(error: RegistryError):
    status = status_of(error)
    denied = [r.error for r in error.refusals] if isinstance(error, BatchRefused) else [error]
    for refusal in denied:  # a batch's too: each project it may not touch
        if isinstance(refusal, PermissionDenied):
            log_refusal(status_of(refusal), refusal.render())
    title = _title(status)
    detail = message_text(error)
    fields = field_texts(error) if isinstance(error, ValidationError) else None
    members = {}
    if isinstance(error, BatchRefused):
        fields = {r.path: refused_project(r) for r in error.refusals}
        members["refused"] = refusals_of(error)
    if wants_json():
        return problem(status, title, detail, fields, **members)
    if isinstance(error, ValidationError) and (back := list_of_download()) is not None:
        return refused_download(error, back)
    if isinstance(error, (ValidationError, Conflict)) and (page := page_of_form()) is not None:
        return refused_form(error, page, status)
    if isinstance(error, ValidationError) and not error.record and request.method == "POST":
        # a form's refusal: the list names each field as the form labels it, where the detail named it
        # by its path again ("file: …" above "文件：…"); a query's parameters are named as its address has them
        detail = None
    return render_template("errors/error.html", status=status, title=title, detail=detail, fields=fields), status


def library_field_errors(error: HTTPException) -> dict[str, str] | None:
    """webargs/marshmallow validation messages (``error.data["messages"]``, raised by the API's
    flask-smorest parser) as ``{field path: message}`` in the user's language."""
    messages = (getattr(error, "data", None) or {}).get("messages")
    if not isinstance(messages, dict):
        return None
    fields: dict[str, str] = {}

    def walk(value, path: str) -> None:
        if isinstance(value, dict):
            for key, inner in value.items():
                part = f"[{key}]" if isinstance(key, int) else ("" if key == "_schema" else f".{key}")
                walk(inner, f"{path}{part}".lstrip("."))
        elif isinstance(value, list) and all(isinstance(m, (str, Message)) for m in value):
            # the library's own words are msgids; a validator of ours gives a Message (api/v1/core.one_of)
            fields[path or "body"] = " ".join(message_text(m) if isinstance(m, Message) else gettext(m) for m in value)
        else:
            fields[path or "body"] = gettext(str(value))

    for location_messages in messages.values():  # {"json": {...}, "query": {...}}: locations dropped
        walk(location_messages, "")
    return fields or None


def handle_http_error(error: HTTPException):
    status = error.code or 500
    if status in (401, 403):
        log_refusal(status, error.name)
    if wants_json():
        fields = library_field_errors(error)
        detail = "; ".join(f"{k}: {v}" for k, v in fields.items()) if fields else _detail(error, status)
        return problem(status, _title(status), detail, fields)
    return render_template("errors/error.html", status=status, title=_title(status), detail=_detail(error, status)), status


def handle_csrf_error(error: CSRFError):
    # The page was served to an earlier session (signed out and in again, another tab): say so,
    # instead of a bare "Bad request".
    log.info("CSRF refused on %s %s: %s", request.method, request.path, error.description)
    return handle_http_error(BadRequest(gettext(
        "This page belongs to an earlier sign-in (you signed out and in again, perhaps in another tab), "
        "so nothing was saved. Reload the page and enter the data again.")))


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
        415: gettext("Unsupported content type"),
        422: gettext("The input is not valid"),
        428: gettext("Send If-Match with the ETag you read"),
        429: gettext("Too many requests"),
        500: gettext("Internal error: the change was not saved"),
    }
    return titles.get(status, gettext("Error"))


def _detail(error: HTTPException, status: int) -> str:
    """The error's own words when the app gave some (already in the user's language); else ours:
    Werkzeug's stock descriptions are English only."""
    if error.description and error.description != type(error).description:
        return error.description
    if status == 413 and g.get("upload_too_large") is not None:  # the upload's own bound (request_bodies)
        return message_text(g.upload_too_large)
    details = {
        400: gettext("The request could not be understood."),
        401: gettext("Sign in, or send an API token as 'Authorization: Bearer …'."),
        403: gettext("Your account may not do this."),
        404: gettext("Nothing is at this address."),
        405: gettext("This address does not accept this method."),
        413: gettext("The request is larger than the registry accepts."),
        415: gettext("Send the request body as JSON, with the header Content-Type: application/json."),
        429: gettext("Too many requests: wait a moment and try again."),
    }
    return details.get(status, "")


def refuse_nul_characters() -> None:
    """PostgreSQL text cannot hold U+0000: refuse it in any form or query value, precisely."""
    for source in (request.args, request.form):
        for name, values in source.lists():
            if "\x00" in name or any("\x00" in v for v in values):
                raise ValidationError.single(name.replace("\x00", "") or "-", N_("must not contain the NUL character (U+0000)"))


def handle_data_error(error: DataError):
    # The database refused a value (a number out of range, text it cannot store): the user's
    # input, not a bug. The request's transaction is rolled back at teardown.
    log.info("database refused a value on %s %s: %s", request.method, request.path, error.orig)
    return handle_registry_error(ValidationError.single("-", OUT_OF_RANGE))


# PostgreSQL broke a wait cycle or a serialisation conflict by cancelling this request's transaction
# (two batches verifying, at the same moment, exits that share parcels in crossed order): nothing
# was saved, and the same request sent again will pass. Not a bug, not the user's input.
CONTENDED = (psycopg.errors.DeadlockDetected, psycopg.errors.SerializationFailure)


def handle_operational_error(error: OperationalError):
    if not isinstance(error.orig, CONTENDED):
        return handle_unexpected(error)
    log.warning("transaction cancelled by the database on %s %s: %s", request.method, request.path,
                type(error.orig).__name__)
    return handle_registry_error(Conflict(N_(
        "Another change to the same records was being saved at the same moment, so nothing of yours was "
        "saved. Send it again.")))


def init_app(app: Flask) -> None:
    app.jinja_env.globals["message_text"] = message_text
    app.before_request(refuse_nul_characters)
    app.register_error_handler(DataError, handle_data_error)
    app.register_error_handler(OperationalError, handle_operational_error)
    app.register_error_handler(RegistryError, handle_registry_error)
    app.register_error_handler(HTTPException, handle_http_error)
    app.register_error_handler(CSRFError, handle_csrf_error)
    app.register_error_handler(Exception, handle_unexpected)
