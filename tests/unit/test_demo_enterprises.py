"""The demo's enterprises at any scale: distinct names and valid credit codes, the small demo's as before."""
from __future__ import annotations

import random

from registry.domain.credit_code import is_valid_credit_code
from registry.services.demo.enterprises import NAMES, demo_enterprises

DISTRICTS = ["310101", "310115"]


def test_more_enterprises_than_plain_names_still_come_with_distinct_names():
    """``demo synth --projects 100000`` asks for 66,666: drawing until an unused name came up never ended."""
    made = demo_enterprises(random.Random(7), DISTRICTS, count=NAMES + 1000)
    assert len({e.name for e in made}) == len({e.credit_code for e in made}) == NAMES + 1000
    assert all(is_valid_credit_code(e.credit_code) for e in made)


def test_below_half_the_plain_names_every_name_is_a_plain_one():
    made = demo_enterprises(random.Random(7), DISTRICTS, count=NAMES // 2)
    assert not [e.name for e in made if "厂有限公司" in e.name]
