"""SQL of the rollup's money: the subsidies of the counted projects by cell.

The projects are those the rollup counts (``counted_selection``: rule, year, district, as-of), and
so are the amounts: live, the ones ``projects`` carries; as of a moment, the ones its state then
held (``project_history`` keeps both amounts since migration 0036; docs/rollups.md, "Subsidies").
"""
from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from sqlalchemy import text
from sqlalchemy.orm import Session

from registry.domain.rollup_subsidies import Subsidies, SubsidyCell
from registry.repositories.rollups import counted_selection


def subsidy_cells(session: Session, year: int, rule: str, as_of: datetime | None,
                  district_code: str | None = None) -> list[SubsidyCell]:
    selection = counted_selection(year, rule, as_of, district_code)
    source = "project_history p" if selection.history else "projects p"
    rows = session.execute(text(f"""
        SELECT p.district_code, p.kind, p.status,
               coalesce(sum(p.subsidy_approved_wan_yuan), 0), coalesce(sum(p.subsidy_requested_wan_yuan), 0)
        FROM {source} WHERE {selection.where}
        GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
    """), selection.params)
    return [SubsidyCell(r[0], r[1], r[2], Subsidies(Decimal(r[3]), Decimal(r[4]))) for r in rows]
