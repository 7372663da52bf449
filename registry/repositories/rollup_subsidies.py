"""SQL of the rollup's money: the subsidies of the counted projects by cell.

The projects are those the rollup counts (``counted_selection``: rule, year, district, as-of).
The amounts are the ones each project carries now: ``project_history`` keeps no subsidy columns
(docs/rollups.md, "Subsidies", says what that means for an as-of report).
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
    if selection.history:  # the states counted then, with the amounts on record now
        source, amounts = "project_history p JOIN projects cur ON cur.id = p.project_id", "cur"
    else:
        source, amounts = "projects p", "p"
    rows = session.execute(text(f"""
        SELECT p.district_code, p.kind, p.status,
               coalesce(sum({amounts}.subsidy_approved_wan_yuan), 0),
               coalesce(sum({amounts}.subsidy_requested_wan_yuan), 0)
        FROM {source} WHERE {selection.where}
        GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
    """), selection.params)
    return [SubsidyCell(r[0], r[1], r[2], Subsidies(Decimal(r[3]), Decimal(r[4]))) for r in rows]
