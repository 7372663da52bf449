"""The rollup dashboard at a million projects: money in the cells, as-of figures from checkpoints,
a closed year's frozen cells beside its snapshot (docs/performance.md, "Rollups", 2026-12).

- ``rollup_cells`` gets both subsidies, kept by the same triggers as its other sums: the live
  rollup aggregated the 44,000 counted ``projects`` rows of a year for its money (≈ 400 ms at 1M
  projects) where it reads a few hundred cells for everything else. Filled from the open
  ``project_history`` states, which the as-of figures rely on the cells being the sum of.
- ``rollup_checkpoints`` / ``rollup_checkpoint_cells``: a counting rule's cells as ``project_history``
  held them at a moment, stored once the moment is settled (no transaction still open began before it). An as-of
  rollup starts from the nearest such moment, or from the live cells, and adds the history rows
  opened and closed in between, found by the two new indexes on ``valid_from`` and ``valid_to``,
  instead of aggregating every state valid then (a million rows). Derived data: deleting them is
  safe (they are made again); whatever rewrites ``project_history`` itself must delete them. The
  partial indexes of the counting dates take ``valid_from`` after the date (``_date_indexes``).
- ``rollup_closure_cells``: a closed year's frozen cells, stored at closing beside its snapshot, so
  the adjustments on the dashboard of a closed year read them instead of parsing the whole
  snapshot (21 MB with its 44,000 project lines: 2.2 s per view). Append-only like the closure.
  Filled from each snapshot whose sha256 still holds; a year without them (none here: an altered
  snapshot) falls back to the snapshot, whose check refuses it as before.

Revision ID: 0039
Revises: 0038
Create Date: 2026-12-08
"""
import importlib.util
from pathlib import Path

import sqlalchemy as sa
from alembic import op

revision = "0039"
down_revision = "0038"
branch_labels = None
depends_on = None

SUBSIDIES = ("subsidy_requested_wan_yuan", "subsidy_approved_wan_yuan")
CELL_KEY = ("date_kind", "year", "district_code", "kind", "status")
SOURCES = {"insert": [("new_rows", 1)], "update": [("old_rows", -1), ("new_rows", 1)], "delete": [("old_rows", -1)]}


