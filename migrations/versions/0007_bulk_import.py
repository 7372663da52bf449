"""Bulk import: saved field-mapping profiles and a record of every import run that loaded data.

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-23
"""
import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects.postgresql import JSONB

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

# Frozen copy of what can be imported at this revision.
TARGETS = ("parcels", "zones", "districts", "projects")


def _in(column: str, values: tuple[str, ...]) -> str:
    return f"{column} IN ({', '.join(repr(v) for v in values)})"


def upgrade() -> None:
    op.create_table(
        "import_mappings",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("name", sa.String(64), nullable=False),
        sa.Column("target", sa.String(16), nullable=False),
        # {"fields": {"code": "DKBH", ...}, "crs": "EPSG:4549" | "gcj02" | null, "layer": ...}
        sa.Column("profile", JSONB, nullable=False),
        sa.Column("created_by", sa.Integer, sa.ForeignKey("users.id")),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False),
        sa.UniqueConstraint("target", "name", name="uq_import_mappings_target_name"),
        sa.CheckConstraint(_in("target", TARGETS), name="target"),
        sa.CheckConstraint("jsonb_typeof(profile) = 'object'", name="profile_object"),
    )
    op.create_table(
        "import_runs",
        sa.Column("id", sa.BigInteger, primary_key=True),
        sa.Column("at", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False),
        sa.Column("user_id", sa.Integer, sa.ForeignKey("users.id")),
        sa.Column("target", sa.String(16), nullable=False),
        sa.Column("source_name", sa.Text, nullable=False),
        sa.Column("source_sha256", sa.String(64)),
        # District staff's imports are bound to their district; kept for distribution by district.
        sa.Column("district_code", sa.String(6), sa.ForeignKey("districts.code")),
        sa.Column("on_error", sa.String(8), nullable=False),
        sa.Column("rows_read", sa.BigInteger, nullable=False),
        sa.Column("rows_inserted", sa.BigInteger, nullable=False),
        sa.Column("rows_updated", sa.BigInteger, nullable=False),
        sa.Column("rows_refused", sa.BigInteger, nullable=False),
        sa.Column("rows_repaired", sa.BigInteger, nullable=False, server_default="0"),
        sa.Column("seconds", sa.Numeric, nullable=False),
        sa.CheckConstraint(_in("target", TARGETS), name="target"),
        sa.CheckConstraint("on_error IN ('abort', 'skip')", name="on_error"),
        sa.CheckConstraint(
            "rows_read >= 0 AND rows_inserted >= 0 AND rows_updated >= 0 AND rows_refused >= 0 AND rows_repaired >= 0",
            name="counts_non_negative",
        ),
    )
    op.create_index("ix_import_runs_target_at", "import_runs", ["target", "at"])


def downgrade() -> None:
    op.drop_table("import_runs")
    op.drop_table("import_mappings")
