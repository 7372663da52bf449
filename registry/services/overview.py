"""The overview page's use case: what the registry holds, what waits for the reader, and the district
map's data with the version it was read at."""
from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy.orm import Session

from registry.domain.freed_land import LandQuery, Totals
from registry.domain.monitoring import FLAGGED, READERS
from registry.domain.permissions import ADMIN, CITY_REVIEWER, DISTRICT_STAFF, PLANNER, Actor
from registry.domain.workflow import awaiting
from registry.repositories import places, record_counts, versions
from registry.services import freed_land
from registry.services.projects import ProjectFilter, count_projects
from registry.services.projects.listing import list_criteria


def holdings(session: Session) -> record_counts.Holdings:
    """Districts, zones, live parcels and enterprises, and whether any project is illustrative: the
    counts the database keeps (migration 0038), so the same whatever the registry's size."""
    return record_counts.holdings(session)


@dataclass(frozen=True)
class DistrictMap:
    districts: list[places.DistrictOutline]
    zones: list[places.ZoneOutline]


def district_map_version(session: Session) -> tuple:
    """The database and the versions of its districts' and zones' layers (bumped by every write of
    either, migration 0010): the district map drawn at a version holds until it changes."""
    return versions.of_layers(session, "districts", "zones")


def district_map(session: Session) -> DistrictMap:
    return DistrictMap(places.district_outlines(session), places.zone_outlines(session))


# Who follows overdue projects up: their district's staff (who report completion), the city's
# reviewers and administrators (every district's).
FOLLOWING_OVERDUE = (DISTRICT_STAFF, CITY_REVIEWER, ADMIN)


@dataclass(frozen=True)
class Todo:
    """What waits for the signed-in user: projects by status (with the step they wait for), the
    approved projects past their planned completion, and for planners the freed parcels nobody has
    planned."""
    projects: dict[str, tuple[str, int]]  # status → (action, count); statuses with none left out
    district_code: str | None  # district staff see their own district's
    unplanned_parcels: int | None  # planners and administrators only
    overdue_projects: int = 0  # the project list's 逾期未完成 (of the district, for its staff), for FOLLOWING_OVERDUE
    # status → how many of its waiting projects the online monitoring flags (the list's monitoring=flagged),
    # for those who read verdicts, where the step is a CLAIM_STEPS one; statuses with none left out
    flagged: dict[str, int] = field(default_factory=dict)


def todo(session: Session, actor: Actor) -> Todo:
    waiting = awaiting(actor.role)
    district = actor.district_code if actor.role == DISTRICT_STAFF else None
    counts = record_counts.projects_by_status(session, list(waiting), district) if waiting else {}
    # counted by the list it links to, for the reader, so both always say the same number
    overdue = (count_projects(session, actor, ProjectFilter(district_code=district, overdue=True))
               if actor.role in FOLLOWING_OVERDUE else 0)
    return Todo(
        projects={s: (waiting[s], counts[s]) for s in waiting if counts.get(s)},
        district_code=district,
        unplanned_parcels=record_counts.parcels(session, ["freed"])[0] if actor.role in (PLANNER, ADMIN) else None,
        overdue_projects=overdue,
        flagged=_flagged(session, actor, [s for s in waiting if counts.get(s) and waiting[s] in CLAIM_STEPS], district),
    )


# The steps that put a project's claim forward or accept it: where a flag is to be read before acting.
# Not verifying (the claim was accepted at approval, and the verification queue is the city's longest:
# counting its flags too took the reviewer's overview from ≈ 30 to ≈ 160 ms at 20,000 projects) nor
# reporting completion; their lists mark each flagged row all the same.
CLAIM_STEPS = ("submit", "approve")


def _flagged(session: Session, actor: Actor, statuses: list[str], district: str | None) -> dict[str, int]:
    """How many projects of each of ``statuses`` the online monitoring flags, counted by the list the
    line links to: before approving (or submitting) is where the flag is to be read, and the list's
    filter was behind 更多筛选, found by those who knew to look."""
    if actor.role not in READERS:
        return {}
    # the list's own selection (list_criteria): the projects it keeps are its count, so no second query
    counts = {s: len(list_criteria(session, actor, ProjectFilter(status=s, district_code=district,
                                                                 monitoring=FLAGGED)).project_ids)
              for s in statuses}
    return {s: n for s, n in counts.items() if n}


@dataclass(frozen=True)
class Cards:
    """The overview's figures, each counted by the service of the list it opens, for the reader,
    so a card and its list always say the same number (docs/development.md, "Decisions")."""
    projects: int  # the project list, unfiltered: what the reader may read
    verified_projects: int  # the project list, status verified
    freed_land: Totals  # the freed-land list, unfiltered


def cards(session: Session, actor: Actor) -> Cards:
    return Cards(
        projects=count_projects(session, actor, ProjectFilter()),
        verified_projects=count_projects(session, actor, ProjectFilter(status="verified")),
        freed_land=freed_land.freed_totals(session, actor, LandQuery()),
    )
