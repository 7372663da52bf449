"""Annual rollups: project history (for as-of reports), rollup cells kept by triggers, year closings.

- ``project_history``: every state of a project's rollup-relevant columns with the interval
  [valid_from, valid_to) during which the registry held it. Written by statement-level triggers on
  ``projects``, so every write path (UI, API, importers, demo, plain SQL) is captured.
- ``rollup_cells``: counts and sums per (date kind, year, district, kind, status), kept by the same
  triggers; the live dashboard reads these instead of aggregating a million projects.
- ``rollup_closures``: the frozen, checksummed report of a closed year.

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-24
"""
import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

# Frozen copy of the rollup-relevant columns at this revision.
HISTORY_COLUMNS = (
    "reference", "title", "kind", "year", "status", "district_code", "savings_tce", "savings_tce_equal_value",
    "installed_kw", "remanufactured_kw", "investment_wan_yuan", "freed_land_m2", "output_value_wan_yuan",
    "completed_on", "verified_on", "savings_method", "is_illustrative",
)
MEASURES = (
    "savings_tce", "savings_tce_equal_value", "installed_kw", "remanufactured_kw",
    "investment_wan_yuan", "freed_land_m2", "output_value_wan_yuan",
)
COLS = ", ".join(HISTORY_COLUMNS)


def _cells_delta(sources: list[tuple[str, int]]) -> str:
    """INSERT … ON CONFLICT adding the signed sums of transition tables to rollup_cells.

    Each project contributes once per date it carries (completion and verification), keyed by that
    date's year. Rows are aggregated first and upserted in key order, so one statement touches
    each cell once and concurrent writers lock cells in the same order.
    """
    union = " UNION ALL ".join(
        f"SELECT {sign} AS sign, t.* FROM {table} t" for table, sign in sources
    )
    sums = ", ".join(f"sum(r.sign * coalesce(r.{m}, 0))" for m in MEASURES)
    updates = ", ".join(f"{m} = c.{m} + EXCLUDED.{m}" for m in MEASURES)
    return f"""
    INSERT INTO rollup_cells AS c (date_kind, year, district_code, kind, status, project_count, equal_value_missing,
                                    {", ".join(MEASURES)})
    SELECT d.date_kind, extract(year FROM d.day)::int, r.district_code, r.kind, r.status, sum(r.sign),
           sum(r.sign * (r.savings_tce_equal_value IS NULL)::int), {sums}
    FROM ({union}) r
    CROSS JOIN LATERAL (VALUES ('completed', r.completed_on), ('verified', r.verified_on)) d(date_kind, day)
    WHERE d.day IS NOT NULL
    GROUP BY 1, 2, 3, 4, 5
    ORDER BY 1, 2, 3, 4, 5
    ON CONFLICT (date_kind, year, district_code, kind, status) DO UPDATE SET
        project_count = c.project_count + EXCLUDED.project_count,
        equal_value_missing = c.equal_value_missing + EXCLUDED.equal_value_missing, {updates};
    """


def _open_history(table: str) -> str:
    return f"""
    INSERT INTO project_history (project_id, {COLS}, valid_from)
    SELECT t.id, {", ".join("t." + c for c in HISTORY_COLUMNS)}, ts FROM {table} t;
    """


CHANGED = " OR ".join(f"o.{c} IS DISTINCT FROM n.{c}" for c in HISTORY_COLUMNS)

FUNCTIONS = {
    "insert": f"""
    CREATE FUNCTION registry_projects_after_insert() RETURNS trigger LANGUAGE plpgsql AS $$
    DECLARE ts timestamptz := clock_timestamp();
    BEGIN
        {_open_history("new_rows")}
        {_cells_delta([("new_rows", 1)])}
        RETURN NULL;
    END $$;""",
    "update": f"""
    CREATE FUNCTION registry_projects_after_update() RETURNS trigger LANGUAGE plpgsql AS $$
    DECLARE
        ts timestamptz := clock_timestamp();
        changed bigint;
    BEGIN
        -- Only changes of the columns kept in history make a new state (not inputs, trace, version).
        UPDATE project_history h SET valid_to = ts
            FROM new_rows n JOIN old_rows o ON o.id = n.id
            WHERE h.project_id = n.id AND h.valid_to IS NULL AND ({CHANGED});
        GET DIAGNOSTICS changed = ROW_COUNT;
        IF changed = 0 THEN RETURN NULL; END IF;
        INSERT INTO project_history (project_id, {COLS}, valid_from)
            SELECT n.id, {", ".join("n." + c for c in HISTORY_COLUMNS)}, ts
            FROM new_rows n JOIN old_rows o ON o.id = n.id WHERE {CHANGED};
        {_cells_delta([("old_rows", -1), ("new_rows", 1)])}
        RETURN NULL;
    END $$;""",
    "delete": f"""
    CREATE FUNCTION registry_projects_after_delete() RETURNS trigger LANGUAGE plpgsql AS $$
    DECLARE ts timestamptz := clock_timestamp();
    BEGIN
        UPDATE project_history h SET valid_to = ts
            FROM old_rows o WHERE h.project_id = o.id AND h.valid_to IS NULL;
        {_cells_delta([("old_rows", -1)])}
        RETURN NULL;
    END $$;""",
}


