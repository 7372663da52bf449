"""Project workbook and CSV, in a clerk's words: a malformed credit code said to be malformed, and why,
before it is looked up; a CSV's fields named by their column alone (a CSV has no sheet)."""
from __future__ import annotations

import pytest

from registry.domain.permissions import Actor
from registry.i18n import presenter
from registry.services.imports import project_template
from registry.services.imports.projects import import_projects
from registry.services.imports.report import report_rows
from tests.integration.imports.test_project_import import _motor, _workbook
from tests.integration.imports.test_project_import_rules import parcels  # noqa: F401 (a fixture)

ADMIN = Actor.system()


def _csv(tmp_path, row):
    headers = [h for _, h in project_template.COMMON + project_template.KIND_COLUMNS["motor_upgrade"]]
    path = tmp_path / "motors.csv"
    path.write_text(",".join(headers) + "\n" + ",".join(str(row.get(h) or "") for h in headers) + "\n")
    return path


@pytest.mark.parametrize(("code", "en", "zh"), [
    ("91310115XXXXXXXXXX", "is not a valid unified social credit code: check character should be T, got “X”",
     "不是有效的统一社会信用代码：校验码应为 T，实际为“X”"),
    ("91310115MA1K00000", "is not a valid unified social credit code: must be 18 characters long, got 17",
     "不是有效的统一社会信用代码：必须为 18 位，实际为 17 位"),
])
def test_a_malformed_credit_code_is_said_malformed_not_unknown(session, parcels, tmp_path, code, en, zh):  # noqa: F811
    result = import_projects(session, ADMIN, _workbook(tmp_path, [_motor("FX-CC-1", 统一社会信用代码=code)]),
                             dry_run=True, on_error="skip")
    [problem] = result.problems
    assert (problem.field, problem.value, problem.message.render(show=presenter("en"))) == (
        "高效电机.统一社会信用代码", code, en)
    assert next(report_rows(result.problems))[4] == zh


def test_a_csv_s_problems_name_the_column_alone(session, parcels, tmp_path):  # noqa: F811
    result = import_projects(session, ADMIN, _csv(tmp_path, _motor("FX-CSV-1", 项目名称="", **{"额定功率（千瓦）": "55千瓦"})),
                             kind="motor_upgrade", dry_run=True, on_error="skip")
    # its enterprise is registered nowhere (a CSV has no 企业 sheet): said with the cells' problems
    columns = ["统一社会信用代码", "项目名称", "额定功率（千瓦）"]
    assert sorted(p.field for p in result.problems) == columns  # was csv.项目名称
    assert all("!" not in p.cell for p in result.problems)  # its cells as they were: B2, not csv!B2
    assert sorted(line[2] for line in report_rows(result.problems)) == columns


MARKED_EN = ("is not a valid unified social credit code: illegal character “I” at position 14: 91310115MA1K0[I]000T "
             "(allowed: digits and capital letters except I, O, S, V, Z)")
MARKED_ZH = "不是有效的统一社会信用代码：第 14 位字符“I”不合法：91310115MA1K0【I】000T（允许：数字及除 I、O、S、V、Z 以外的大写字母）"


def test_a_malformed_credit_code_on_the_enterprise_sheet_is_said_as_on_a_project_sheet(session, parcels, tmp_path):  # noqa: F811
    """The 企业 sheet said only “illegal character “I” at position 14”: not that the code is invalid, and
    the clerk counted 14 characters to find it; both sheets now show the whole code, the character marked."""
    bad = "91310115MA1K0I000T"
    enterprise = {"统一社会信用代码": bad, "企业名称": "浦东示例电机厂", "行业代码": "C381", "区代码": "310115"}
    result = import_projects(session, ADMIN, _workbook(tmp_path, [_motor("FX-CC-2", 统一社会信用代码=bad)],
                                                       enterprises=[enterprise]), dry_run=True, on_error="skip")
    lines = {line[1]: (line[3], line[4], line[5]) for line in report_rows(result.problems)}
    assert lines == {"企业!A2": (bad, MARKED_ZH, MARKED_EN), "高效电机!E2": (bad, MARKED_ZH, MARKED_EN)}


def test_an_unknown_enterprise_is_said_without_the_code_its_line_shows(session, parcels, tmp_path):  # noqa: F811
    unknown = "91310115MA1K000003"  # well formed, and registered nowhere
    result = import_projects(session, ADMIN, _workbook(tmp_path, [_motor("FX-CC-3", 统一社会信用代码=unknown)]),
                             dry_run=True, on_error="skip")
    [line] = [(line[1], line[3], line[4], line[5]) for line in report_rows(result.problems)]
    assert line == ("高效电机!E2", unknown, "登记系统和“企业”表中都没有该统一社会信用代码的企业：请在“企业”表中填写该企业，或更正代码",
                    "no enterprise with this credit code is registered or on the 企业 sheet: add it to the 企业 sheet, "
                    "or correct the code")


def test_a_project_repeated_on_another_sheet_names_the_cell_it_repeats(session, parcels, tmp_path):  # noqa: F811
    """It said “repeats a project of an earlier row”, leaving the clerk to search the workbook for it."""
    boiler = _motor("FX-TWICE", 原燃料="原煤", **{"原燃料年用量（吨）": 100, "原锅炉效率": 0.6, "新锅炉效率": 0.9})
    result = import_projects(session, ADMIN, _workbook(tmp_path, [_motor("FX-TWICE")], boiler_rows=[boiler]),
                             dry_run=True, on_error="skip")
    [line] = [line[1:6] for line in report_rows(result.problems) if line[2] == "项目编号"]
    assert line == ("高效电机!A2", "项目编号", "FX-TWICE",  # the template's 锅炉替代 sheet comes first
                    "与 锅炉替代!A2 的项目编号重复：一个项目的各行应在同一工作表中，每个项目编号在工作簿中只能出现一次",
                    "repeats the 项目编号 of 锅炉替代!A2: a project's rows belong on one sheet, and a workbook may hold "
                    "each 项目编号 once")
