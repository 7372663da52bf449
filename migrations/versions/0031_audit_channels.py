"""The audit trail records the channel of each entry: ``audit_log.channel`` (web, api, cli, system)
and, for the API, ``audit_log.api_token_id`` (which token; its secret is never kept anywhere).

Entries written before this migration say ``unknown``: nobody recorded their channel, and a guess
(a user id → the web?) would be a record that lies. The column is added with that DEFAULT, which
PostgreSQL (11+) stores once in the catalogue instead of rewriting each row — so no row is
UPDATEd and the append-only trigger of 0001 (``audit_log_append_only``, BEFORE UPDATE OR DELETE)
stays as it is, neither dropped nor fired. The default is then dropped: a new entry must say its
channel (NOT NULL, no default), so a writer that forgets fails instead of logging "unknown".

A CHECK keeps the codes (a frozen copy of ``registry.domain.channels.CHANNELS``) and the token
with the API only; an index (channel, at, id) serves the trail's channel filter newest first,
as 0022's indexes serve the others.

Revision ID: 0031
Revises: 0030
Create Date: 2026-12-05
"""
import sqlalchemy as sa
from alembic import op

revision = "0031"
down_revision = "0030"
branch_labels = None
depends_on = None

CHANNELS = ("web", "api", "cli", "system", "unknown")


def upgrade() -> None:
    op.add_column("audit_log", sa.Column("channel", sa.String(16), nullable=False, server_default="unknown"))
    op.alter_column("audit_log", "channel", server_default=None)
    op.add_column("audit_log", sa.Column("api_token_id", sa.Integer, sa.ForeignKey("api_tokens.id")))
    codes = ", ".join(f"'{c}'" for c in CHANNELS)
    op.create_check_constraint("channel", "audit_log", f"channel IN ({codes})")
    op.create_check_constraint("api_token", "audit_log",
                               "(channel = 'api') = (api_token_id IS NOT NULL)")
    op.create_index("ix_audit_log_channel", "audit_log", ["channel", "at", "id"])


def downgrade() -> None:
    # dropping columns rewrites no row either: the trigger is not fired, the entries stay
    op.drop_index("ix_audit_log_channel", table_name="audit_log")
    op.drop_constraint("api_token", "audit_log", type_="check")
    op.drop_constraint("channel", "audit_log", type_="check")
    op.drop_column("audit_log", "api_token_id")
    op.drop_column("audit_log", "channel")
