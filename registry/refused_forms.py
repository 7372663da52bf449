"""A page's own form refused by its service (a crafted or stale POST: closing a year that counts no
project, is closed already or has not ended): the page the form is on again, with the refusal's
status and its message above it, not the error page of a form. Its own module, imported by
``errors_web`` (which answers the refusal) and by the views that mark their forms."""
from __future__ import annotations

from typing import Callable

from flask import current_app, flash

from registry.domain.errors import RegistryError, ValidationError
from registry.refused_downloads import View, mark_of_view, marked
from registry.user_messages import field_texts, message_text
from registry.web.display import named_problem


def form_on(page_endpoint: str) -> Callable[[View], View]:
    """Marks a POST view as the form of the page ``page_endpoint``: a refusal of its input is answered
    as that page, read with the POST's address's query (the form's action carries the page's)."""
    return marked("form_page", page_endpoint)


def page_of_form() -> str | None:
    return mark_of_view("form_page")


def refused_form(error: RegistryError, page_endpoint: str, status: int):
    """The page ``page_endpoint`` with ``status`` and each problem of ``error`` flashed above it, a
    field's named as its form labels it ("Year: …"); the service wrote nothing (it rolled back)."""
    if isinstance(error, ValidationError):
        for field, text in field_texts(error).items():
            flash(named_problem(field, text), "error")
    else:
        flash(message_text(error), "error")
    response = current_app.make_response(current_app.view_functions[page_endpoint]())
    response.status_code = status
    return response
