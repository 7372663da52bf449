"""The seeded 等价值 rows say where they come from in the registry's languages, not in a note to
developers: every project's trace shows this source beside the factor, and "(DOMAIN.md §4.1,
verify)" read as English and as a file name on a Chinese page. Rows an administrator has since
edited keep their own text. The traces stored with projects quote the source as it was when their
savings were computed; the same words are replaced there too (the same source, the same factor —
no figure changes), so old and new projects' traces read alike.

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-05
"""
import sqlalchemy as sa
from alembic import op

revision = "0015"
down_revision = "0014"
branch_labels = None
depends_on = None

SEEDED = "national average of coal per kWh supplied (DOMAIN.md §4.1, verify)"
# Chinese first, English after, as the seeded factors' notes are ("电力 当量值 (equivalent value)").
SOURCE = "全国平均供电煤耗，二手资料，待核实 (national average of coal per kWh supplied; secondary source, to be verified)"


def _replace(old: str, new: str) -> None:
    bind = op.get_bind()
    bind.execute(sa.text("UPDATE electricity_equal_values SET source = :new WHERE source = :old"),
                 {"new": new, "old": old})
    # Neither text holds a quote or a backslash, so it reads the same inside the JSON text.
    bind.execute(sa.text("UPDATE projects SET savings_trace = replace(savings_trace::text, :old, :new)::jsonb "
                         "WHERE strpos(savings_trace::text, :old) > 0"), {"new": new, "old": old})


def upgrade() -> None:
    _replace(SEEDED, SOURCE)


def downgrade() -> None:
    _replace(SOURCE, SEEDED)
