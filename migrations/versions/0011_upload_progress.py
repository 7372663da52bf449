"""Progress and error reports of web uploads, shared by every app worker.

They lived in the worker's memory, so with more than one gunicorn worker (``scripts/run`` starts
two) the progress requests of an upload reached a worker that knew nothing of it: the upload's
own worker is busy importing. Now the upload writes its stage to ``upload_progress`` on a
separate, autocommitted connection (the import's own transaction commits only at the end), and
any worker reads it. Rows are kept an hour. ``user_id`` has no foreign key on purpose: the row is
written outside the request's transaction, which may be the one that created the user (tests).

Revision ID: 0011
Revises: 0010
Create Date: 2026-11-23
"""
import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "upload_progress",
        sa.Column("token", sa.String(64), primary_key=True),  # chosen by the page; per user
        sa.Column("user_id", sa.Integer, primary_key=True),
        sa.Column("stage", sa.String(16), nullable=False),
        sa.Column("done", sa.BigInteger, nullable=False, server_default="0"),
        sa.Column("total", sa.BigInteger),
        sa.Column("report_csv", sa.LargeBinary),
        sa.Column("report_xlsx", sa.LargeBinary),
        sa.Column("updated_at", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False),
    )
    op.create_index("ix_upload_progress_updated_at", "upload_progress", ["updated_at"])


def downgrade() -> None:
    op.drop_table("upload_progress")
