"""The names a project page shows beside codes — kinds, statuses, steps, districts — in the page's
language: the project list and page, the search, the enterprise page and the registration wizard."""
from __future__ import annotations

from flask_babel import get_locale

from registry.db import get_session
from registry.domain.monitoring import VERDICTS
from registry.domain.audit_vocabulary import AUDIT_ACTIONS
from registry.domain.vocabulary import (
    DOCUMENT_KINDS, PARCEL_STATUSES, PROJECT_KINDS, PROJECT_STATUSES, SAVINGS_METHODS, STRUCTURAL_MODES,
    WORKFLOW_STEPS,
)
from registry.services import geodata
from registry.web.drawn_once import drawings, drawn_once


def district_names() -> dict[str, str]:
    """code → the district's name in the page's language; the names alone (their outlines, read as
    GeoJSON for the map, took 11 ms of every page that names districts: docs/performance.md, "The
    enterprise page")."""
    english = str(get_locale()) == "en"
    return {code: en if english else zh for code, (zh, en) in geodata.district_names(get_session(), None).items()}


def vocabularies(districts: dict[str, str] | None = None) -> dict:
    """The names a page shows beside codes; ``districts``: code → name in the page's language, by code,
    when the page has them (the project list, from the outlines its map draws), else read here."""
    return {"kinds": PROJECT_KINDS, "statuses": PROJECT_STATUSES, "modes": STRUCTURAL_MODES, "parcel_statuses": PARCEL_STATUSES,
            "audit_actions": AUDIT_ACTIONS, "districts": district_names() if districts is None else districts,
            "savings_methods": SAVINGS_METHODS, "steps": WORKFLOW_STEPS, "document_kinds": DOCUMENT_KINDS,
            "verdicts": VERDICTS}


# the districts' outlines at their layer's version (and the one before, while requests of both run)
OUTLINES = drawings("registry.district_outlines", 2)


def named_outlines() -> list:
    """Each district's outline with its name in the page's language, for the maps that draw them (the
    project list's, a project's): read again only once a district changed — simplifying the 16 outlines
    took a statement of every view of these pages (docs/performance.md, "The project list page's map")."""
    english, session = str(get_locale()) == "en", get_session()
    outlines = drawn_once(OUTLINES, geodata.districts_version(session), lambda: geodata.district_outlines(session))
    return [(d, d.name_en if english else d.name_zh) for d in outlines]
