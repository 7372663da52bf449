"""The characters of each enterprise's name key, indexed (GIN over ``string_to_array(name_key, NULL)``):
a text of one or two characters has no trigram, so finding the enterprises whose name holds it read
all of them (66,666 at city scale: 30–40 ms of each project-list statement for a two-character word,
at load 6–7). The names holding each of its characters are found from this index, then compared
with ``LIKE`` (``search.enterprise_holds_text``). An enterprise is written seldom; a project list's
count and page, the search box and the enterprise directory read this on every short text.

The projects' names were left without such an index: PostgreSQL takes two characters for independent
and, for a common word (电机, 15 % of the names), read its matches' rows through it instead of the
names from 0043's index — slower (docs/performance.md, "Session 28").

Revision ID: 0044
Revises: 0043
Create Date: 2026-12-07
"""
from alembic import op

revision = "0044"
down_revision = "0043"
branch_labels = None
depends_on = None

NAME = "ix_enterprises_name_characters"


def upgrade() -> None:
    op.execute(f"CREATE INDEX {NAME} ON enterprises USING gin (string_to_array(name_key, NULL))")


def downgrade() -> None:
    op.execute(f"DROP INDEX {NAME}")
