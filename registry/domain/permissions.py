"""Who may do what. Services call these, so the web, the API and the CLI enforce one rule set.

Roles (DOMAIN.md §1): district staff work on their own district's drafts; city reviewers approve
and verify; planners read everything and manage freed land; administrators manage users,
factors and targets.
"""
from __future__ import annotations

from dataclasses import dataclass

from registry.domain.channels import SYSTEM, UNKNOWN, check_channel
from registry.domain.errors import N_, DistrictRef, PermissionDenied

DISTRICT_STAFF = "district_staff"
CITY_REVIEWER = "city_reviewer"
PLANNER = "planner"
ADMIN = "admin"


@dataclass(frozen=True)
class Actor:
    """The user on whose behalf a service acts (``system`` for migrations and demo loads), and the
    channel they act through (``registry.domain.channels``), which the audit trail records: whoever
    builds the actor knows it (the web sign-in, the API's token, the command line). An actor built
    without saying is ``unknown``, never a guess."""

    user_id: int | None
    username: str
    role: str
    district_code: str | None = None
    channel: str = UNKNOWN
    api_token_id: int | None = None  # the API token a request came with (channel "api" only)

    def __post_init__(self) -> None:
        check_channel(self.channel, self.api_token_id)

    @classmethod
    def system(cls, channel: str = SYSTEM) -> "Actor":
        """The registry's own administrator: the system itself (demo, migrations), or ``cli`` for a
        command run without ``--as``."""
        return cls(None, "system", ADMIN, channel=channel)

    @property
    def is_admin(self) -> bool:
        return self.role == ADMIN


def require_role(actor: Actor, *roles: str) -> None:
    if actor.role not in roles:
        raise PermissionDenied(N_("Your role may not do this."))


def require_own_district(actor: Actor, district_code: str | None) -> None:
    """District staff act only in their district; city-level roles pass. The refusal names both
    districts, which the edges show by their names (the domain knows only the codes)."""
    if actor.role == DISTRICT_STAFF and district_code != actor.district_code:
        raise PermissionDenied(
            N_("District staff of %(own)s may not act in district %(other)s."),
            own=DistrictRef(actor.district_code), other=DistrictRef(district_code),
        )


def can_read_record(actor: Actor, district_code: str | None, approved: bool) -> bool:
    """Everyone reads approved records; drafts are visible to their district and city roles."""
    if actor.role != DISTRICT_STAFF:
        return True
    return approved or district_code == actor.district_code


def unapproved_readable_in(actor: Actor) -> str | None:
    """The one district whose unapproved records the actor reads (``can_read_record``) as a query
    narrows to it: district staff's own (``""`` for staff without one: none); ``None`` for the city
    roles, whose queries are not narrowed."""
    return (actor.district_code or "") if actor.role == DISTRICT_STAFF else None


def require_edit_project(actor: Actor, district_code: str) -> None:
    """Creating and editing projects: district staff of that district, or an administrator."""
    require_role(actor, DISTRICT_STAFF, ADMIN)
    require_own_district(actor, district_code)


def require_register_similar(actor: Actor, district_code: str, reference: str) -> None:
    """Registering a project like project ``reference`` (以此为模板登记, of ``district_code``): who
    may register it — district staff of that district, administrators (``require_edit_project``),
    refused with the district named, since staff read other districts' approved projects."""
    require_role(actor, DISTRICT_STAFF, ADMIN)
    if actor.role == DISTRICT_STAFF and district_code != actor.district_code:
        raise PermissionDenied(
            N_("Project %(reference)s belongs to %(other)s: district staff of %(own)s register similar projects "
               "of their own district only."),
            reference=reference, other=DistrictRef(district_code), own=DistrictRef(actor.district_code))


def may_register_similar(actor: Actor, district_code: str) -> bool:
    """Whether ``require_register_similar`` lets the actor start from a project of ``district_code`` (the button)."""
    return actor.role == ADMIN or (actor.role == DISTRICT_STAFF and district_code == actor.district_code)


def require_edit_enterprise(actor: Actor, district_code: str | None) -> None:
    """Correcting an enterprise's details (docs/registration.md, "Correcting an enterprise"):
    administrators any; district staff those of their own district — the enterprise's own
    ``district_code``, where it is registered, not its projects' (one with projects in several
    districts is its own district's to correct). An enterprise without a district is placed by an
    administrator: no district's staff can claim it. Reviewers and planners read only."""
    if actor.role not in (DISTRICT_STAFF, ADMIN):
        raise PermissionDenied(N_("Your role may not edit enterprises."))
    if actor.role == DISTRICT_STAFF and not district_code:
        raise PermissionDenied(N_("An enterprise without a district is corrected by an administrator, "
                                  "who can give it its district."))
    require_own_district(actor, district_code)


def require_enterprise_district(actor: Actor, old_district_code: str | None, new_district_code: str | None) -> None:
    """Where a correction may move an enterprise: district staff keep it in their district (an
    enterprise that moved away is moved by an administrator, so no district takes another's)."""
    if actor.role == DISTRICT_STAFF and new_district_code != old_district_code:
        raise PermissionDenied(N_("District staff may not move an enterprise out of their district %(own)s: "
                                  "an administrator may."), own=DistrictRef(actor.district_code))


def may_edit_enterprise(actor: Actor, district_code: str | None) -> bool:
    """Whether ``require_edit_enterprise`` lets the actor correct the enterprise (for the button)."""
    try:
        require_edit_enterprise(actor, district_code)
    except PermissionDenied:
        return False
    return True
