"""The city's subsidy rules (补贴标准) as reference data: ``subsidy_rules``, one row per kind of project
(and, for contract energy management, per contract model) and the year it applies from.

The project page estimates the subsidy a project could claim by them (registry/domain/subsidies.py),
beside what was requested and approved, so a reviewer sees at once a request above the rule. The
figures are those of DOMAIN.md §6 — 沪经信法〔2017〕220号, marked *verify* there — and stay data, not
code: a new rule is a new row (a new migration), as a new edition of GB/T 2589 is for the factors.
Which tce a rule pays for is the row's ``basis``: the 等价值 figure, as energy-saving audits for
subsidies count electricity (a coal-to-electric boiler saves on 当量值 and not on 等价值).

Revision ID: 0033
Revises: 0032
Create Date: 2026-12-06
"""
import sqlalchemy as sa
from alembic import op

revision = "0033"
down_revision = "0032"
branch_labels = None
depends_on = None

SOURCE = "沪经信法〔2017〕220号（待核实）"
SOURCE_EN = "SHEITC 2017 No. 220 (to be verified)"
# kind, contract model, rate (元/tce), least savings (tce a year), cap (万元), share of investment
RULES = (
    ("technical_retrofit", None, 600, None),
    ("contract_energy_management", "shared_savings", 800, 50),
    ("contract_energy_management", "guaranteed_savings", 600, 50),
)


def upgrade() -> None:
    table = op.create_table(
        "subsidy_rules",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("kind", sa.String(32), nullable=False),
        sa.Column("emc_model", sa.String(32)),
        sa.Column("first_year", sa.Integer, nullable=False),
        sa.Column("yuan_per_tce", sa.Numeric, nullable=False),
        sa.Column("min_savings_tce", sa.Numeric),
        sa.Column("cap_wan_yuan", sa.Numeric),
        sa.Column("cap_investment_share", sa.Numeric),
        sa.Column("basis", sa.String(16), nullable=False),
        sa.Column("source", sa.Text, nullable=False),
        sa.Column("source_en", sa.Text),
        sa.CheckConstraint("yuan_per_tce > 0", name="rate"),
        sa.CheckConstraint("cap_investment_share > 0 AND cap_investment_share <= 1", name="share"),
        sa.CheckConstraint("basis IN ('equivalent', 'equal_value')", name="basis"),
        sa.UniqueConstraint("kind", "emc_model", "first_year", name="uq_subsidy_rules_kind_model_year",
                            postgresql_nulls_not_distinct=True),  # one retrofit rule a year, too
    )
    op.bulk_insert(table, [
        {"kind": kind, "emc_model": model, "first_year": 2017, "yuan_per_tce": rate, "min_savings_tce": minimum,
         "cap_wan_yuan": 500, "cap_investment_share": 0.30, "basis": "equal_value", "source": SOURCE,
         "source_en": SOURCE_EN}
        for kind, model, rate, minimum in RULES
    ])


def downgrade() -> None:
    op.drop_table("subsidy_rules")
