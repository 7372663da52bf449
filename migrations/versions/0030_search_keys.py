"""Search keys: names and parcel codes compared in one form (NFKC, lower case) on both sides.

The search box normalised only what was typed (NFKC: full-width letters, digits and brackets as
ASCII), so a name stored as Chinese input methods write it — 上海ＡＢ化工（集团）有限公司, full-width
letters and brackets — was found neither by "ab" nor by "（集团）" (typed, it became "(集团)"); and a
text of one or two characters, which reads the names whole ``COLLATE "C"`` for speed, ignored case for
ASCII letters only, so "ü" did not find Müller. Both sides are now the same key,
``registry_search_key(text)`` = lower(NFKC(text)) (PostgreSQL 15 has no casefold(); the domain's
``search_key`` is the same in Python):

- ``projects.title_key`` and ``enterprises.name_key``: stored generated columns, so that a short text
  still reads plain bytes (LIKE on the key, no function per row: 45 ms where the COLLATE "C" ILIKE
  took 72 ms, and lower(normalize()) per row 480 ms, on 100k names); the trigram indexes of 0026 on the
  names move to the keys.
- parcels: the B-tree of 0026 becomes one of the key in byte order. NFKC only where a code is not
  already in that form (the quick check), so writing a million ASCII codes costs ~1.5 s more, not
  the 3.6 s of normalising every one.

Revision ID: 0030
Revises: 0026
Create Date: 2026-12-05
"""
import sqlalchemy as sa
from alembic import op

revision = "0030"
down_revision = "0026"
branch_labels = None
depends_on = None

# SQL, so that PostgreSQL inlines it into the index and the statements alike (they then match); a
# quoted body, not PostgreSQL 14's RETURN, so that PostgreSQL 13 (README: ≥ 13) takes it too
SEARCH_KEY_FUNCTION = """
CREATE FUNCTION registry_search_key(value text) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$ SELECT lower(CASE WHEN value IS NFKC NORMALIZED THEN value ELSE normalize(value, NFKC) END) $$
"""
KEYS = {"projects": ("title", "title_key"), "enterprises": ("name", "name_key")}


def upgrade() -> None:
    op.execute(SEARCH_KEY_FUNCTION)
    for table, (column, key) in KEYS.items():
        op.drop_index(f"ix_{table}_{column}_trgm", table_name=table)
        op.add_column(table, sa.Column(key, sa.Text, sa.Computed(f"registry_search_key({column})", persisted=True),
                                       nullable=False))
        op.create_index(f"ix_{table}_{key}_trgm", table, [key], postgresql_using="gin",
                        postgresql_ops={key: "gin_trgm_ops"})
    op.drop_index("ix_parcels_code_prefix", table_name="parcels")
    op.create_index("ix_parcels_code_key", "parcels", [sa.text('(registry_search_key(code) COLLATE "C")')])


def downgrade() -> None:
    op.drop_index("ix_parcels_code_key", table_name="parcels")
    op.create_index("ix_parcels_code_prefix", "parcels", [sa.text('(lower(code) COLLATE "C")')])
    for table, (column, key) in KEYS.items():
        op.drop_index(f"ix_{table}_{key}_trgm", table_name=table)
        op.drop_column(table, key)
        op.create_index(f"ix_{table}_{column}_trgm", table, [column], postgresql_using="gin",
                        postgresql_ops={column: "gin_trgm_ops"})
    op.execute("DROP FUNCTION registry_search_key(text)")
