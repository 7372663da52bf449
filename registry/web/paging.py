"""Pages of a list beyond its last one: a link kept from a longer list, a typed ?page=999.

The list answers with a redirect to its last page, the request's other arguments kept, instead
of "page 999 of 23" over an empty table (docs/registration.md, "The project list"). The JSON API
answers such a page with no items, as it says: a client reading pages until one is empty stops.

The services count before they read a page and do not read one that lies beyond the count, so
the redirect costs the count alone, not the list query it would throw away.
"""
from __future__ import annotations

from flask import redirect, request, url_for
from werkzeug.wrappers import Response

from registry.domain.errors import N_
from registry.domain.fields import Errors
from registry.domain.numbers import optional_whole_number


def page_number(refused: Errors, value: str | None) -> int:
    """A list's ``page`` (1 when absent); a value that is no page number (``page=abc``, ``page=0``)
    is left at 1 and its problem put in ``refused``, which the page says above itself
    (web/refused_query.py) — rather than passed over as if the address had given none."""
    page = refused.capture(optional_whole_number, value, "page")
    if page == 0:
        refused.add("page", N_("must be at least %(minimum)s"), minimum=1)
    return page or 1


def _same_list(**changes: str) -> Response:
    args = request.args.to_dict(flat=False) | {name: [value] for name, value in changes.items()}
    return redirect(url_for(request.endpoint, **(request.view_args or {}), **args))


def beyond_last_page(page: int, pages: int) -> Response | None:
    """A redirect to page ``pages`` when ``page`` (1-based) lies beyond it, else ``None``."""
    return _same_list(page=str(pages)) if page > pages else None


def beyond_last_row(offset: int, limit: int, total: int) -> Response | None:
    """For a list paged by ``offset``: a redirect to the start of its last page when ``offset``
    lies at or beyond ``total`` rows (and there are rows), else ``None``."""
    if total == 0 or offset < total or limit <= 0:
        return None
    return _same_list(offset=str((total - 1) // limit * limit))
