"""The demo's subsidies: what its retrofit and EMC districts request and what the city approves.

Set after the projects are loaded, since a request is made against the estimate by the city's rule
(补贴测算), which needs the computed savings. A district asks for about its estimate, sometimes more
(up to a fifth above, which the project page marks); the city approves an approved, completed or
verified project's request up to the estimate. Deterministic for a seed: each project's figures
come from the seed and its reference. Projects with an amount already are left alone, so a second
load changes nothing.
"""
from __future__ import annotations

import random
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from registry.models import Project
from registry.services.subsidies import estimate_for

SUBSIDISED_KINDS = ("technical_retrofit", "contract_energy_management")
DECIDED = ("approved", "completed", "verified")  # the city has approved these: it recorded an amount
CENT = Decimal("0.01")  # 0.01 万元, as the pages show money


def request_and_approval(rng: random.Random, estimate: Decimal, status: str) -> tuple[Decimal, Decimal | None]:
    """(requested, approved) 万元 for an estimate: the request 85–120 % of it, the approval the
    request up to the estimate (rounded down, never a cent above it), none before approval."""
    requested = (estimate * Decimal(rng.randint(85, 120)) / 100).quantize(CENT, ROUND_HALF_UP)
    approved = min(requested, estimate).quantize(CENT, ROUND_DOWN) if status in DECIDED else None
    return requested, approved


def load_demo_subsidies(session: Session, seed: int) -> int:
    """Give the illustrative retrofit and EMC projects without amounts their request and approval;
    how many were given one."""
    projects = session.scalars(select(Project).where(
        Project.is_illustrative, Project.kind.in_(SUBSIDISED_KINDS),
        Project.subsidy_requested_wan_yuan.is_(None), Project.subsidy_approved_wan_yuan.is_(None),
    ).order_by(Project.reference)).all()
    given = 0
    for project in projects:
        estimate = estimate_for(session, project)
        if estimate is None or not estimate.amount_wan_yuan:  # no rule, or nothing to claim (EMC under 50 tce)
            continue
        rng = random.Random(f"{seed}-{project.reference}")
        project.subsidy_requested_wan_yuan, project.subsidy_approved_wan_yuan = request_and_approval(
            rng, estimate.amount_wan_yuan, project.status)
        given += 1
    session.commit()  # a step of the load as the others are: flushed alone, the CLI's session dropped it
    return given