def _migration(file_name: str):
    """A released migration's module (its file name is not an importable module name)."""
    path = Path(__file__).with_name(file_name)
    spec = importlib.util.spec_from_file_location(f"registry_migration_{file_name[:4]}", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _functions(with_money: bool) -> list[str]:
    """The trigger functions as 0036 left them, their cells' upsert summing the subsidies too when
    ``with_money``: 0006's upsert text, written for 0006's measures plus the subsidies."""
    first, money = _migration("0006_rollups.py"), _migration("0036_subsidy_history.py")
    functions = dict(zip(("insert", "update"), money._keeping_subsidies(first)))
    functions["delete"] = money._or_replace(first.FUNCTIONS["delete"])
    if not with_money:
        return list(functions.values())
    summing = _migration("0006_rollups.py")
    summing.MEASURES = first.MEASURES + SUBSIDIES
    for event, sql in functions.items():
        place = first._cells_delta(SOURCES[event])
        assert place in sql, event  # 0006's and 0036's texts are as expected
        functions[event] = sql.replace(place, summing._cells_delta(SOURCES[event]))
    return list(functions.values())


def _figure_columns(money: bool) -> list[sa.Column]:
    first = _migration("0006_rollups.py")
    names = ("project_count", "equal_value_missing")
    return ([sa.Column(n, sa.BigInteger, nullable=False, server_default="0") for n in names]
            + [sa.Column(m, sa.Numeric, nullable=False, server_default="0")
               for m in first.MEASURES + (SUBSIDIES if money else ())])


# How many cells (a year of a counting date × district × kind × status) the states fall in: without
# it the planner multiplied the four columns' counts, expected 42,000 cells for 74, and sorted
# 290,000 states on disk to sum them (2.5 s) where a hash of 74 takes them in one pass (1.2 s, loaded).
DAYS = (("st_project_history_verified_cells", "verified_on"), ("st_project_history_completed_cells", "completed_on"))


def _year(day: str) -> str:
    return f"extract(year FROM {day})::int"  # as repositories/rollup_cells.py groups them, to the letter


def _date_indexes(then: tuple[str, ...]) -> None:
    """0006's partial indexes of the counting dates, with ``then`` after the date. With
    ``valid_from`` there, the drill-down's projects as of a moment (the year's dates, valid then) are
    one index's range: beside ``ix_project_history_valid_from`` alone, the planner ANDed the two
    bitmaps, reading 900,000 entries of the new one to drop none of the year's 44,000 rows (+40 ms)."""
    for name, day, statuses in (("verified", "verified_on", "status = 'verified'"),
                                ("completed", "completed_on", "status IN ('completed', 'verified')")):
        op.execute(f"DROP INDEX ix_project_history_{name}")
        op.execute(f"CREATE INDEX ix_project_history_{name} ON project_history ({', '.join((day, *then))}) "
                   f"WHERE {statuses}")


def upgrade() -> None:
    for name in SUBSIDIES:
        op.add_column("rollup_cells", sa.Column(name, sa.Numeric, nullable=False, server_default="0"))
    for sql in _functions(with_money=True):
        op.execute(sql)
    op.execute(f"""
        UPDATE rollup_cells c SET {", ".join(f"{n} = s.{n}" for n in SUBSIDIES)}
        FROM (SELECT d.date_kind, extract(year FROM d.day)::int AS year, h.district_code, h.kind, h.status,
                     {", ".join(f"sum(coalesce(h.{n}, 0)) AS {n}" for n in SUBSIDIES)}
              FROM project_history h
              CROSS JOIN LATERAL (VALUES ('completed', h.completed_on), ('verified', h.verified_on)) d(date_kind, day)
              WHERE h.valid_to IS NULL AND d.day IS NOT NULL
              GROUP BY 1, 2, 3, 4, 5) s
        WHERE ({", ".join("c." + k for k in CELL_KEY)}) = ({", ".join("s." + k for k in CELL_KEY)})
    """)

    op.create_index("ix_project_history_valid_from", "project_history", ["valid_from"])
    op.execute("CREATE INDEX ix_project_history_valid_to ON project_history (valid_to) WHERE valid_to IS NOT NULL")
    _date_indexes(("valid_from",))
    for name, day in DAYS:
        op.execute(f"CREATE STATISTICS {name} (ndistinct) ON ({_year(day)}), district_code, kind, status "
                   "FROM project_history")
    op.execute("ANALYZE project_history")  # the statistics' first figures, and the new indexes'
    op.create_table(
        "rollup_checkpoints",
        sa.Column("moment", sa.DateTime(timezone=True), nullable=False),
        sa.Column("rule", sa.String(16), nullable=False),
        sa.Column("taken_at", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False),
        sa.PrimaryKeyConstraint("rule", "moment", name="pk_rollup_checkpoints"),
        sa.CheckConstraint("rule IN ('verified', 'completed')", name="ck_rollup_checkpoints_rule"),
    )
    op.create_table(  # a counting rule's cells: its date kind's, of the statuses it counts
        "rollup_checkpoint_cells",
        sa.Column("moment", sa.DateTime(timezone=True), nullable=False),
        sa.Column("rule", sa.String(16), nullable=False),
        sa.Column("year", sa.Integer, nullable=False),
        sa.Column("district_code", sa.String(6), nullable=False),
        sa.Column("kind", sa.String(32), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        *_figure_columns(money=True),
        sa.PrimaryKeyConstraint("rule", "moment", "year", "district_code", "kind", "status",
                                name="pk_rollup_checkpoint_cells"),
        sa.ForeignKeyConstraint(["rule", "moment"], ["rollup_checkpoints.rule", "rollup_checkpoints.moment"],
                                ondelete="CASCADE", name="fk_rollup_checkpoint_cells_checkpoint"),
    )

    op.create_table(
        "rollup_closure_cells",
        sa.Column("closure_id", sa.Integer, sa.ForeignKey("rollup_closures.id", ondelete="CASCADE"), nullable=False),
        sa.Column("district_code", sa.String(6), nullable=False),
        sa.Column("kind", sa.String(32), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        *_figure_columns(money=False),
        sa.PrimaryKeyConstraint("closure_id", "district_code", "kind", "status", name="pk_rollup_closure_cells"),
    )
    op.execute("CREATE TRIGGER rollup_closure_cells_frozen BEFORE UPDATE ON rollup_closure_cells "
               "FOR EACH ROW EXECUTE FUNCTION registry_refuse_audit_change()")
    figures = [c.name for c in _figure_columns(money=False)]
    op.execute(f"""
        INSERT INTO rollup_closure_cells (closure_id, district_code, kind, status, {", ".join(figures)})
        SELECT c.id, e ->> 'district_code', e ->> 'kind', e ->> 'status',
               {", ".join(f"(e ->> '{n}')::{'bigint' if n in ('project_count', 'equal_value_missing') else 'numeric'}"
                          for n in figures)}
        FROM rollup_closures c CROSS JOIN LATERAL jsonb_array_elements(c.snapshot::jsonb -> 'cells') e
        WHERE encode(sha256(convert_to(c.snapshot, 'UTF8')), 'hex') = c.sha256
    """)


def downgrade() -> None:
    op.execute("DROP TRIGGER rollup_closure_cells_frozen ON rollup_closure_cells")
    op.drop_table("rollup_closure_cells")
    op.drop_table("rollup_checkpoint_cells")
    op.drop_table("rollup_checkpoints")
    op.execute("DROP INDEX ix_project_history_valid_to")
    op.drop_index("ix_project_history_valid_from", table_name="project_history")
    _date_indexes(())
    for name, _ in DAYS:
        op.execute(f"DROP STATISTICS {name}")
    for sql in _functions(with_money=False):
        op.execute(sql)
    for name in reversed(SUBSIDIES):
        op.drop_column("rollup_cells", name)