def upgrade() -> None:
    numeric = [sa.Column(m, sa.Numeric, nullable=False, server_default="0") for m in MEASURES]
    op.create_table(
        "project_history",
        sa.Column("id", sa.BigInteger, primary_key=True),
        # no foreign key: history outlives a deleted project
        sa.Column("project_id", sa.Integer, nullable=False),
        sa.Column("reference", sa.Text, nullable=False),
        sa.Column("title", sa.Text, nullable=False),
        sa.Column("kind", sa.String(32), nullable=False),
        sa.Column("year", sa.Integer, nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("district_code", sa.String(6), nullable=False),
        *[sa.Column(m, sa.Numeric) for m in MEASURES],
        sa.Column("completed_on", sa.Date),
        sa.Column("verified_on", sa.Date),
        sa.Column("savings_method", sa.String(32)),
        sa.Column("is_illustrative", sa.Boolean, nullable=False),
        sa.Column("valid_from", sa.DateTime(timezone=True), nullable=False),
        sa.Column("valid_to", sa.DateTime(timezone=True)),
        sa.CheckConstraint("valid_to IS NULL OR valid_to >= valid_from", name="validity"),
    )
    op.create_index("ix_project_history_project_id", "project_history", ["project_id", "valid_from"])
    op.execute("CREATE UNIQUE INDEX uq_project_history_open ON project_history (project_id) WHERE valid_to IS NULL")
    op.execute("CREATE INDEX ix_project_history_verified ON project_history (verified_on) WHERE status = 'verified'")
    op.execute("CREATE INDEX ix_project_history_completed ON project_history (completed_on) "
               "WHERE status IN ('completed', 'verified')")

    op.create_table(
        "rollup_cells",
        sa.Column("date_kind", sa.String(16), nullable=False),
        sa.Column("year", sa.Integer, nullable=False),
        sa.Column("district_code", sa.String(6), nullable=False),
        sa.Column("kind", sa.String(32), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("project_count", sa.BigInteger, nullable=False, server_default="0"),
        # projects whose 等价值 figure is unknown (no equal value for their year): summed as 0
        sa.Column("equal_value_missing", sa.BigInteger, nullable=False, server_default="0"),
        *numeric,
        sa.PrimaryKeyConstraint("date_kind", "year", "district_code", "kind", "status", name="pk_rollup_cells"),
        sa.CheckConstraint("date_kind IN ('completed', 'verified')", name="ck_rollup_cells_date_kind"),
    )

    # Drill-down lists and the bare aggregate read projects by the date that counts them.
    op.execute("CREATE INDEX ix_projects_verified_on ON projects (verified_on) WHERE status = 'verified'")
    op.execute("CREATE INDEX ix_projects_completed_on ON projects (completed_on) "
               "WHERE status IN ('completed', 'verified')")

    op.create_table(
        "rollup_closures",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("year", sa.Integer, nullable=False),
        sa.Column("rule", sa.String(16), nullable=False),
        sa.Column("as_of", sa.DateTime(timezone=True), nullable=False),
        # the exact bytes of the canonical JSON snapshot, and their sha256
        sa.Column("snapshot", sa.Text, nullable=False),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("closed_by", sa.Integer, sa.ForeignKey("users.id")),
        sa.Column("closed_at", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False),
        sa.Column("note", sa.Text),
        sa.UniqueConstraint("year", "rule", name="uq_rollup_closures_year_rule"),
        sa.CheckConstraint("rule IN ('verified', 'completed')", name="ck_rollup_closures_rule"),
        sa.CheckConstraint("sha256 ~ '^[0-9a-f]{64}$'", name="ck_rollup_closures_sha256"),
    )
    # A frozen report is never rewritten (deleting a closure reopens the year, by hand only).
    op.execute(
        "CREATE TRIGGER rollup_closures_frozen BEFORE UPDATE ON rollup_closures "
        "FOR EACH ROW EXECUTE FUNCTION registry_refuse_audit_change()"
    )

    for sql in FUNCTIONS.values():
        op.execute(sql)
    referencing = {
        "insert": "REFERENCING NEW TABLE AS new_rows",
        "update": "REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows",
        "delete": "REFERENCING OLD TABLE AS old_rows",
    }
    for event, clause in referencing.items():
        op.execute(
            f"CREATE TRIGGER projects_rollup_{event} AFTER {event.upper()} ON projects {clause} "
            f"FOR EACH STATEMENT EXECUTE FUNCTION registry_projects_after_{event}()"
        )

    # Projects stored before this revision: their state is known since their last update.
    op.execute(f"""
        INSERT INTO project_history (project_id, {COLS}, valid_from)
        SELECT id, {COLS}, updated_at FROM projects
    """)
    op.execute(_cells_delta([("projects", 1)]))


def downgrade() -> None:
    for event in ("insert", "update", "delete"):
        op.execute(f"DROP TRIGGER projects_rollup_{event} ON projects")
        op.execute(f"DROP FUNCTION registry_projects_after_{event}()")
    op.execute("DROP TRIGGER rollup_closures_frozen ON rollup_closures")
    op.drop_table("rollup_closures")
    op.execute("DROP INDEX ix_projects_completed_on")
    op.execute("DROP INDEX ix_projects_verified_on")
    op.drop_table("rollup_cells")
    op.drop_table("project_history")
