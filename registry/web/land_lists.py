"""The way back from a parcel's page to the list it was opened from, as filtered and sorted.

The freed land and the parcel list remember their query in the session each time they are shown;
the parcel page's back link leads to the last one, whatever the planner did on the parcel page in
between (a plan saved or refused posts and redirects, which a ``Referer`` would not survive). A query
longer than ``MAX_KEPT`` (a drawn polygon of many vertices) is not kept: the cookie stays small, and
the link leads to the list unfiltered, as it did before.
"""
from __future__ import annotations

from flask import request, session, url_for

from registry.domain.errors import N_

SESSION_KEY = "land_list"
MAX_KEPT = 1500  # characters of a query string; a session cookie holds about 4,000
LISTS = {"land.freed": N_("Back to freed land"), "parcel_list.index": N_("Back to the parcel list")}


def remember() -> None:
    """Keep the list this request shows (``request.endpoint``) and its query for the parcel pages."""
    query = request.query_string.decode("latin-1")
    kept = [request.endpoint, query if len(query) <= MAX_KEPT else ""]
    if session.get(SESSION_KEY) != kept:  # the cookie is rewritten only when the list changes
        session[SESSION_KEY] = kept


def back_to(status: str) -> tuple[str, str] | None:
    """(URL, label msgid) of the list a parcel of ``status`` was opened from; without one, the freed
    land for a parcel past ``in_use`` (a parcel in use is not on it), else None."""
    endpoint, query = (session.get(SESSION_KEY) or [None, ""])[:2]
    if endpoint == "parcel_list.index" or (endpoint == "land.freed" and status != "in_use"):
        return url_for(endpoint) + (f"?{query}" if query else ""), LISTS[endpoint]
    if status != "in_use":
        return url_for("land.freed"), LISTS["land.freed"]
    return None
