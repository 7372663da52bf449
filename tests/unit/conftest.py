"""Factor tables for the accounting tests, built from literal rows (DOMAIN.md §4.1).

GB/T 2589-2008 Appendix A values; natural gas and coke-oven gas carry the range a project-measured
factor must fall in (natural gas the 2020 edition's, as migration 0019 records). Equal values (等价值) per year: 2013 0.321, 2017 0.309, none for 2014
(the ≈ national averages of DOMAIN.md, marked "verify" there — test data, not reference data).
"""
from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Callable

import pytest

from registry.domain.errors import Bilingual
from registry.domain.factors import FactorRow, FactorTable

GB2589_2008 = datetime.date(2008, 6, 1)

# energy, unit, kgce per unit, range for a project-measured factor (and its edition, if not 2008)
_ROWS_2008 = [
    ("raw_coal", "kg", "0.7143", None),
    ("washed_coal", "kg", "0.9000", None),
    ("coke", "kg", "0.9714", None),
    ("crude_oil", "kg", "1.4286", None),
    ("fuel_oil", "kg", "1.4286", None),
    ("gasoline", "kg", "1.4714", None),
    ("kerosene", "kg", "1.4714", None),
    ("diesel", "kg", "1.4571", None),
    ("lpg", "kg", "1.7143", None),
    ("refinery_gas", "kg", "1.5714", None),
    ("natural_gas", "m3", "1.2143", ("1.1000", "1.3300", "2020")),
    ("coke_oven_gas", "m3", "0.5714", ("0.5714", "0.6143")),
    ("blast_furnace_gas", "m3", "0.1286", None),
    ("heat", "MJ", "0.03412", None),
    ("steam", "kg", "0.1286", None),
    ("electricity", "kWh", "0.1229", None),
]

EQUAL_VALUES = {2013: Decimal("0.321"), 2017: Decimal("0.309"), 2014: None}


def factor_rows() -> list[FactorRow]:
    """The GB/T 2589-2008 rows as a service would load them."""
    rows = []
    for energy, unit, value, bounds in _ROWS_2008:
        low, high = (Decimal(b) for b in bounds[:2]) if bounds else (None, None)
        range_edition = bounds[2] if bounds and len(bounds) > 2 else None
        rows.append(FactorRow(energy, unit, Decimal(value), "GB/T 2589", "2008", GB2589_2008,
                              low, high, range_edition))
    return rows


def table_for(year: int, equal_value: Decimal | None | str = "default") -> FactorTable:
    """The table in force in ``year``; ``equal_value`` overrides the year's 等价值."""
    value = EQUAL_VALUES.get(year) if equal_value == "default" else equal_value
    source = None if value is None else Bilingual(f"{year}年全国平均（测试数据）", f"national average {year} (test data)")
    return FactorTable.from_rows(factor_rows(), year, value, source)  # type: ignore[arg-type]


@pytest.fixture(scope="session")
def factors_for() -> Callable[..., FactorTable]:
    """``factors_for(year, equal_value=...)`` → a FactorTable."""
    return table_for


@pytest.fixture
def factors_2013() -> FactorTable:
    return table_for(2013)


@pytest.fixture
def factors_2014() -> FactorTable:
    return table_for(2014)


@pytest.fixture
def factors_2017() -> FactorTable:
    return table_for(2017)
