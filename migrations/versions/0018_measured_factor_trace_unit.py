"""A project-measured factor in a stored trace is in kgce per the unit of its factor row (kgce/m3),
as the engine now traces it: the inputs had said "kgce", which read as a quantity of standard coal
beside the 1.25 a natural-gas line was multiplied by (audit 2026-12-05, docs/accounting.md). Only
the input's unit changes; the factor listed under ``factors`` always said kgce/m3 and no figure
changes. The English trace and each stored translation are corrected alike.

Revision ID: 0018
Revises: 0017
Create Date: 2026-12-05
"""
import json
from typing import Any, Callable

import sqlalchemy as sa
from alembic import op

revision = "0018"
down_revision = "0017"
branch_labels = None
depends_on = None

MEASURED = ".factor_kgce_per_unit"
OLD_UNIT = "kgce"


def _per_row_unit(trace: dict[str, Any]) -> bool:
    """Give each measured-factor input the unit its factor is listed with (kgce/m3)."""
    listed = {f.get("field"): f.get("unit") for f in trace.get("factors", ())}
    changed = False
    for item in trace.get("inputs", ()):
        unit = listed.get(item.get("field"))
        if item.get("field", "").endswith(MEASURED) and item.get("unit") == OLD_UNIT and unit:
            item["unit"], changed = unit, True
    return changed


def _back_to_kgce(trace: dict[str, Any]) -> bool:
    changed = False
    for item in trace.get("inputs", ()):
        if item.get("field", "").endswith(MEASURED) and item.get("unit") != OLD_UNIT:
            item["unit"], changed = OLD_UNIT, True
    return changed


def _rewrite(fix: Callable[[dict[str, Any]], bool]) -> None:
    bind = op.get_bind()
    # Read as text: a stored trace's numbers are floats' digits, and float's repr writes them back alike.
    rows = bind.execute(sa.text("SELECT id, savings_trace::text FROM projects "
                                "WHERE strpos(savings_trace::text, :measured) > 0"), {"measured": MEASURED})
    for project_id, text in rows.all():
        trace = json.loads(text)
        changed = fix(trace)
        for translated in (trace.get("translations") or {}).values():
            changed = fix(translated) or changed
        if changed:
            bind.execute(sa.text("UPDATE projects SET savings_trace = CAST(:trace AS jsonb) WHERE id = :id"),
                         {"trace": json.dumps(trace, ensure_ascii=False), "id": project_id})


def upgrade() -> None:
    _rewrite(_per_row_unit)


def downgrade() -> None:
    _rewrite(_back_to_kgce)
