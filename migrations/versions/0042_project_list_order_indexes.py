"""The project list (项目列表, its API and ``registry projects list``) reads its first pages from an
index in the list's order instead of sorting every project: a reviewer's plain list,
``ORDER BY updated_at DESC, id DESC LIMIT 25``, read and sorted all 100,000 projects' rows (≈ 1.8 kB
each) at every view — 0.3–0.6 s of the page (docs/performance.md, "Session 26: the project list at
100k").

The list sorts by one key (the last change by default, or a column's) and breaks ties by the newest
id, whichever way the key runs (``repositories.projects.list_order``). A B-tree read forwards or
backwards gives the id in one direction relative to its key, so a key with many ties — the last
change (an import gives every row one), the year, the kind, the status, the district, the savings
(every project that saves nothing) — needs an index each way: ``(key, id DESC)`` ascending and
``(key DESC, id DESC)`` descending (the savings' with ``NULLS LAST``, as the list puts projects
without savings last both ways). A key with few ties is read one way or the other from one index,
each tie sorted as it comes (an incremental sort): the title here; the reference
(``uq_projects_reference``, unique) and the district descending (``uq_projects_district_code_id``)
already have theirs; the enterprise's name is the enterprises' index, its projects joined by
``ix_projects_enterprise_id``. A backward read places NULLs as the index was built, so the list says
``NULLS LAST`` only of the savings, the one key that may be NULL (``list_order``; the order is the
same).

Each project index ends with ``district_code``: district staff's list opens on their district, and
a district whose projects lie far down an order (changed long ago, none of the newest year) is then
passed over in the index rather than row by row; their list by reference gets ``(district_code,
reference)``, the reference's own index having ≈ 12,500 other districts' rows before a page of theirs.

Every project write keeps up thirteen more indexes (64 MB with the enterprises' at 100,000
projects): inserting 100,000 projects took the server 11–12 s of CPU instead of 6–7 s, and a
100,000-project import wrote 27–30 % more WAL (its wall time moved less than the loaded machine's
noise). docs/development.md, "Decisions".

Revision ID: 0042
Revises: 0041
Create Date: 2026-12-07
"""
from alembic import op
from sqlalchemy import text

revision = "0042"
down_revision = "0041"
branch_labels = None
depends_on = None

# name: its columns — the key in the order read, the id, the district (staff's reference: the district first)
PROJECT_INDEXES = {
    "ix_projects_order_updated_desc": "updated_at DESC, id DESC, district_code",
    "ix_projects_order_updated_asc": "updated_at, id DESC, district_code",
    "ix_projects_order_year_desc": "year DESC, id DESC, district_code",
    "ix_projects_order_year_asc": "year, id DESC, district_code",
    "ix_projects_order_kind_desc": "kind DESC, id DESC, district_code",
    "ix_projects_order_kind_asc": "kind, id DESC, district_code",
    "ix_projects_order_status_desc": "status DESC, id DESC, district_code",
    "ix_projects_order_status_asc": "status, id DESC, district_code",
    "ix_projects_order_district_asc": "district_code, id DESC",
    "ix_projects_order_savings_desc": "savings_tce DESC NULLS LAST, id DESC, district_code",
    "ix_projects_order_savings_asc": "savings_tce, id DESC, district_code",
    "ix_projects_order_title": "title, id DESC, district_code",
    "ix_projects_order_district_reference": "district_code, reference",
}
ENTERPRISE_NAME = "ix_enterprises_order_name"


def upgrade() -> None:
    for name, columns in PROJECT_INDEXES.items():
        op.execute(text(f"CREATE INDEX {name} ON projects ({columns})"))
    op.execute(text(f"CREATE INDEX {ENTERPRISE_NAME} ON enterprises (name)"))


def downgrade() -> None:
    for name in (ENTERPRISE_NAME, *reversed(PROJECT_INDEXES)):
        op.execute(text(f"DROP INDEX {name}"))
