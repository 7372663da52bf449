"""The runs of Chinese in a text of the registry's own (domain/display.chinese_runs) and a chart's
legend drawn with them marked on an English page (web/chart_svg.svg_text)."""
from __future__ import annotations

import pytest

from registry.domain.display import chinese_runs
from registry.web.chart_svg import svg_text
from registry.web.chart_values import Wording


@pytest.mark.parametrize("text, runs", [
    ("Illustrative data (示意数据): zones", [("Illustrative data (", False), ("示意数据", True), ("): zones", False)]),
    ("Equal value (等价值) *", [("Equal value (", False), ("等价值", True), (") *", False)]),
    ("示意数据（演示）", [("示意数据（演示）", True)]),  # full-width brackets are part of the Chinese
    ("《上海市2013年工作要点》 plan", [("《上海市2013年工作要点》", True), (" plan", False)]),
    ("2013 年", [("2013 ", False), ("年", True)]),  # digits only between Han characters
    ("tce & kWh", [("tce & kWh", False)]),
    ("", []),
])
def test_a_text_is_cut_into_its_chinese_runs_and_the_rest(text, runs):
    assert chinese_runs(text) == runs
    assert "".join(run for run, _ in runs) == text


def test_a_legend_marks_its_chinese_on_an_english_page_only():
    english = Wording(marks_chinese=True)
    assert svg_text("(等价值) <*>", english) == \
        '(<tspan lang="zh-Hans" xml:lang="zh-Hans">等价值</tspan>) &lt;*&gt;'
    assert svg_text("(等价值) <*>", Wording("%(label)s：%(value)s", "%(text)s（%(note)s）")) == "(等价值) &lt;*&gt;"
