"""Seed the standard-coal factors (GB/T 2589-2008, Appendix A) and electricity 等价值 by year.

Values from DOMAIN.md §4.1; those marked *(verify)* there are editable reference data, kept
here only as the starting edition. Later editions are added as new rows, never by UPDATE.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-23
"""
from datetime import date
from decimal import Decimal

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

STANDARD, EDITION, VALID_FROM = "GB/T 2589", "2008", date(2008, 6, 1)

# energy, unit, kgce per unit, measured-factor range (min, max) or None, note
FACTORS = [
    ("raw_coal", "kg", "0.7143", None, "原煤, 20 908 kJ/kg"),
    ("washed_coal", "kg", "0.9000", None, "洗精煤"),
    ("coke", "kg", "0.9714", None, "焦炭"),
    ("crude_oil", "kg", "1.4286", None, "原油"),
    ("fuel_oil", "kg", "1.4286", None, "燃料油/重油"),
    ("gasoline", "kg", "1.4714", None, "汽油"),
    ("kerosene", "kg", "1.4714", None, "煤油"),
    ("diesel", "kg", "1.4571", None, "柴油"),
    ("lpg", "kg", "1.7143", None, "液化石油气"),
    ("refinery_gas", "kg", "1.5714", None, "炼厂干气"),
    ("natural_gas", "m3", "1.2143", ("1.1000", "1.3300"), "天然气 (gas-field default; oil-field 1.3300; 2020 edition range)"),
    ("coke_oven_gas", "m3", "0.5714", ("0.5714", "0.6143"), "焦炉煤气"),
    ("blast_furnace_gas", "m3", "0.1286", None, "高炉煤气"),
    ("heat", "MJ", "0.03412", None, "热力, 34.12 kgce/GJ"),
    ("steam", "kg", "0.1286", None, "蒸汽 (low pressure)"),
    ("electricity", "kWh", "0.1229", None, "电力 当量值 (equivalent value)"),
]

# National averages of coal burned per kWh supplied, kgce/kWh (DOMAIN.md §4.1, verify).
EQUAL_VALUES = [
    (2005, "0.370"), (2010, "0.333"), (2013, "0.321"), (2017, "0.309"), (2020, "0.3055"),
]


def upgrade() -> None:
    factors = sa.table(
        "energy_factors",
        sa.column("standard"), sa.column("edition"), sa.column("energy"), sa.column("unit"),
        sa.column("value_kgce"), sa.column("value_min"), sa.column("value_max"),
        sa.column("valid_from"), sa.column("note"),
    )
    op.bulk_insert(factors, [
        {
            "standard": STANDARD, "edition": EDITION, "energy": energy, "unit": unit,
            "value_kgce": Decimal(value),
            "value_min": Decimal(rng[0]) if rng else None,
            "value_max": Decimal(rng[1]) if rng else None,
            "valid_from": VALID_FROM, "note": note,
        }
        for energy, unit, value, rng, note in FACTORS
    ])
    equal_values = sa.table(
        "electricity_equal_values", sa.column("year"), sa.column("value_kgce_per_kwh"), sa.column("source")
    )
    op.bulk_insert(equal_values, [
        {"year": year, "value_kgce_per_kwh": Decimal(v),
         "source": "national average of coal per kWh supplied (DOMAIN.md §4.1, verify)"}
        for year, v in EQUAL_VALUES
    ])


def downgrade() -> None:
    op.execute("DELETE FROM electricity_equal_values")
    op.execute(f"DELETE FROM energy_factors WHERE standard = '{STANDARD}' AND edition = '{EDITION}'")
