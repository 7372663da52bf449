"""Table versions of the project list's count: ``projects`` and ``enterprises`` join ``data_versions``
(migration 0040), so the count of a list filtered by a text (项目列表 ``q=``, 45–80 ms at 100,000
projects: the names' index read whole) is kept per worker until either table changes
(``services/projects/list_counts.py``). A reader paging through a text's matches, or coming back to
its list, pays the count once.

What the count reads, and so what moves the versions (the same trigger function as 0040's: a number
from the shared sequence, the row locked to commit, at most ``PER_TRANSACTION`` numbers a
transaction, after which its readers skip the cache):
- ``projects``: any write (its name, reference, district, kind, year, status, enterprise, planned
  completion and whether it may be read are all conditions of the list). Every such statement already
  moves the map's ``projects`` layer version (migration 0010), whose row serialises the same writers.
- ``enterprises``: a row added or deleted, an UPDATE of ``id``, ``name`` (its ``name_key`` follows) or
  ``credit_code`` — the text is matched against those; an enterprise's district, address or monitoring
  are not in any project's count.

A write with triggers disabled moves nothing: ``SELECT registry_bump_data_versions()`` moves every
version, these two included (docs/operations.md).

Revision ID: 0048
Revises: 0047
Create Date: 2026-12-07
"""
from alembic import op

revision = "0048"
down_revision = "0047"
branch_labels = None
depends_on = None

EVENTS = {
    "projects": ("INSERT", "UPDATE", "DELETE", "TRUNCATE"),
    "enterprises": ("INSERT", "UPDATE OF id, name, credit_code", "DELETE", "TRUNCATE"),
}


# (trigger, table, event), named as 0040's
TRIGGERS = [(f"{table}_data_version_{event.split()[0].lower()}", table, event)
            for table, events in EVENTS.items() for event in events]


def upgrade() -> None:
    for table in EVENTS:
        op.execute(f"INSERT INTO data_versions (subject, version) VALUES ('{table}', nextval('data_versions_seq'))")
    for name, table, event in TRIGGERS:
        op.execute(f"CREATE TRIGGER {name} AFTER {event} ON {table} FOR EACH STATEMENT "
                   "EXECUTE FUNCTION registry_bump_data_version()")


def downgrade() -> None:
    for name, table, _event in TRIGGERS:
        op.execute(f"DROP TRIGGER {name} ON {table}")
    op.execute("DELETE FROM data_versions WHERE subject IN ('projects', 'enterprises')")
