"""The help's worked example (registry/help/*/savings.md: one 55 kW motor, 2013) is what the engine
computes and what the pages show, in both languages: a change of formula, factor or rounding fails
here until the help says the same."""
from __future__ import annotations

from registry.domain.presentation import round_half_up, round_tce
from registry.domain.savings import savings_from_document
from registry.services.help import topic_path
from tests.unit.savings_documents import D, motor


def test_the_motor_example_of_the_help_is_what_the_engine_computes(factors_for):
    # the 2013 equal value the registry ships (migration 0002): 0.321 kgce/kWh
    doc = {"kind": "motor_upgrade", "year": 2013, "motors": [motor(1, 55, 0.75, 6000, 0.921, 0.946)]}
    result = savings_from_document(doc, factors_for(2013, equal_value=D("0.321")))
    shown = {
        "kwh_exact": f"{round_half_up(result.savings_kwh, 2):,}",  # 7,101.73
        "kwh": f"{round_half_up(result.savings_kwh, 0):,}",  # 7,102, as the page rounds kWh
        "tce_exact": f"{round_half_up(result.savings_tce, 4)}",  # 0.8728
        "tce": f"{round_tce(result.savings_tce)}",  # 0.87
        "tce_equal": f"{round_tce(result.savings_tce_equal_value)}",  # 2.28
        "tce_equal_exact": f"{round_half_up(result.savings_tce_equal_value, 4)}",  # 2.2797
    }
    assert shown == {"kwh_exact": "7,101.73", "kwh": "7,102", "tce_exact": "0.8728", "tce": "0.87",
                     "tce_equal": "2.28", "tce_equal_exact": "2.2797"}
    for locale in ("zh_Hans_CN", "en"):
        text = topic_path("savings", locale).read_text(encoding="utf-8")
        for figure in shown.values():
            assert figure in text, f"savings.md ({locale}) should quote {figure}"
        assert "0.321" in text and "55 × 0.75 × 6,000 × (1/0.921 − 1/0.946)" in text
