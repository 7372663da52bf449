"""SQL of the claims kept for the online monitoring's cross-check (``project_claims``, migration 0041):
the cross-check's candidates — projects whose enterprise's credit code has a monitored figure — each
with its kept claim or, none being kept for the current rules and factors, its input document to
compute one from; and the storing of the claims computed."""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Collection, Sequence

from sqlalchemy import ColumnElement, Text, and_, case, cast, exists, func, literal, literal_column, or_, select, text
from sqlalchemy.orm import Session, aliased

from registry.domain.monitoring import PART, WHOLE, Claim
from registry.models import EnergyMonitoring as Monitored
from registry.models import Enterprise, Project, ProjectClaim

# The GB/T 2589 factor rows a claim is computed with, as one digest: any row added, changed or removed
# (a migration's new edition or correction) makes every kept claim one to compute again.
_FACTORS_SQL = "(SELECT md5(string_agg(f::text, '|' ORDER BY f.id)) FROM energy_factors f)"
# A kept whole claim is read when its deviation is at least the tolerance less a millionth of it: the
# domain's deviation is rounded at its 34th digit, this comparison is exact, so every claim the domain
# can flag is among those read (and the domain decides: ``cross_check``).
_NEAR = (Decimal(1_000_000), Decimal(999_999))


def computed_with(rules: str) -> ColumnElement[str]:
    """What a claim computed now is computed with: ``rules`` (the claim rules' version) and the factors."""
    return literal(_prefix(rules), Text) + literal_column(_FACTORS_SQL, Text)


def _prefix(rules: str) -> str:
    return f"{rules}:"


@dataclass(frozen=True)
class Candidate:
    """A project whose enterprise has monitored figures, with its kept claim or what to compute it from."""

    id: int
    year: int
    reference: str
    credit_code: str
    kept: bool  # a claim is kept for the current rules and factors
    claim: Claim | None  # the kept one (None: the document claims none, or none is kept)
    monitored_tce: Decimal | None  # the figure of the kept claim's code and year (``near_tolerance`` only)
    inputs: dict[str, Any] | None  # the input document, when no claim is kept
    digest: str | None  # the document's digest, checked again when its claim is stored


def candidates(session: Session, rules: str, conditions: Sequence[ColumnElement[bool]] = (),
               district_code: str | None = None, project_ids: Collection[int] | None = None,
               enterprise_id: int | None = None, near_tolerance: Decimal | None = None) -> tuple[str, list[Candidate]]:
    """What the claims are computed with now, and the projects meeting ``conditions`` (on ``Project``:
    the project list's), of ``district_code``, among ``project_ids`` and of ``enterprise_id`` (each
    ``None``: any) whose enterprise's credit code has a monitored figure of any year, the latest year
    first, then the latest registered: those whose claim is kept with its claim (those claiming none
    left out) and the others with their document. With ``near_tolerance``, of the kept claims only those
    that may be flagged beside the figure of their year at that tolerance, each with the figure."""
    key = computed_with(rules)
    narrowed = [*conditions, exists(select(Monitored.id).where(Monitored.credit_code == Enterprise.credit_code))]
    for column, value in ((Project.district_code, district_code), (Project.enterprise_id, enterprise_id)):
        if value is not None:
            narrowed.append(column == value)
    if project_ids is not None:
        narrowed.append(Project.id.in_(list(project_ids)))
    unkept = ProjectClaim.project_id.is_(None)
    figure = aliased(Monitored)  # not the candidates' probe, which it would correlate to
    query = (select(Project.id, Project.year, Project.reference, Enterprise.credit_code, ProjectClaim.scope,
                    ProjectClaim.consumption_tce, ProjectClaim.year,
                    figure.consumption_tce if near_tolerance is not None else literal(None), unkept,
                    case((unkept, Project.inputs)), case((unkept, func.md5(cast(Project.inputs, Text)))), key)
             .join(Enterprise, Enterprise.id == Project.enterprise_id)
             .outerjoin(ProjectClaim, and_(ProjectClaim.project_id == Project.id, ProjectClaim.computed_with == key)))
    if near_tolerance is None:
        kept = ProjectClaim.scope.is_not(None)
    else:
        query = query.outerjoin(figure, and_(figure.credit_code == Enterprise.credit_code,
                                             figure.year == ProjectClaim.year))
        kept = _may_be_flagged(ProjectClaim.scope, ProjectClaim.consumption_tce, figure.consumption_tce,
                               near_tolerance)
    rows = session.execute(query.where(*narrowed, or_(unkept, kept)).order_by(Project.year.desc(), Project.id.desc()))
    found, now = [], None
    for pid, year, reference, code, scope, tce, claim_year, monitored, computing, inputs, digest, now in rows:
        claim = Claim(scope, tce, claim_year) if scope is not None else None
        found.append(Candidate(pid, year, reference, code, not computing, claim, monitored, inputs, digest))
    return now or "", found


