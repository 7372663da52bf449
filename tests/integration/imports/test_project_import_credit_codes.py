"""Credit codes typed as people type them (full-width, lower case, spaced or hyphenated) name the
registered enterprise in the project workbook, its 企业 sheet and a CSV file, as on the enterprise form;
the report still shows the value as typed."""
from __future__ import annotations

import pytest
from sqlalchemy import text

from registry.domain.permissions import Actor
from registry.services.imports import project_template
from registry.services.imports.projects import import_projects
from registry.services.imports.report import report_rows
from tests.integration.imports.conftest import run_import, squares, write_parcels
from tests.integration.imports.test_project_import import _motor, _valid_code, _workbook

ADMIN = Actor.system()
FULL_WIDTH = str.maketrans("0123456789ABCDEFGHJKLMNPQRTUWXY", "０１２３４５６７８９ＡＢＣＤＥＦＧＨＪＫＬＭＮＰＱＲＴＵＷＸＹ")


def _as_typed(code: str) -> str:
    """The code full-width, lower case and grouped by a hyphen and a space."""
    return f"{code[:4].translate(FULL_WIDTH)}-{code[4:8]} {code[8:].lower()}"


@pytest.fixture
def parcels(session, districts, tmp_path):
    run_import(session, write_parcels(tmp_path / "p.gpkg", squares(1)))


def _enterprise_of(session, reference: str) -> str:
    return session.execute(text("SELECT e.credit_code FROM projects p JOIN enterprises e ON e.id = p.enterprise_id "
                                "WHERE p.reference = :r"), {"r": reference}).scalar_one()


def test_a_project_row_names_a_registered_enterprise_by_its_code_as_typed(session, parcels, tmp_path):
    session.execute(text("INSERT INTO enterprises (credit_code, name) VALUES (:c, '示例')"), {"c": _valid_code()})
    result = import_projects(session, ADMIN, _workbook(tmp_path, [_motor("FX-CC-1", 统一社会信用代码=_as_typed(_valid_code()))]))
    assert result.loaded and not result.problems, result.problems
    assert _enterprise_of(session, "FX-CC-1") == _valid_code()


def test_the_enterprise_sheet_and_the_project_rows_agree_whatever_the_typing(session, parcels, tmp_path):
    enterprise = {"统一社会信用代码": _valid_code().lower(), "企业名称": "新企业", "区代码": "310115"}
    path = _workbook(tmp_path, [_motor("FX-CC-2", 统一社会信用代码=_as_typed(_valid_code()))], enterprises=[enterprise])
    result = import_projects(session, ADMIN, path)
    assert result.loaded and not result.problems, result.problems
    assert _enterprise_of(session, "FX-CC-2") == _valid_code()  # stored as the form stores it


def test_a_csv_row_names_a_registered_enterprise_by_its_code_as_typed(session, parcels, tmp_path):
    session.execute(text("INSERT INTO enterprises (credit_code, name) VALUES (:c, '示例')"), {"c": _valid_code()})
    headers = [h for _, h in project_template.COMMON + project_template.KIND_COLUMNS["motor_upgrade"]]
    row = _motor("FX-CC-3", 统一社会信用代码=_as_typed(_valid_code()))
    path = tmp_path / "motors.csv"
    path.write_text(",".join(headers) + "\n" + ",".join(str(row.get(h) or "") for h in headers) + "\n")
    result = import_projects(session, ADMIN, path, kind="motor_upgrade")
    assert result.loaded and not result.problems, result.problems
    assert _enterprise_of(session, "FX-CC-3") == _valid_code()


def test_a_refused_code_is_shown_as_typed(session, parcels, tmp_path):
    typed = _as_typed("91310115MA1K00000")  # 17 characters: too short once folded too
    result = import_projects(session, ADMIN, _workbook(tmp_path, [_motor("FX-CC-4", 统一社会信用代码=typed)]),
                             dry_run=True, on_error="skip")
    assert [(p.field, p.value) for p in result.problems] == [("高效电机.统一社会信用代码", typed)]


