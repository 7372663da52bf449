"""Indexes for the search box (查找, registry/repositories/search.py), so that a search at city
scale (1M parcels, 100k projects) reads the matches, not every row (docs/performance.md, "Search"):

- trigram GIN indexes (pg_trgm) on the names and identifiers of projects and enterprises: a text of
  three characters or more anywhere in them (``ILIKE '%text%'``), or at their start;
- a B-tree of ``lower(code)`` in byte order (``COLLATE "C"``: ``LIKE 'text%'`` is a range of it under
  any database collation, read in order) on parcels: a parcel is found by its whole code or the
  start of it. A trigram index on the parcels' codes would also find a code's middle, but added 9 s
  to writing a million parcels (this one 3.6 s), and the bulk import's target is 60 s.

pg_trgm ships with PostgreSQL (Debian's postgresql package; ``postgresql-contrib`` elsewhere) and is
a trusted extension (PostgreSQL 13+): the database's owner may create it. Chinese names get trigrams
where the database's LC_CTYPE classes CJK characters as letters (C.UTF-8, zh_CN.UTF-8, en_US.UTF-8;
not the bare C locale): docs/operations.md, "Search".

Revision ID: 0026
Revises: 0025
Create Date: 2026-12-06
"""
import sqlalchemy as sa
from alembic import op

revision = "0026"
down_revision = "0025"
branch_labels = None
depends_on = None

TRIGRAM_INDEXES = {
    "ix_projects_title_trgm": ("projects", "title"),
    "ix_projects_reference_trgm": ("projects", "reference"),
    "ix_enterprises_name_trgm": ("enterprises", "name"),
    "ix_enterprises_credit_code_trgm": ("enterprises", "credit_code"),
}


def upgrade() -> None:
    op.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    for name, (table, column) in TRIGRAM_INDEXES.items():
        op.create_index(name, table, [column], postgresql_using="gin", postgresql_ops={column: "gin_trgm_ops"})
    op.create_index("ix_parcels_code_prefix", "parcels", [sa.text('(lower(code) COLLATE "C")')])


def downgrade() -> None:
    op.drop_index("ix_parcels_code_prefix", table_name="parcels")
    for name, (table, _column) in TRIGRAM_INDEXES.items():
        op.drop_index(name, table_name=table)
    op.execute("DROP EXTENSION IF EXISTS pg_trgm")
