"""A list's download refused for its query (导出 Excel/CSV… with a filter the list refuses): a page
saying no file was made and leading back to the list, not the error page of a form. Its own module,
imported by ``errors_web`` (which answers the refusal) and by the pages that mark their downloads;
the messages both need are ``user_messages``'."""
from __future__ import annotations

from typing import Callable, TypeVar
from urllib.parse import urlencode

from flask import current_app, render_template, request, url_for
from flask_babel import gettext

from registry.domain.errors import ValidationError
from registry.i18n import labelled
from registry.user_messages import field_texts

View = TypeVar("View", bound=Callable)


def marked(attribute: str, value: str) -> Callable[[View], View]:
    """A view marked with ``attribute`` = ``value``, which the error mapping reads (``mark_of_view``)."""
    def mark(view: View) -> View:
        setattr(view, attribute, value)
        return view
    return mark


def mark_of_view(attribute: str) -> str | None:
    """The request's view's mark ``attribute`` (``marked``), if it has one."""
    return getattr(current_app.view_functions.get(request.endpoint or ""), attribute, None)


def list_download(list_endpoint: str) -> Callable[[View], View]:
    """Marks a page's download view (导出 Excel/CSV…) as the download of the list ``list_endpoint``:
    its refused query is answered as a page (``refused_download``), not as the error page of a form."""
    return marked("list_endpoint", list_endpoint)


def list_of_download() -> str | None:
    return mark_of_view("list_endpoint")


def refused_download(error: ValidationError, list_endpoint: str):
    """A download link whose query its list refuses (a filter typed into the address, ``year=2O23``;
    ``format=pdf``): 422 and a page in the reader's language saying that no file was made, each
    problem once by the parameter the address names, and a link to the list with the same query,
    whose form says it beside the field (docs/development.md, "Decisions")."""
    problems = [labelled(field, text) if field not in ("", "-") else text for field, text in field_texts(error).items()]
    query = urlencode([(k, v) for k, values in request.args.lists() if k != "format" for v in values])
    back = url_for(list_endpoint) + (f"?{query}" if query else "")
    return render_template("errors/download.html", title=gettext("The download was not made"), problems=problems,
                           back=back), 422
