"""A refusal of an unknown value names a vocabulary's choices by their labels with their codes
wherever it is raised: `registry load`'s checks and the project form listed bare codes
(M1、M2、…、A35 / shutdown、conversion、relocation) where imports, filters and the API named them."""
from __future__ import annotations

from registry.catalogues import translator
from registry.domain.targets import METRICS
from registry.domain.vocabulary import LAND_USE_CLASSES, STRUCTURAL_MODES, listed_choices
from registry.services.dataset_checks import Checker


def test_a_load_refusing_a_land_use_names_each_by_its_label():
    check = Checker()
    check.one_of("parcels[0].land_use_class", "X9", LAND_USE_CLASSES)
    (error,) = check.errors
    zh = error.message.render(translator("zh_Hans_CN"))
    assert zh.startswith("未知取值“X9”") and "一类工业用地（M1）" in zh and "（M1）（M1）" not in zh
    assert "Class-1 industrial (M1)" in error.message.render(translator("en"))


def test_a_vocabulary_is_named_and_other_choices_stay_codes():
    modes = listed_choices(STRUCTURAL_MODES).items
    assert [(m.params["text"].msgid, m.params["note"]) for m in modes] == list(
        zip(STRUCTURAL_MODES.values(), STRUCTURAL_MODES))
    assert str(listed_choices(("asc", "desc"))) == "asc, desc"
    # the targets' metrics map codes to their definitions, not to labels: named by their codes
    assert listed_choices(METRICS).items == tuple(METRICS)
