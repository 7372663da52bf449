"""GB/T 4754-2017 industry codes: a section letter A–T and two to four digits."""
from __future__ import annotations

import pytest

from registry.domain.industries import industry_code_problem


@pytest.mark.parametrize("code", ["C261", "C26", "C2614", "A01", "T96", None, ""])
def test_a_well_formed_code_or_none_passes(code):
    assert industry_code_problem(code) is None


@pytest.mark.parametrize("code", ["261", "c261", "U261", "C2", "C26145", "C26a", " C261"])
def test_anything_else_is_refused_with_the_example_of_a_code(code):
    assert industry_code_problem(code).msgid == "must be a GB/T 4754-2017 code such as C261"
