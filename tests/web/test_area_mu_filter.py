"""Pages show 亩 by the domain's conversion (``domain.land.area_mu``), through one Jinja filter: six
templates multiplied by 15 / 10000 themselves, a copy of the factor beside the one the exports, the
OGC API and the freed-land totals use."""
from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

import pytest

from registry.domain.land import area_mu

TEMPLATES = Path(__file__).resolve().parents[2] / "templates"
# the factor written out: 15 / 10000, 15/10000, 0.0015, or its inverse 666.67 m² per 亩
FACTOR = re.compile(r"\*\s*15\s*/\s*10000|\b0\.0015\b|/\s*666\.6")


@pytest.mark.parametrize("area_m2, mu", [(20000, "30"), (Decimal("1000"), "1.5"), (0, "0"), (666.5, "0.99975")])
def test_the_area_mu_filter_is_the_domains_conversion(app, area_m2, mu):
    assert app.jinja_env.filters["area_mu"] is area_mu
    assert app.jinja_env.from_string("{{ a|area_mu }}").render(a=area_m2) == str(area_mu(area_m2))
    assert Decimal(app.jinja_env.from_string("{{ a|area_mu }}").render(a=area_m2)) == Decimal(mu)


def test_no_template_converts_m2_to_mu_with_its_own_factor():
    left = [f"{p.relative_to(TEMPLATES)}:{n}" for p in TEMPLATES.rglob("*.html")
            for n, line in enumerate(p.read_text().splitlines(), 1) if FACTOR.search(line)]
    assert left == [], "use {{ value|area_mu }} (domain.land.area_mu)"
