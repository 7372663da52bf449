"""Indexes for reading the audit trail across the registry (the /audit page, its export and
``registry audit list``): newest first, by user, by kind of record and by action, each ordered by
moment so a page of the newest 50 is read from the index's end instead of sorting the whole log.
The history of one record's index ``ix_audit_log_entity`` (entity, entity_id, at) gains the id, the
tie-breaker of both orders (a record's history, the trail), so neither sorts what the index read.

Revision ID: 0022
Revises: 0021
Create Date: 2026-12-05
"""
from alembic import op

revision = "0022"
down_revision = "0021"
branch_labels = None
depends_on = None

INDEXES = {
    "ix_audit_log_at": ["at", "id"],
    "ix_audit_log_user": ["user_id", "at", "id"],
    "ix_audit_log_entity_at": ["entity", "at", "id"],
    "ix_audit_log_action": ["action", "at", "id"],
}


def upgrade() -> None:
    for name, columns in INDEXES.items():
        op.create_index(name, "audit_log", columns)
    op.drop_index("ix_audit_log_entity", table_name="audit_log")
    op.create_index("ix_audit_log_entity", "audit_log", ["entity", "entity_id", "at", "id"])


def downgrade() -> None:
    op.drop_index("ix_audit_log_entity", table_name="audit_log")
    op.create_index("ix_audit_log_entity", "audit_log", ["entity", "entity_id", "at"])
    for name in INDEXES:
        op.drop_index(name, table_name="audit_log")
