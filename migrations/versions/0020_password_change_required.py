"""A user given a password by somebody else — an administrator creating the account or resetting
its password — must choose their own at the next sign-in: ``users.must_change_password``. Existing
accounts keep signing in as before (false).

Revision ID: 0020
Revises: 0019
Create Date: 2026-12-05
"""
import sqlalchemy as sa
from alembic import op

revision = "0020"
down_revision = "0019"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("users", sa.Column("must_change_password", sa.Boolean(), nullable=False,
                                     server_default=sa.false()))


def downgrade() -> None:
    op.drop_column("users", "must_change_password")