# 913101151234567890 typed into a cell of Excel's General format: a number, kept to 15 significant digits
TYPED_AS_A_NUMBER = 9.13101151234567e17
ROUNDED = ("是数字而非文本：Excel 的数字只保留 15 位有效数字，代码的末几位已丢失（单元格中为 913101151234567000）；"
           "请将该列设置为文本格式（设置单元格格式 → 文本）后重新输入代码",
           "holds a number, not text: Excel keeps 15 significant digits of a number, so the code's last digits "
           "are lost (the cell holds 913101151234567000); format the column as text (Format Cells → Text) and "
           "type the code again")


def _reasons(result) -> list[tuple]:
    """(cell, zh, en) of each line of the report."""
    return [(line[1], line[4], line[5]) for line in report_rows(result.problems)]


def test_a_code_that_excel_holds_as_a_number_is_refused_saying_so(session, parcels, tmp_path):
    """Excel keeps an all-digit code typed into a General cell as a number, rounded to 15 digits: looked
    up as its text it was refused for its check character, or was another enterprise's code."""
    enterprise = {"统一社会信用代码": TYPED_AS_A_NUMBER, "企业名称": "数字企业", "区代码": "310115"}
    path = _workbook(tmp_path, [_motor("FX-NUM-1", 统一社会信用代码=TYPED_AS_A_NUMBER)], enterprises=[enterprise])
    result = import_projects(session, ADMIN, path, dry_run=True, on_error="skip")
    assert _reasons(result) == [("企业!A2", *ROUNDED), ("高效电机!E2", *ROUNDED)]


def test_a_number_too_short_to_be_rounded_is_refused_as_a_number_too(session, parcels, tmp_path):
    """Excel keeps 12345 whole, but a cell of a credit code holding a number is no code typed as text:
    refused rather than read as one (a code of 18 characters it cannot be)."""
    result = import_projects(session, ADMIN, _workbook(tmp_path, [_motor("FX-NUM-2", 统一社会信用代码=12345)]),
                             dry_run=True, on_error="skip")
    assert _reasons(result) == [("高效电机!E2", "是数字 12345 而非文本：统一社会信用代码须以文本输入；请将该列设置为文本格式"
                                 "（设置单元格格式 → 文本）后重新输入代码",
                                 "holds the number 12345, not text: a credit code is typed as text; format the "
                                 "column as text (Format Cells → Text) and type the code again")]


WRITTEN = ("是写成文本的数字 9.13101E+17 而非代码：全数字的代码被转成了数字（Excel 在“常规”格式的单元格中即如此，"
           "另存为 CSV 时照此写出），其末几位已丢失；请将该列设置为文本格式（设置单元格格式 → 文本），重新输入代码后再保存文件",
           "is the number 9.13101E+17 written as text, not a code: the all-digit code was turned into a number "
           "(Excel does so in a cell of General format and writes it so in a CSV), and its last digits are lost; "
           "format the column as text (Format Cells → Text), type the code again and save the file again")


def test_a_code_excel_wrote_to_a_csv_as_a_number_is_refused_saying_so(session, parcels, tmp_path):
    """Excel's CSV writes 913101151234567890 of a General cell as 9.13101E+17 (the digits shown): it was
    refused as a malformed code, its “.” an illegal character the clerk never typed."""
    headers = [h for _, h in project_template.COMMON + project_template.KIND_COLUMNS["motor_upgrade"]]
    row = _motor("FX-NUM-3", 统一社会信用代码="9.13101E+17")
    path = tmp_path / "motors.csv"
    path.write_text(",".join(headers) + "\n" + ",".join(str(row.get(h) or "") for h in headers) + "\n")
    result = import_projects(session, ADMIN, path, kind="motor_upgrade", dry_run=True, on_error="skip")
    assert _reasons(result) == [("E2", *WRITTEN)]


def test_a_code_pasted_from_such_a_csv_into_the_workbook_is_refused_the_same(session, parcels, tmp_path):
    enterprise = {"统一社会信用代码": "9.13101E+17", "企业名称": "数字企业", "区代码": "310115"}
    path = _workbook(tmp_path, [_motor("FX-NUM-4", 统一社会信用代码="9.13101E+17")], enterprises=[enterprise])
    result = import_projects(session, ADMIN, path, dry_run=True, on_error="skip")
    assert _reasons(result) == [("企业!A2", *WRITTEN), ("高效电机!E2", *WRITTEN)]
