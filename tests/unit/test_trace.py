"""A result explains itself: inputs, factors with sources, steps — rendered in any language."""
from __future__ import annotations

import json
from decimal import Decimal

from registry.domain.errors import Bilingual, Message
from registry.i18n import presenter
from registry.domain.savings import savings_from_document
from registry.domain.trace import Trace, TraceBuilder, TraceStep, render_message
from registry.domain.trace_storage import STORED_FORMAT, render_stored_trace, stored_trace

ZH = {
    "Raw coal": "原煤",
    "Electricity": "电力",
    "%(energy)s in standard coal": "%(energy)s折标准煤",
    "%(energy)s in standard coal, %(basis)s": "%(energy)s折标准煤（%(basis)s）",
    "equivalent value (当量值)": "当量值",
    "equal value (等价值)": "等价值",
    "%(standard)s, %(edition)s edition": "%(standard)s（%(edition)s版）",
    "Project-measured": "项目实测",
}

STRUCTURAL = {"kind": "structural_adjustment", "year": 2013, "baseline_year": 2012,
              "energy_use": [{"energy": "raw_coal", "quantity": 900, "unit": "t"},
                             {"energy": "electricity", "quantity": 120, "unit": "10^4 kWh"}]}


def zh(msgid: str) -> str:
    return ZH.get(msgid, msgid)


def test_trace_lists_inputs_factors_and_steps(factors_2013):
    trace = savings_from_document(STRUCTURAL, factors_2013).trace
    assert [(i.field, i.value, i.unit) for i in trace.inputs][-2:] == [
        ("energy_use[0].quantity", 900, "t"), ("energy_use[1].quantity", 120, "10^4 kWh")]
    assert [(f.energy, f.value, f.unit, f.basis) for f in trace.factors] == [
        ("raw_coal", Decimal("0.7143"), "kgce/kg", None),
        ("electricity", Decimal("0.1229"), "kgce/kWh", "equivalent"),
        ("electricity", Decimal("0.321"), "kgce/kWh", "equal_value")]
    first = trace.steps[0]
    assert (first.value, first.unit, first.field) == (Decimal("642.87"), "tce", "energy_use[0]")
    assert first.formula == "900 t = 900000 kg; 900000 kg × 0.7143 kgce/kg ÷ 1000"


def test_trace_renders_in_chinese_with_nested_messages(factors_2013):
    rendered = savings_from_document(STRUCTURAL, factors_2013).to_dict(zh)["trace"]
    labels = [step["label"] for step in rendered["steps"]]
    assert labels[:3] == ["原煤折标准煤", "电力折标准煤（当量值）", "电力折标准煤（等价值）"]
    assert rendered["factors"][0]["source"] == "GB/T 2589（2008版）"
    assert json.loads(json.dumps(rendered, ensure_ascii=False)) == rendered


def test_trace_renders_in_english_by_default(factors_2013):
    rendered = savings_from_document(STRUCTURAL, factors_2013).to_dict()["trace"]
    assert rendered["steps"][0]["label"] == "Raw coal in standard coal"
    assert rendered["factors"][0]["source"] == "GB/T 2589, 2008 edition"


def test_the_equal_values_source_reads_in_the_readers_language_only(factors_2013):
    def source(gettext, show) -> str:
        rendered = savings_from_document(STRUCTURAL, factors_2013).to_dict(gettext, show)["trace"]
        return next(f["source"] for f in rendered["factors"] if f["basis"] == "equal_value")

    assert source(zh, presenter("zh_Hans_CN")) == "2013年全国平均（测试数据）"
    assert source(lambda msgid: msgid, presenter("en")) == "national average 2013 (test data)"


def test_the_readers_locale_picks_the_language_of_a_bilingual_text_not_the_catalogue():
    source = Message("%(source)s", {"source": Bilingual("市统计局快报", "municipal statistics flash report")})
    # the locale decides, whatever the gettext: its msgid "%(source)s" reads alike in both catalogues
    assert render_message(source, zh, presenter("zh_Hans_CN")) == "市统计局快报"
    assert render_message(source, zh, presenter("en")) == "municipal statistics flash report"
    assert render_message(source, lambda msgid: msgid, presenter("en_GB")) == "municipal statistics flash report"
    assert source.render(zh, presenter("zh_Hans_CN")) == "市统计局快报"
    assert source.render(show=presenter("en")) == "municipal statistics flash report"


def test_a_bilingual_text_without_a_presenter_reads_as_the_msgids_do_in_english():
    assert render_message(Message("%(source)s", {"source": Bilingual("快报", "flash report")})) == "flash report"
    assert Message("%(source)s", {"source": Bilingual("快报", "flash report")}).render() == "flash report"
    assert str(Bilingual("快报", "flash report")) == "flash report"


def test_a_source_recorded_only_in_chinese_reads_so_in_english_too():
    only_chinese = Bilingual("市统计局快报")
    assert presenter("en")(only_chinese) == str(only_chinese) == "市统计局快报"
    assert presenter("en")(Bilingual("市统计局快报", "")) == "市统计局快报"  # an empty English is none
    assert render_message(Message("%(source)s", {"source": only_chinese}), lambda msgid: msgid, presenter("en")) == "市统计局快报"


