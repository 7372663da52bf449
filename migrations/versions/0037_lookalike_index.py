"""The possible duplicates (可能重复登记) group projects by enterprise, year and kind: the index of
0032, ``projects (enterprise_id, year, district_code, status)``, gets ``kind`` after the year, so
that grouping — the data-quality check's count and the project list's ``check=possible_duplicates``
(``project_checks.possibly_duplicated``) — is an index-only scan in enterprise order instead of a
read of every project's row (≈ 1.8 kB each), for the city and for district staff alike (the district
and status are what ``visible_projects`` asks of them). The enterprise directory's counts read the
same index as before (the enterprise, the year, the district and status, still in enterprise order).

One index replaced, not one more: every project write keeps paying for the same number of indexes.
(A separate ``(enterprise_id, year, kind)`` served the city's grouping as well but not district
staff's, which need the district and status too.) ``project_parcels`` gets none: its shared-parcel
half reads every link once, through a hash, and the probes of one project use its primary key and
``ix_project_parcels_parcel_id``. docs/performance.md, "The data-quality page".

Revision ID: 0037
Revises: 0036
Create Date: 2026-12-06
"""
from alembic import op

revision = "0037"
down_revision = "0036"
branch_labels = None
depends_on = None

NAME = "ix_projects_enterprise_readable"


def upgrade() -> None:
    op.drop_index(NAME, table_name="projects")
    op.create_index(NAME, "projects", ["enterprise_id", "year", "kind", "district_code", "status"])


def downgrade() -> None:
    op.drop_index(NAME, table_name="projects")
    op.create_index(NAME, "projects", ["enterprise_id", "year", "district_code", "status"])
