"""Project history keeps the subsidies: a rollup as of a past moment sums the amounts recorded then.

``project_history`` (migration 0006) keeps every state of a project's rollup-relevant columns, but
not its money, so the rollup's subsidy totals as of a past moment summed the amounts each counted
project carries now (docs/rollups.md, "Subsidies"): an approved subsidy changed at verification, at
a second approval or by a correction rewrote every earlier report. Now history has
``subsidy_requested_wan_yuan`` and ``subsidy_approved_wan_yuan``, and the triggers' column list has
them too: a change of either amount closes the project's open state and opens a new one, as a
change of its savings does.

Backfill: every row takes the amounts its project carries now. For the open rows (each project's
state now) that is what they are. Older, closed rows were written when history kept no money, and
nothing holds what the amounts were then for every write path (the audit trail has the steps'
amounts, but bulk loads, the demo and plain SQL write no entry); NULL would read as "no amount" and
sum as 0, so upgrading would drop money from as-of reports of earlier moments. With today's amounts
those reports read as they did before this revision, and every state written after it is exact.

``rollup_cells`` gets no money: the live rollup sums ``projects`` (docs/rollups.md), and only the
as-of rollup reads history.

Revision ID: 0036
Revises: 0035
Create Date: 2026-12-07
"""
import importlib.util
from pathlib import Path

import sqlalchemy as sa
from alembic import op

revision = "0036"
down_revision = "0035"
branch_labels = None
depends_on = None

SUBSIDIES = ("subsidy_requested_wan_yuan", "subsidy_approved_wan_yuan")


def _migration_0006():
    """0006's module (its file name is not an importable module name): its column list, its
    cells' upsert and the trigger functions it wrote, which the way down restores."""
    path = Path(__file__).with_name("0006_rollups.py")
    spec = importlib.util.spec_from_file_location("registry_migration_0006", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _or_replace(sql: str) -> str:
    return sql.replace("CREATE FUNCTION", "CREATE OR REPLACE FUNCTION", 1)


def _keeping_subsidies(before) -> list[str]:
    """0006's insert and update trigger functions with the subsidies among the kept columns: each
    place that lists the columns (the inserts' column lists, the selects' with their alias, the
    update's test of a change) lists them too. 0006 is released and never changes, so its text is
    the one to extend and, on the way down, to restore."""
    old, new = before.HISTORY_COLUMNS, before.HISTORY_COLUMNS + SUBSIDIES

    def listed(names, prefix: str = "") -> str:
        return ", ".join(prefix + name for name in names)

    places = {before.CHANGED: " OR ".join(f"o.{c} IS DISTINCT FROM n.{c}" for c in new),
              f"(project_id, {listed(old)}, valid_from)": f"(project_id, {listed(new)}, valid_from)",
              listed(old, "n."): listed(new, "n."), listed(old, "t."): listed(new, "t.")}
    functions = [_or_replace(before.FUNCTIONS[event]) for event in ("insert", "update")]
    for place, extended in places.items():
        assert any(place in sql for sql in functions), place  # 0006's text is as expected
        functions = [sql.replace(place, extended) for sql in functions]
    return functions


def upgrade() -> None:
    before = _migration_0006()
    for name in SUBSIDIES:
        op.add_column("project_history", sa.Column(name, sa.Numeric))
    op.execute(f"""
        UPDATE project_history h SET {", ".join(f"{name} = p.{name}" for name in SUBSIDIES)}
        FROM projects p WHERE p.id = h.project_id
    """)
    for sql in _keeping_subsidies(before):
        op.execute(sql)


def downgrade() -> None:
    before = _migration_0006()
    for event in ("insert", "update"):
        op.execute(_or_replace(before.FUNCTIONS[event]))
    for name in reversed(SUBSIDIES):
        op.drop_column("project_history", name)
