"""A refused row of ``registry import`` and of its error report says the value it refuses as every
refusal does, in quotation marks (“-5”), never with Python's repr ('-5') and never bare (实际为 -5)."""
from __future__ import annotations

import pytest

from registry.cli.import_output import print_result
from registry.domain.errors import N_, Message
from registry.services.imports.report import report_rows
from registry.services.imports.results import ImportResult, Problem

NEGATIVE = Problem(3, "investment_wan_yuan", "-5", Message(N_("must not be negative, got “%(value)s”"), {"value": "-5"}),
                   "refused", (Message(N_("Investment (10,000 yuan)")),))
EMPTY = Problem(4, "land_use_class", None, Message(N_("is required")), "refused")


def _result(*problems: Problem) -> ImportResult:
    return ImportResult("projects", "p.xlsx", 4, 0, 0, 0, len(problems), 0, False, False, "abort", {}, problems,
                        len(problems), 0.1)


@pytest.mark.parametrize("lang, lines", [
    ("en", ["  row 3: Investment (10,000 yuan) = “-5”: must not be negative, got “-5” [refused]",
            "  row 4: land_use_class: is required [refused]"]),
    ("zh_CN.UTF-8", ["  第 3 行：投资（万元）为“-5”：不能为负数，实际为“-5”［拒绝］", "  第 4 行：land_use_class：为必填项［拒绝］"]),
])
def test_a_refused_row_quotes_its_value_in_the_shells_language(monkeypatch, capsys, lang, lines):
    monkeypatch.setenv("REGISTRY_LANG", lang)
    print_result(_result(NEGATIVE, EMPTY), None)
    assert capsys.readouterr().err.splitlines()[:2] == lines


def test_the_error_reports_reason_quotes_the_value_in_both_languages():
    (row,) = report_rows([NEGATIVE])
    assert row[2:5] == ("-5", "不能为负数，实际为“-5”", "must not be negative, got “-5”")


def test_a_workbook_s_refused_row_names_its_cell_as_the_report_does(monkeypatch, capsys):
    """It said 第 3 行：高效电机.额定功率（千瓦）…, then asked to correct the cells the report names."""
    from registry.services.imports.project_sheet import SheetProblem

    unit = SheetProblem(3, "高效电机.额定功率（千瓦）", "55千瓦", Message(N_("is required")), cell="高效电机!N3")
    empty = SheetProblem(4, "高效电机.统一社会信用代码", None, Message(N_("is required")), cell="高效电机!E4")
    monkeypatch.setenv("REGISTRY_LANG", "zh_CN.UTF-8")
    print_result(_result(unit, empty), None)
    assert capsys.readouterr().err.splitlines()[:2] == ["  高效电机!N3 额定功率（千瓦）为“55千瓦”：为必填项［拒绝］",
                                                        "  高效电机!E4 统一社会信用代码：为必填项［拒绝］"]
    monkeypatch.setenv("REGISTRY_LANG", "en")
    print_result(_result(unit), None)
    assert capsys.readouterr().err.splitlines()[0] == "  高效电机!N3 额定功率（千瓦） = “55千瓦”: is required [refused]"
