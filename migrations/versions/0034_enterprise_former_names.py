"""An enterprise's former names (曾用名): ``enterprise_former_names``, one row per name it bore
before, with the day it stopped being the name and who recorded that.

Renames (更名, services/enterprise_edits.py) are common, and staff, leaders and earlier years'
documents keep the old name for years; until now it survived in the audit trail only, so the search
box and the enterprise directory did not find the enterprise by it. Each row has the name's search
key (``name_key``, generated as ``enterprises.name_key`` is: migration 0030) with a trigram GIN
index, so that a former name is matched exactly as a current one (anywhere in it, by the index from
three characters). One row per enterprise and key (unique): a name borne twice is one former name,
with the later day; a name taken back is no longer a former one (the service deletes its row), and a
change of width or case only (ＡＢ → AB) is the same name to the search and to a reader.

Backfill: every earlier rename is in the audit trail (an ``update`` of entity ``enterprise`` whose
changes hold ``name`` as [before, after]), so the table starts with those, by the same rules: the
latest day of each former name, none equal (by key) to the enterprise's name today, who changed it
and when as recorded by the entry.

Revision ID: 0034
Revises: 0033
Create Date: 2026-12-07
"""
import sqlalchemy as sa
from alembic import op

revision = "0034"
down_revision = "0033"
branch_labels = None
depends_on = None

# Earlier renames from the audit trail, the latest of each (enterprise, key), the day in Shanghai's
# time (the sessions' TimeZone; the registry's days are Shanghai's, registry/clock.py).
BACKFILL = """
INSERT INTO enterprise_former_names (enterprise_id, name, until, recorded_at, recorded_by)
SELECT DISTINCT ON (e.id, registry_search_key(a.changes -> 'name' ->> 0))
       e.id, a.changes -> 'name' ->> 0, (a.at AT TIME ZONE 'Asia/Shanghai')::date, a.at, a.user_id
FROM audit_log a
JOIN enterprises e ON e.id::text = a.entity_id
WHERE a.entity = 'enterprise' AND a.action = 'update'
  AND jsonb_typeof(a.changes -> 'name') = 'array'
  AND coalesce(btrim(a.changes -> 'name' ->> 0), '') <> ''
  AND registry_search_key(a.changes -> 'name' ->> 0) <> e.name_key
ORDER BY e.id, registry_search_key(a.changes -> 'name' ->> 0), a.at DESC, a.id DESC
"""


def upgrade() -> None:
    op.create_table(
        "enterprise_former_names",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("enterprise_id", sa.Integer, sa.ForeignKey("enterprises.id", ondelete="CASCADE"), nullable=False),
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("name_key", sa.Text, sa.Computed("registry_search_key(name)", persisted=True), nullable=False),
        sa.Column("until", sa.Date, nullable=False),
        sa.Column("recorded_at", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False),
        sa.Column("recorded_by", sa.Integer, sa.ForeignKey("users.id")),
        sa.UniqueConstraint("enterprise_id", "name_key", name="uq_enterprise_former_names_enterprise_id_name_key"),
    )
    op.create_index("ix_enterprise_former_names_name_key_trgm", "enterprise_former_names", ["name_key"],
                    postgresql_using="gin", postgresql_ops={"name_key": "gin_trgm_ops"})
    op.execute(BACKFILL)


def downgrade() -> None:
    op.drop_table("enterprise_former_names")
