"""The rule for a year's equal value as an administrator records it (domain/factors.check_equal_value)."""
from __future__ import annotations

from decimal import Decimal

import pytest

from registry.domain.errors import ValidationError
from registry.domain.factors import check_equal_value


def test_a_plausible_value_is_taken_exactly_with_its_sources_trimmed():
    assert check_equal_value(" 2015 ", "0.3150", " 国家统计局 ", "") == (2015, Decimal("0.3150"), "国家统计局", None)
    assert check_equal_value(2005, Decimal("0.5"), "x", "NBS")[1:] == (Decimal("0.5"), "x", "NBS")


@pytest.mark.parametrize(("args", "fields"), [
    ((2015, "315", "x"), ["value_kgce_per_kwh"]),  # gce/kWh typed as kgce/kWh
    ((2015, "0.19", "x"), ["value_kgce_per_kwh"]),
    ((2015, "NaN", "x"), ["value_kgce_per_kwh"]),
    ((2015, True, "x"), ["value_kgce_per_kwh"]),
    (("二〇一五", "0.3", "x"), ["year"]),
    ((1989, "0.3", "x"), ["year"]),
    ((2015, "0.3", ""), ["source"]),
    ((2015, "0.3", "x", "y" * 301), ["source_en"]),
    ((3000, "3", ""), ["year", "value_kgce_per_kwh", "source"]),  # every fault at once
])
def test_every_fault_is_named_at_its_field(args, fields):
    with pytest.raises(ValidationError) as refused:
        check_equal_value(*args)
    assert [e.field for e in refused.value.field_errors] == fields
