"""Registry messages in the request user's language: an error, its field errors, a batch's refused
project, with districts named by their names in that language and numbers in its format. Pages and
the API phrase their own refusals with these, and ``errors_web`` its error pages and problems."""
from __future__ import annotations

import logging

from flask import g, request
from flask_babel import get_locale
from sqlalchemy.exc import SQLAlchemyError

from registry.db import get_session
from registry.domain.errors import FieldError, Message, Refusal, RegistryError, Show, ValidationError
from registry.i18n import labelled, presenter, translate
from registry.services.geodata import district_names

log = logging.getLogger(__name__)


def _district_names(code: str) -> tuple[str, str] | None:
    """A district's (Chinese, English) names for a message, looked up once per request."""
    known = g.setdefault("district_names", {})
    if code not in known:
        try:
            known[code] = district_names(get_session(), [code]).get(code)
        except SQLAlchemyError:  # the request's transaction has failed: the code still says which district
            log.warning("district names unavailable for a message on %s %s", request.method, request.path)
            known[code] = None
    return known[code]


def show_values() -> Show:
    """How the values of a message read for this request's user: districts by their names in the
    user's language, numbers in the locale's format."""
    return presenter(str(get_locale()), _district_names)


def message_text(item: RegistryError | FieldError | Message) -> str:
    """A registry error (or one of its field errors, or a message) in the user's language."""
    return item.render(translate, show_values())


def field_texts(error: ValidationError) -> dict[str, str]:
    """``{field path: message}`` of a ValidationError, in the user's language."""
    show = show_values()
    return {e.field: e.render(translate, show) for e in error.field_errors}


def refused_project(refusal: Refusal) -> str:
    """Why a batch refused one project, in the user's language: its fields by their paths (the API's
    words), each project by its reference and name."""
    name = " ".join(part for part in (refusal.reference, refusal.title) if part) or f"#{refusal.project_id}"
    return labelled(name, message_text(refusal.error))