def test_project_measured_factor_is_marked_in_the_trace(factors_2013):
    doc = {"kind": "technical_retrofit", "year": 2013,
           "energy_before": [{"energy": "coke_oven_gas", "quantity": 100, "unit": "万m3",
                              "factor_kgce_per_unit": 0.6}],
           "energy_after": [{"energy": "coke_oven_gas", "quantity": 80, "unit": "万m3"}]}
    result = savings_from_document(doc, factors_2013)
    # (1 000 000 × 0.6 − 800 000 × 0.5714) kgce = 600 000 − 457 120 = 142 880 kgce
    assert result.savings_tce == Decimal("142.88")
    factors = result.to_dict(zh)["trace"]["factors"]
    assert [(f["value"], f["source_kind"], f["source"]) for f in factors] == [
        (0.6, "project-measured", "项目实测"), (0.5714, "standard", "GB/T 2589（2008版）")]


def test_missing_equal_value_is_explained(factors_2014):
    doc = {**STRUCTURAL, "year": 2014, "baseline_year": 2013}
    notes = savings_from_document(doc, factors_2014).to_dict()["trace"]["notes"]
    assert notes == ["No equal value (等价值) of electricity is recorded for 2014, so the "
                     "equal-value result is empty"]


def test_a_factor_used_on_several_lines_is_listed_once(factors_2013):
    doc = {"kind": "structural_adjustment", "year": 2013, "energy_use": [
        {"energy": "raw_coal", "quantity": 1, "unit": "t"},
        {"energy": "raw_coal", "quantity": 2, "unit": "t"}]}
    assert len(savings_from_document(doc, factors_2013).trace.factors) == 1


def test_render_message_formats_decimals_plainly():
    message = Message("%(value)s kgce", {"value": Decimal("1.2000E+3")})
    assert render_message(message) == "1200 kgce"


def test_trace_step_values_become_json_numbers():
    builder = TraceBuilder()
    builder.step(Message("x"), "1 + 1", Decimal("2.50"), "tce")
    builder.step(Message("y"), "-", None, "tce")
    trace = builder.build()
    assert isinstance(trace, Trace) and isinstance(trace.steps[0], TraceStep)
    assert [s["value"] for s in trace.to_dict()["steps"]] == [2.5, None]


def test_a_line_given_in_standard_coal_says_so_in_the_readers_language(factors_2013):
    from registry.catalogues import translator

    doc = {"kind": "structural_adjustment", "year": 2013, "energy_use": [
        {"energy": "raw_coal", "quantity": 500, "unit": "tce"},
        {"energy": "coke", "quantity": 2500, "unit": "kgce"}]}
    result = savings_from_document(doc, factors_2013)
    english = result.to_dict()["trace"]["steps"]
    chinese = result.to_dict(translator("zh_Hans_CN"))["trace"]["steps"]
    assert [(s["label"], s["formula"]) for s in english[:2]] == [
        ("Raw coal, given in standard coal", "500 tce"),
        ("Coke, given in standard coal", "2500 kgce = 2.5 tce")]
    assert [s["label"] for s in chinese[:2]] == ["原煤（以标准煤计）", "焦炭（以标准煤计）"]
    # a formula is symbols and numbers: no words to translate
    assert not any(c.isalpha() and c not in "tcekgW" for s in english for c in s["formula"] if c.isascii())


def test_a_stored_trace_reads_in_each_language_as_the_trace_rendered_in_it(factors_2013, factors_2014):
    """``stored_trace`` builds its messages straight from the trace (it rendered them first, then
    replaced them): what a reader sees of a stored trace is still the trace rendered afresh."""
    measured = {"kind": "technical_retrofit", "year": 2013,
                "energy_before": [{"energy": "coke_oven_gas", "quantity": 100, "unit": "万m3",
                                   "factor_kgce_per_unit": 0.6}],
                "energy_after": [{"energy": "coke_oven_gas", "quantity": 80, "unit": "万m3"}]}
    motors = {"kind": "motor_upgrade", "year": 2014, "motors": [
        {"count": 2, "rated_kw": 55, "load_factor": 0.75, "hours_per_year": 6000, "efficiency_before": 0.921,
         "efficiency_after": 0.946, "remanufactured": True}]}
    for doc, factors in ((STRUCTURAL, factors_2013), (measured, factors_2013), (motors, factors_2014),
                         ({**STRUCTURAL, "year": 2014, "baseline_year": 2013}, factors_2014)):
        trace = savings_from_document(doc, factors).trace
        stored = json.loads(json.dumps(stored_trace(trace), ensure_ascii=False))
        assert stored["format"] == STORED_FORMAT
        assert stored["steps"][0]["label"]["msgid"] == trace.steps[0].label.msgid
        for gettext, show in ((lambda msgid: msgid, presenter("en")), (zh, presenter("zh_Hans_CN"))):
            assert render_stored_trace(stored, gettext, show) == trace.to_dict(gettext, show)
    assert stored["notes"] == [{"msgid": trace.notes[0].msgid, "params": {"year": 2014}}]
