"""The project list's filter by one enterprise (``?enterprise=<credit code>``, the link "在项目列表中查看"
of the enterprise's page). It has no control among the list's filters: the line above the list says
it (the enterprise by name and code, or that none has the code, or why a malformed code was set
aside) with a link that removes it, and the filter form keeps it as a hidden field."""
from __future__ import annotations

from dataclasses import dataclass

from flask import url_for
from werkzeug.datastructures import MultiDict

from registry.db import get_session
from registry.domain.errors import ValidationError
from registry.user_messages import message_text
from registry.services.enterprises import registered_enterprise
from registry.services.projects.filters import ENTERPRISE, enterprise_code

# What a malformed code's line quotes of it: enough to recognise it, never a page of it.
QUOTED = 40


@dataclass(frozen=True)
class EnterpriseLine:
    """``code`` as the list read it; ``name``: the enterprise's (``None``: no enterprise has the code,
    and the list is empty); ``problem``: why the code was set aside (the list is not narrowed by it,
    as a typed ``?year=2O23`` is set aside and said beside its field); ``remove_href``: the list without it."""

    code: str
    remove_href: str
    name: str | None = None
    problem: str | None = None


def enterprise_filter(args: MultiDict) -> tuple[str | None, EnterpriseLine | None]:
    """The credit code the list is narrowed to (``None``: none, or a malformed one set aside) and its line."""
    value = args.get(ENTERPRISE)
    if not (value or "").strip():
        return None, None
    kept = {name: v for name, v in args.to_dict().items() if name not in (ENTERPRISE, "page")}
    remove_href = url_for("projects.index", **kept)
    try:
        code = enterprise_code(value)
    except ValidationError as exc:
        return None, EnterpriseLine(value.strip()[:QUOTED], remove_href, problem=message_text(exc.field_errors[0]))
    found = registered_enterprise(get_session(), code)
    return code, EnterpriseLine(code, remove_href, name=found.name if found else None)
