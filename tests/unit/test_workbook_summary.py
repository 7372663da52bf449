"""A project workbook's import in a sentence (the page's summary, ``registry import projects``' first
line): a workbook without a 企业 sheet's rows is not said to have refused 0 of its 0 enterprise rows."""
from __future__ import annotations

import pytest

from registry.catalogues import translator
from registry.i18n import presenter
from registry.services.imports.results import ImportResult, SheetCounts, workbook_summary


def _result(enterprise_rows: int, dry_run: bool = False) -> ImportResult:
    return ImportResult("projects", "浦东电机.xlsx", 6 + enterprise_rows, 0, 0, 0, 5, 0, False, dry_run, "abort", {},
                        (), 5, 0.1, projects=SheetCounts(6, 5, 1), enterprises=SheetCounts(enterprise_rows, 0, 0))


def _said(result: ImportResult, locale: str) -> str:
    return workbook_summary(result).render(translator(locale), presenter(locale))


@pytest.mark.parametrize("locale, aborted, checked", [
    ("en", "Nothing was imported: 5 of 6 project rows were refused. The registry is unchanged.",
     "Checked only: nothing was written. 5 project row(s) are refused, so an import would write nothing; skipping "
     "them, it would insert 1 project(s)."),
    ("zh_Hans_CN", "未导入任何数据：6 个项目行中有 5 行被拒绝。登记库未作任何改动。",
     "仅检查：未写入任何数据。有 5 个项目行被拒绝，因此导入不会写入任何数据；若跳过这些行，将新增 1 个项目。"),
])
def test_a_workbook_without_enterprise_rows_is_counted_by_its_project_rows_alone(locale, aborted, checked):
    assert _said(_result(0), locale) == aborted
    assert _said(_result(0, dry_run=True), locale) == checked


def test_a_workbook_with_enterprise_rows_counts_both():
    assert _said(_result(1), "zh_Hans_CN") == ("未导入任何数据：6 个项目行中有 5 行被拒绝，1 个企业行中有 0 行被拒绝。"
                                               "登记库未作任何改动。")
