"""A factor row says which edition its measured-factor range comes from when that is not its own.

The natural-gas row of GB/T 2589-2008 (1.2143 kgce/m³, gas-field gas; the 2008 table's oil-field
gas is 1.3300) carries the range 1.1000–1.3300 that the 2020 edition gives, so a measured factor out
of it was refused as "outside the range … of GB/T 2589-2008", citing an edition that has no such
range (audit 2026-12-05, docs/accounting.md). The coke-oven gas range 0.5714–0.6143 is the 2008
table's own. No figure changes: only the citation of the refusal.

Revision ID: 0019
Revises: 0018
Create Date: 2026-12-05
"""
import sqlalchemy as sa
from alembic import op

revision = "0019"
down_revision = "0018"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("energy_factors", sa.Column("range_edition", sa.Text(), nullable=True))
    op.create_check_constraint("range_edition_has_a_range", "energy_factors",
                               "range_edition IS NULL OR value_min IS NOT NULL OR value_max IS NOT NULL")
    op.execute("UPDATE energy_factors SET range_edition = '2020' WHERE standard = 'GB/T 2589' AND edition = '2008' "
               "AND energy = 'natural_gas' AND value_min = 1.1000 AND value_max = 1.3300")


def downgrade() -> None:
    op.drop_constraint("range_edition_has_a_range", "energy_factors", type_="check")
    op.drop_column("energy_factors", "range_edition")
