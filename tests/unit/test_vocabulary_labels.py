"""An option reads as a label in English: it starts with a capital letter (电力 / Electricity)."""
from __future__ import annotations

import pytest

from registry.domain.display import ENTITY_VOCABULARIES, STATUS_VOCABULARIES, VALUE_VOCABULARIES
from registry.domain.energies import ENERGIES
from registry.domain.vocabulary import SAVINGS_METHODS

VOCABULARIES = {**{f"value {name}": v for name, v in VALUE_VOCABULARIES.items()},
                **{f"status {name}": v for name, v in STATUS_VOCABULARIES.items()},
                **{f"{entity} {name}": v for (entity, name), v in ENTITY_VOCABULARIES.items()},
                "savings methods": SAVINGS_METHODS,
                "energies": {code: energy.label for code, energy in ENERGIES.items()}}


@pytest.mark.parametrize("name", sorted(VOCABULARIES))
def test_every_option_label_starts_with_a_capital_letter_in_english(name):
    lower = [label for label in VOCABULARIES[name].values() if not label[:1].isupper() and not label[:1].isdigit()]
    assert lower == []
