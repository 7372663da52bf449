"""The references of deleted drafts, so that no other project is given one of them.

A draft that was never submitted may be deleted (docs/registration.md); its reference stays in
the audit log's deletion entry. Numbering takes one more than the highest number of a year and
district, so deleting the latest draft would hand its number to the next project, and the audit
log would then name two projects by one reference. ``next_reference`` counts these too.

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-06
"""
import sqlalchemy as sa
from alembic import op

revision = "0014"
down_revision = "0013"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "retired_references",
        sa.Column("reference", sa.Text, primary_key=True),
        sa.Column("project_id", sa.Integer, nullable=False),  # no foreign key: the project is gone
        sa.Column("retired_at", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("retired_references")
