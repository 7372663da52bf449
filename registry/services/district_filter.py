"""A filter's district codes checked against the districts the registry holds: a well-formed code no
district has (``district=310999``) selected nothing, and a list, its download and the API answered
an empty list without a word. The pages leave it out and say it (``known_districts`` with the page's
``Errors``); the downloads, the API and the command line refuse it (``require_known_districts``).
A code the caller knows to be a district's (``held``: the actor's own, which a foreign key holds) is
not looked up: district staff's list opens on their district at every view."""
from __future__ import annotations

from typing import Iterable

from sqlalchemy.orm import Session

from registry.domain.errors import N_
from registry.domain.fields import Errors
from registry.repositories import places

NO_DISTRICT = N_("no district with code %(code)s")


def known_districts(session: Session, errors: Errors, codes: Iterable[str | None], name: str = "district",
                    held: Iterable[str | None] = ()) -> tuple[str, ...]:
    """The codes of ``codes`` that name a district (``None`` and empty ones dropped), in their order;
    each other one's problem in ``errors`` under ``name``. No query when every code given is ``held``."""
    given = tuple(dict.fromkeys(code for code in codes if code))
    held = {code for code in held if code}
    if not set(given) - held:
        return given
    held |= places.district_names(session, set(given) - held).keys()
    for code in given:
        if code not in held:
            errors.add(name, NO_DISTRICT, code=code[:20])
    return tuple(code for code in given if code in held)


def require_known_districts(session: Session, codes: Iterable[str | None], name: str = "district",
                            held: Iterable[str | None] = ()) -> None:
    """ValidationError on ``name`` for a code of ``codes`` that no district has (``held``: known to)."""
    errors = Errors()
    known_districts(session, errors, codes, name, held)
    errors.raise_if_any()
