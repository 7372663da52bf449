"""The one place where JSON request bodies are read before any view sees them.

Every write to the JSON API must be ``application/json`` (415 otherwise: a form or text/plain body
was read as "every field missing"); a JSON body anywhere (the API, the wizard's parcel check) is
at most MAX_JSON_BODY_BYTES and must be JSON the registry can walk and store (registry.domain.json_text):
malformed or too deeply nested → 400, a NUL or a lone surrogate → 422 naming the value's path.
Views and the API's parser parse the body again afterwards, now knowing it is safe: views with
``json_body``, which reads its numbers exactly.

A view that takes a file says so with ``takes_upload`` (its bound and what a larger body is told):
``bound_uploads`` makes that bound the request's limit before anything reads the body — the NUL
check and the sign-in guard's CSRF check read a form before any view — so a larger body is 413 with
the view's message in the user's language, and is not spooled to disk. An API view that takes one
takes ``multipart/form-data`` (415 otherwise). No app-wide MAX_CONTENT_LENGTH: each upload has its own,
and every other write is bounded by FORM_BODY_BYTES (a JSON body by MAX_JSON_BODY_BYTES), so a
multipart file part posted to a form that takes none — by anyone, signed in or not, before the guard
has looked — is refused at the bound instead of being spooled to disk whole.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable, TypeVar

from flask import Flask, current_app, g, request
from werkzeug.exceptions import BadRequest, RequestEntityTooLarge, UnsupportedMediaType

from registry.domain.document_files import megabytes
from registry.domain.errors import N_, FieldError, Message, ValidationError
from registry.domain.json_text import DocumentError, load_json
from registry.i18n import translate

V = TypeVar("V")

# A project with a thousand detailed parcels fits; file uploads are multipart and have their own limits.
MAX_JSON_BODY_BYTES = 8 * 1024 * 1024
WRITES = ("POST", "PUT", "PATCH", "DELETE")
# Beyond a view's file bound, what a multipart body may hold: its other fields and its framing.
MULTIPART_SLACK_BYTES = 1024 * 1024
MULTIPART = "multipart/form-data"
# Any other form: the largest is the wizard's, whose drawn or uploaded parcels travel as GeoJSON text
# (a parcel of 32,000 surveyed vertices is about 0.7 MB); 32 MB holds dozens of such.
FORM_BODY_BYTES = 32 * 1024 * 1024
FORM_TOO_LARGE = N_("A form may send at most %(mb)s MB: this one is larger.")


@dataclass(frozen=True)
class UploadBound:
    """The largest file a view takes (``max_file_bytes()``, read per request: it may be configured) and
    the msgid telling a larger upload so, with ``%(mb)s`` for that bound in MB."""

    max_file_bytes: Callable[[], int]
    too_large: str


# A project's supporting document (services/documents.py): the bound is the installation's
# (REGISTRY_DOCUMENT_MAX_MB), for the project page and the API alike.
DOCUMENT_UPLOAD = UploadBound(lambda: current_app.config["DOCUMENT_MAX_BYTES"],
                              N_("A document may be at most %(mb)s MB: this upload is larger."))


def takes_upload(bound: UploadBound) -> Callable[[V], V]:
    """Mark a view as one that takes a multipart file within ``bound``. The mark is an attribute,
    which decorators written with ``functools.wraps`` (flask-smorest's) carry over."""
    def mark(view: V) -> V:
        view.upload_bound = bound  # type: ignore[attr-defined]
        return view

    return mark


def uploaded(name: str = "file") -> tuple[str | None, bytes]:
    """The name a client gave the file of the form field ``name`` and its bytes (none: ``None``, b"")."""
    stored = request.files.get(name)
    if stored is None:
        return None, b""
    return stored.filename, stored.read()


def upload_bound() -> UploadBound | None:
    """The bound of the view this request goes to, if it takes an upload."""
    view = current_app.view_functions.get(request.endpoint or "")
    return getattr(view, "upload_bound", None)


def bound_uploads() -> None:
    """The request's limit, before any hook reads the body: the view's file bound plus the slack, or
    for a view that takes no file FORM_BODY_BYTES (``check_json_body`` narrows it for JSON)."""
    if request.method not in WRITES:
        return
    bound = upload_bound()
    if bound is None:
        request.max_content_length = FORM_BODY_BYTES
        g.upload_too_large = Message(FORM_TOO_LARGE, {"mb": megabytes(FORM_BODY_BYTES)})
        return
    limit = bound.max_file_bytes()
    request.max_content_length = limit + MULTIPART_SLACK_BYTES
    g.upload_too_large = Message(bound.too_large, {"mb": megabytes(limit)})  # errors_web's 413 detail


def check_json_body() -> None:
    if request.method not in WRITES:
        return
    if upload_bound() is not None and request.path.startswith("/api/"):
        if request.mimetype != MULTIPART:
            raise UnsupportedMediaType(translate(N_("Send the file as multipart/form-data, with its other fields as "
                                                    "form fields.")))
        return
    if not request.is_json:
        if request.path.startswith("/api/") and (request.content_length or request.mimetype):
            raise UnsupportedMediaType()  # its detail is errors_web's, in the client's language
        return
    request.max_content_length = MAX_JSON_BODY_BYTES  # also bounds a body sent without a length
    if (request.content_length or 0) > MAX_JSON_BODY_BYTES:
        raise _too_large()
    try:
        data = request.get_data(cache=True)
    except RequestEntityTooLarge:
        raise _too_large() from None
    if not data.strip():
        return  # no body: the view or the API's parser says what is missing
    try:
        load_json(data)
    except DocumentError as error:
        if not error.path:
            raise BadRequest(error.message.render(translate)) from None
        raise ValidationError([FieldError(error.path, error.message)]) from None


def json_body() -> Any:
    """The request's JSON body with its numbers exact (``Decimal`` when written with a fraction or an
    exponent: a float would round money beyond ~16 digits), as every view reads it; None when there
    is none. ``check_json_body`` checked it already, so it parses."""
    if not request.is_json or not request.get_data(cache=True).strip():
        return None
    try:
        return load_json(request.get_data(cache=True), exact=True)
    except DocumentError:
        return None


def _too_large() -> RequestEntityTooLarge:
    return RequestEntityTooLarge(translate(N_("The JSON body is larger than %(mb)s MB.")) % {
        "mb": MAX_JSON_BODY_BYTES // (1024 * 1024)})


def init_upload_bounds(app: Flask) -> None:
    """Register ``bound_uploads``; before the sign-in guard, whose CSRF check reads a form's body."""
    app.before_request(bound_uploads)


def init_app(app: Flask) -> None:
    app.before_request(check_json_body)
