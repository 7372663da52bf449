"""A filter's district codes checked against the districts the registry holds: a well-formed code no
district has (``district=310999``) selected nothing, and a list, its download and the API answered
an empty list without a word. The pages leave it out and say it (``known_districts`` with the page's
``Errors``); the downloads, the API and the command line refuse it (``require_known_districts``)."""
from __future__ import annotations

from typing import Iterable

from sqlalchemy.orm import Session

from registry.domain.errors import N_
from registry.domain.fields import Errors
from registry.services import geodata

NO_DISTRICT = N_("no district with code %(code)s")


def known_districts(session: Session, errors: Errors, codes: Iterable[str | None], name: str = "district") -> tuple[str, ...]:
    """The codes of ``codes`` that name a district (``None`` and empty ones dropped), in their order;
    each other one's problem in ``errors`` under ``name``. No query when no code is given."""
    given = tuple(dict.fromkeys(code for code in codes if code))
    if not given:
        return ()
    held = geodata.district_names(session, given)
    for code in given:
        if code not in held:
            errors.add(name, NO_DISTRICT, code=code[:20])
    return tuple(code for code in given if code in held)


def require_known_districts(session: Session, codes: Iterable[str | None], name: str = "district") -> None:
    """ValidationError on ``name`` for a code of ``codes`` that no district has."""
    errors = Errors()
    known_districts(session, errors, codes, name)
    errors.raise_if_any()
