"""The project list's text filter counts its matches from an index: 0037's
``ix_projects_enterprise_readable`` — ``projects (enterprise_id, year, kind, district_code, status)`` —
also carries each project's name key and reference (``INCLUDE (title_key, reference)``), what
``search.project_holds_text`` reads of a project besides its enterprise. A two-character word (电机)
has no trigram, so the count of its matches reads every project's name: from this index (≈ 17 MB at
100,000 projects) instead of the projects' rows (≈ 166 MB, their inputs and savings trace inline).
The district, status, kind and year beside them keep the list's other filters and district staff's
visibility within the index.

One index widened, not one more: every project write keeps paying for the same number of indexes
(B-tree deduplication, which INCLUDE turns off, found few equal keys in this one). The enterprise
directory's counts and the possible duplicates' grouping read the same keys as before.
docs/performance.md, "The project list's text and lookalike filters".

Revision ID: 0043
Revises: 0042
Create Date: 2026-12-07
"""
from alembic import op

revision = "0043"
down_revision = "0042"
branch_labels = None
depends_on = None

NAME = "ix_projects_enterprise_readable"
KEYS = ["enterprise_id", "year", "kind", "district_code", "status"]


def upgrade() -> None:
    op.drop_index(NAME, table_name="projects")
    op.create_index(NAME, "projects", KEYS, postgresql_include=["id", "title_key", "reference"])


def downgrade() -> None:
    op.drop_index(NAME, table_name="projects")
    op.create_index(NAME, "projects", KEYS)
