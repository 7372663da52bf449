"""The demo's redevelopment figures follow the parcel's area at a plausible output density."""
from __future__ import annotations

import random

from registry.services.demo.land import NEW_USES, redevelopment_figures


def test_a_redevelopments_figures_scale_with_its_area_at_tens_of_yi_yuan_per_km2():
    rng = random.Random(7)
    for area_m2 in (2000.0, 10_000.0, 200_000.0):  # 0.2 ha, 15 亩, 0.2 km²
        for new_use in NEW_USES:
            investment, expected, actual = redevelopment_figures(rng, area_m2, new_use)
            km2 = area_m2 / 1e6
            assert 40 <= float(expected) / 1e4 / km2 <= 150, (area_m2, new_use, expected)
            assert 0.5 * float(expected) <= float(actual) <= 1.1 * float(expected)
            assert 0.4 <= float(investment) / area_m2 <= 1.6  # 万元/m²


def test_the_figures_are_drawn_from_the_seed():
    assert redevelopment_figures(random.Random(1), 5000.0, "M1") == redevelopment_figures(random.Random(1), 5000.0, "M1")