def _may_be_flagged(scope, claimed, monitored, tolerance: Decimal) -> ColumnElement[bool]:
    """A kept claim that ``cross_check`` may flag beside ``monitored`` (a superset of those it flags): a
    part not below the whole, a whole against a figure of 0 or deviating about the tolerance or more."""
    scale, below = _NEAR
    return and_(monitored.is_not(None), or_(
        and_(scope == PART, claimed >= monitored),
        and_(scope == WHOLE, or_(monitored == 0,
                                 func.abs(claimed - monitored) * 100 * scale >= literal(tolerance) * monitored * below))))


def store(session: Session, computed: Sequence[tuple[int, str, Claim | None]], rules: str, key: str) -> None:
    """Keep the claims ``computed`` — (project id, digest of the document it was computed from, claim) —
    as computed with ``key`` (what ``candidates`` answered for ``rules``): a project whose document is
    no longer that one is left out, and all of them when the factors are no longer ``key``'s. The
    projects are share-locked in id order until the transaction ends: a change of a document waits for
    its claim to be kept and then forgets it (migration 0041's trigger), a change under way is waited
    for and then leaves its claim out (READ COMMITTED reads the locked row again)."""
    ordered = sorted(computed, key=lambda c: c[0])
    session.execute(text(f"""
        INSERT INTO project_claims (project_id, computed_with, scope, consumption_tce, year)
        SELECT p.id, :key, v.scope, v.tce, v.year
        FROM unnest(CAST(:ids AS integer[]), CAST(:digests AS text[]), CAST(:scopes AS text[]),
                    CAST(:tces AS numeric[]), CAST(:years AS integer[])) AS v(id, digest, scope, tce, year)
        JOIN projects p ON p.id = v.id AND md5(p.inputs::text) = v.digest
        WHERE :key = :rules || {_FACTORS_SQL}
        ORDER BY p.id FOR SHARE OF p
        ON CONFLICT (project_id) DO UPDATE SET computed_with = excluded.computed_with, scope = excluded.scope,
            consumption_tce = excluded.consumption_tce, year = excluded.year"""), {
        "key": key, "rules": _prefix(rules), "ids": [c[0] for c in ordered],
        "digests": [c[1] for c in ordered], "scopes": [c[2].scope if c[2] else None for c in ordered],
        "tces": [c[2].consumption_tce if c[2] else None for c in ordered],
        "years": [c[2].year if c[2] else None for c in ordered]})


def hold_briefly(session: Session) -> str:
    """Wait at most a moment for a row lock until ``let_go`` (or the savepoint's end); the wait before."""
    return session.execute(text("SELECT current_setting('lock_timeout'), set_config('lock_timeout', '200ms', true)")
                           ).one()[0]


def let_go(session: Session, before: str) -> None:
    session.execute(text("SELECT set_config('lock_timeout', :before, true)"), {"before": before})
