"""The subsidy a project could claim by the city's rules (补贴测算): its page and the API show it beside
what was requested and approved; the reference page lists the rules (registry/domain/subsidies.py)."""
from __future__ import annotations

from sqlalchemy.orm import Session

from registry.domain.subsidies import EQUIVALENT, SubsidyEstimate, SubsidyRule, estimate_subsidy, rule_for
from registry.domain.vocabulary import EMC_MODELS, PROJECT_KINDS
from registry.models import Project
from registry.repositories import subsidies as repo


def subsidy_rules(session: Session) -> list[SubsidyRule]:
    """Every rule, in the order the pages list the kinds and the contract models, then by year."""
    kinds, models = list(PROJECT_KINDS), [None, *EMC_MODELS]
    return sorted(repo.subsidy_rules(session), key=lambda r: (
        kinds.index(r.kind) if r.kind in kinds else len(kinds), models.index(r.emc_model) if r.emc_model in models else 0,
        r.first_year))


def estimate_for(session: Session, project: Project) -> SubsidyEstimate | None:
    """The estimate for ``project`` by the rule in force in its year; ``None`` for a kind (or an EMC
    project without its contract model) no rule pays for."""
    rule = rule_for(repo.subsidy_rules(session), project.kind, (project.inputs or {}).get("emc_model"), project.year)
    if rule is None:
        return None
    savings = project.savings_tce if rule.basis == EQUIVALENT else project.savings_tce_equal_value
    return estimate_subsidy(rule, savings, project.investment_wan_yuan)
