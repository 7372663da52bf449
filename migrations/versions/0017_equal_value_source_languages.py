"""The 等价值 rows keep their source in each language of the registry: ``source`` in Chinese and a
new ``source_en`` in English, so a Chinese page reads only Chinese and an English page only
English. 0015 had written both in one text ("全国平均供电煤耗，二手资料，待核实 (national average
…)"), which every project's trace showed beside the factor in either language. The seeded rows are
split; a row an administrator has since written keeps its text, with no English (pages in English
then show it as written). The traces stored with projects quote the source as it was when their
savings were computed: their English trace takes the English words, their Chinese translation the
Chinese ones (the same source, the same factor — no figure changes).

Revision ID: 0017
Revises: 0016
Create Date: 2026-12-05
"""
import sqlalchemy as sa
from alembic import op

revision = "0017"
down_revision = "0016"
branch_labels = None
depends_on = None

BOTH = "全国平均供电煤耗，二手资料，待核实 (national average of coal per kWh supplied; secondary source, to be verified)"
CHINESE = "全国平均供电煤耗，二手资料，待核实"
ENGLISH = "National average of coal per kWh supplied; secondary source, to be verified"

# A stored trace is the English one plus "translations" per locale (services.savings.stored_trace).
# None of these texts holds a quote or a backslash, so each reads the same inside the JSON text.
_TRACES = """
UPDATE projects SET savings_trace =
    replace((savings_trace - 'translations')::text, :old_en, :new_en)::jsonb
    || CASE WHEN savings_trace ? 'translations'
            THEN jsonb_build_object('translations', replace((savings_trace -> 'translations')::text, :old_zh, :new_zh)::jsonb)
            ELSE '{}'::jsonb END
 WHERE strpos(savings_trace::text, :old_en) > 0 OR strpos(savings_trace::text, :old_zh) > 0
"""


def upgrade() -> None:
    op.add_column("electricity_equal_values", sa.Column("source_en", sa.Text(), nullable=True))
    bind = op.get_bind()
    bind.execute(sa.text("UPDATE electricity_equal_values SET source = :zh, source_en = :en WHERE source = :both"),
                 {"zh": CHINESE, "en": ENGLISH, "both": BOTH})
    bind.execute(sa.text(_TRACES), {"old_en": BOTH, "new_en": ENGLISH, "old_zh": BOTH, "new_zh": CHINESE})


def downgrade() -> None:
    bind = op.get_bind()
    bind.execute(sa.text("UPDATE electricity_equal_values SET source = :both WHERE source = :zh AND source_en = :en"),
                 {"zh": CHINESE, "en": ENGLISH, "both": BOTH})
    bind.execute(sa.text(_TRACES), {"old_en": ENGLISH, "new_en": BOTH, "old_zh": CHINESE, "new_zh": BOTH})
    op.drop_column("electricity_equal_values", "source_en")
