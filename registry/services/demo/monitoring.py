"""The demo's online monitoring figures (在线监测, migration 0035), so that a project page shows its
cross-check card: for a few illustrative exits of capacity the monitored consumption of their baseline
year agrees with the claim (within a few %), for one it is a fifth lower (the claim deviates by +25 %,
beyond the 10 % tolerance: flagged — one awaiting a reviewer's approval or verification where there is
one, so a reviewer meets the flag before taking the step), and for two retrofits the whole enterprise
consumed three times their "before" ledger. Set after the projects are loaded (the claims need their
factors); figures already held are left alone, so a second load changes nothing."""
from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from registry.domain.monitoring import Claim, MonitoredRow
from registry.models import Enterprise, Project
from registry.repositories import monitoring as repo
from registry.services.monitoring_checks import claim_of
from registry.services.savings import FactorCache

SOURCE = "示意数据（演示）"
MATCHING = (Decimal("0.97"), Decimal("1.02"), Decimal("1.05"))  # monitored = claim × each: within 10 %
OVER = Decimal("0.8")  # monitored a fifth below the claim: the claim is 25 % above it
WHOLE_OF_PARTS = Decimal(3)  # a retrofit's enterprise consumed three times the retrofitted part
RETROFITS = ("technical_retrofit", "contract_energy_management")
CENT = Decimal("0.01")
# the flagged exit is one a reviewer still takes a step on, the likeliest first: to approve, to verify
_AWAITING_REVIEW = {"submitted": 0, "completed": 1, "approved": 2}


def load_demo_monitoring(session: Session) -> int:
    """Record the demo's monitored figures (committed); how many were new."""
    factors, rows = FactorCache(session), []

    def claimed(kinds: tuple[str, ...]) -> list[tuple[Project, str, Claim]]:
        found = [(project, code, claim_of(project.inputs, factors)) for project, code in _projects(session, kinds)]
        return [(project, code, claim) for project, code, claim in found if claim is not None]

    def figure(code: str, claim: Claim, ratio: Decimal) -> None:
        rows.append(MonitoredRow(code, claim.year, (claim.consumption_tce * ratio).quantize(CENT, ROUND_HALF_UP), SOURCE))

    exits = claimed(("structural_adjustment",))
    exits.sort(key=lambda found: _AWAITING_REVIEW.get(found[0].status, len(_AWAITING_REVIEW)))  # stable: by reference
    for (_project, code, claim), ratio in zip(exits, (OVER, *MATCHING)):
        figure(code, claim, ratio)
    for _project, code, claim in claimed(RETROFITS)[:2]:
        figure(code, claim, WHOLE_OF_PARTS)
    held = repo.held(session, [(r.credit_code, r.year) for r in rows])
    new = [r for r in rows if (r.credit_code, r.year) not in held]
    repo.upsert(session, new, None)
    session.commit()
    return len(new)


def _projects(session: Session, kinds: tuple[str, ...]) -> list[tuple[Project, str]]:
    """The illustrative projects of ``kinds`` by reference, each with its enterprise's credit code, of
    enterprises with no other project: the demo's enterprises hold random projects, and an enterprise's
    second exit or a boiler larger than its exit would be checked against the same figure (and flagged)."""
    alone = (select(Project.enterprise_id).group_by(Project.enterprise_id).having(func.count() == 1)).subquery()
    return [tuple(row) for row in session.execute(
        select(Project, Enterprise.credit_code).join(Enterprise, Enterprise.id == Project.enterprise_id)
        .where(Project.is_illustrative, Project.kind.in_(kinds), Project.enterprise_id.in_(select(alone.c.enterprise_id)))
        .order_by(Project.reference))]
