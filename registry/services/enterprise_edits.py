"""Correcting an enterprise's details (修改企业信息): its name (更名), industry code, district and
address — one use case for the enterprise page, ``PATCH /api/v1/enterprises/<credit code>`` and
``registry enterprises edit``. The credit code is the key and never changes: a wrong one is another
enterprise. Who may: ``permissions.require_edit_enterprise``; the version read is checked as a
project's is (``services.versions``); what changed is one audit entry, nothing when nothing did. A
rename keeps the old name as a former one (曾用名, ``repositories/former_names.py``), which the
enterprise page lists and the search finds."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Mapping

from sqlalchemy.orm import Session

from registry.domain.errors import N_, FieldError, Message, ValidationError
from registry.domain.industries import industry_code_problem
from registry.domain.permissions import Actor, require_edit_enterprise, require_enterprise_district
from registry.domain.workflow import hidden_character
from registry import clock
from registry.models import District, Enterprise
from registry.repositories import former_names
from registry.repositories.project_loading import existing
from registry.services import audit, versions
from registry.services.dataset_checks import district_errors
from registry.services.enterprises import EnterpriseView, enterprise_row, enterprise_view

EDITABLE_FIELDS = ("name", "industry_code", "district_code", "address")
# The API's bound of an enterprise's name when a project registers it (ProjectBody.enterprise_name);
# an address is a line of a letter, not a page.
MAX_CHARACTERS = {"name": 500, "address": 500}

ENTERPRISE = versions.Wording(
    entity="enterprise",
    saved_at_the_same_moment=N_("Someone else saved this enterprise at the same moment: reload it and apply "
                                "your change again."),
    changed={
        (True, True): N_("This enterprise was changed by %(user)s at %(at)s since you opened it (fields: %(fields)s). "
                         "Your changes were not saved: reload to see theirs, then apply yours again."),
        (True, False): N_("This enterprise was changed by %(user)s at %(at)s since you opened it. "
                          "Your changes were not saved: reload to see theirs, then apply yours again."),
        (False, True): N_("This enterprise was changed at %(at)s since you opened it (fields: %(fields)s). "
                          "Your changes were not saved: reload to see theirs, then apply yours again."),
        (False, False): N_("This enterprise was changed at %(at)s since you opened it. "
                           "Your changes were not saved: reload to see theirs, then apply yours again."),
    },
    changed_unknown=N_("This enterprise was changed since you opened it. "
                       "Your changes were not saved: reload to see theirs, then apply yours again."),
)


@dataclass(frozen=True)
class EnterpriseEdit:
    """The enterprise after an edit, and what the edit changed as its audit entry holds it
    (``{field: [before, after]}``); no changes: nothing was written, not even a new version."""

    enterprise: EnterpriseView
    changes: dict[str, list[Any]]


def edit_enterprise(session: Session, actor: Actor, key: int | str, fields: Mapping[str, str | None],
                    expected_version: int | None) -> EnterpriseEdit:
    """Change the ``fields`` given (any of ``EDITABLE_FIELDS``; those left out keep their values) of
    the enterprise of ``key`` (its id or credit code), if it is still at ``expected_version``
    (``None``: the caller read none, as the command line without ``--version``). Every problem of
    the fields is named at once; on any refusal nothing is written."""
    with versions.versioned_transaction(session, ENTERPRISE):
        enterprise = enterprise_row(session, key)
        require_edit_enterprise(actor, enterprise.district_code)
        versions.require_version(session, ENTERPRISE, enterprise, expected_version)
        before = _fields_of(enterprise)
        after = before | _checked(session, enterprise, fields)
        require_enterprise_district(actor, enterprise.district_code, after["district_code"])
        changes = audit.field_changes(before, after)
        if changes:
            for field in changes:
                setattr(enterprise, field, after[field])
            audit.record(session, actor, "update", "enterprise", enterprise.id, before, after)
            if "name" in changes:  # the old name stays findable (曾用名), in this transaction
                former_names.record_rename(session, enterprise.id, before["name"], after["name"], clock.today(),
                                           actor.user_id)
            session.flush()  # the new version, for the view
        edited = EnterpriseEdit(enterprise_view(enterprise), changes)
    return edited


def _fields_of(enterprise: Enterprise) -> dict[str, str | None]:
    return {field: getattr(enterprise, field) for field in EDITABLE_FIELDS}


def _checked(session: Session, enterprise: Enterprise, fields: Mapping[str, str | None]) -> dict[str, str | None]:
    """The given fields as they would be stored (trimmed; an empty optional one cleared), or a
    ValidationError naming every problem."""
    errors = [FieldError(str(name)[:40], Message(N_("Unknown field."))) for name in fields if name not in EDITABLE_FIELDS]
    wanted = {name: _trimmed(value) for name, value in fields.items() if name in EDITABLE_FIELDS}
    for name, value in wanted.items():
        errors += _text_errors(name, value)
    if "name" in wanted and wanted["name"] is None:
        errors.append(FieldError("name", Message(N_("is required"))))
    if problem := industry_code_problem(wanted.get("industry_code")):
        errors.append(FieldError("industry_code", problem))
    if "district_code" in wanted:
        errors += _district_errors(session, enterprise.district_code, wanted["district_code"])
    if errors:
        raise ValidationError(errors)
    return wanted


def _trimmed(value: Any) -> str | None:
    if value is None:
        return None
    text = str(value).strip()
    return text or None


def _text_errors(name: str, value: str | None) -> list[FieldError]:
    """Too long for its field, or a control character (a line break in a name; NUL, which PostgreSQL
    refuses; a bidirectional override, which shows readers other than what the trail holds)."""
    if value is None:
        return []
    limit = MAX_CHARACTERS.get(name)  # the codes have rules of their own
    if limit is not None and len(value) > limit:
        return [FieldError(name, Message(N_("may be at most %(limit)d characters: this one has %(count)d"),
                                         {"limit": limit, "count": len(value)}))]
    hidden = hidden_character(value)
    if hidden is not None:
        return [FieldError(name, Message(N_("must not contain the control character %(code)s"),
                                         {"code": f"U+{ord(hidden):04X}"}))]
    return []


def _district_errors(session: Session, current: str | None, wanted: str | None) -> list[FieldError]:
    """A known district; one that has a district keeps one (it can be moved, not unplaced)."""
    if wanted is None:
        return [] if current is None else [FieldError("district_code", Message(
            N_("cannot be removed: choose the district where the enterprise is registered")))]
    return district_errors(wanted, existing(session, District.code, [wanted]))


def enterprise_to_edit(session: Session, actor: Actor, key: int | str) -> EnterpriseView:
    """The enterprise as its edit form opens, if the actor may correct it (PermissionDenied else)."""
    enterprise = enterprise_row(session, key)
    require_edit_enterprise(actor, enterprise.district_code)
    return enterprise_view(enterprise)
