"""Values of a page's address that the page cannot use — a filter, a year, an order, a page typed or
kept from an old link (``kind=boilers``, ``year=abc``, ``sort=height``): said on the page above what it
shows, each by the parameter the address names, in the reader's language, and the page shown with the
rest of the address (docs/development.md, "Decisions": "A page's address with a value it cannot use").
Not the error page of a form (a 422 with a link to the overview), nor passed over without a word."""
from __future__ import annotations

from registry.domain.errors import ValidationError
from registry.domain.fields import Errors
from registry.user_messages import field_texts
from registry.i18n import labelled


def refused_lines(refused: Errors | ValidationError | None, beside: tuple[str, ...] = ()) -> list[str]:
    """``parameter：problem`` for each refused value, in the reader's language; those ``beside`` a field
    of the page's form (its year, said there) left out."""
    if not refused:
        return []
    error = refused if isinstance(refused, ValidationError) else ValidationError(refused.field_errors)
    return [labelled(name, text) for name, text in field_texts(error).items() if name not in beside]
