"""The enterprise directory (企业名录) counts each enterprise's projects as its reader may read them
and orders by that count or the latest year: ``projects (enterprise_id, year, district_code,
status)`` holds all it reads (the enterprise, the year, and what ``visible_projects`` asks of
district staff), so the count is an index-only scan in enterprise order instead of a read of every
project's row (≈ 1.8 kB each with its inputs and trace): at 20,000 enterprises and 200,000 projects
0.8–1.3 s became 0.1–0.25 s on a loaded machine, and district staff's "without projects" 2 s became
0.2 s (docs/performance.md, "The enterprise directory"). ``ix_projects_enterprise_id`` (0001) stays:
the enterprise page's and the duplicate check's probes read the narrower one.

Revision ID: 0032
Revises: 0031
Create Date: 2026-12-06
"""
from alembic import op

revision = "0032"
down_revision = "0031"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_projects_enterprise_readable", "projects", ["enterprise_id", "year", "district_code", "status"])


def downgrade() -> None:
    op.drop_index("ix_projects_enterprise_readable", table_name="projects")
