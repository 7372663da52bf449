"""API tokens that may only read: ``api_tokens.read_only`` (GET, HEAD and OPTIONS only; any other
method gets 403). Tokens made before keep reading and writing (false), as they were made to.

Revision ID: 0024
Revises: 0023
Create Date: 2026-12-05
"""
import sqlalchemy as sa
from alembic import op

revision = "0024"
down_revision = "0023"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("api_tokens", sa.Column("read_only", sa.Boolean(), nullable=False, server_default=sa.false()))


def downgrade() -> None:
    op.drop_column("api_tokens", "read_only")
