"""SQL for the subsidy rules (``subsidy_rules``, migration 0033)."""
from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from registry.domain.subsidies import SubsidyRule
from registry.models import SubsidyRule as SubsidyRuleRow


def subsidy_rules(session: Session) -> list[SubsidyRule]:
    """Every rule, by kind, contract model and the year it applies from."""
    rows = session.scalars(select(SubsidyRuleRow).order_by(
        SubsidyRuleRow.kind, SubsidyRuleRow.emc_model, SubsidyRuleRow.first_year))
    return [SubsidyRule(kind=r.kind, emc_model=r.emc_model, first_year=r.first_year, yuan_per_tce=r.yuan_per_tce,
                        min_savings_tce=r.min_savings_tce, cap_wan_yuan=r.cap_wan_yuan,
                        cap_investment_share=r.cap_investment_share, basis=r.basis, source=r.source,
                        source_en=r.source_en)
            for r in rows]
