"""Project workbook headers as a clerk retypes them in Excel: half-width brackets, spaces, another unit."""
from __future__ import annotations

import csv
from pathlib import Path

import pytest
from openpyxl import load_workbook

from registry.catalogues import translator

from registry.domain.errors import ValidationError
from registry.domain.permissions import Actor
from registry.i18n import presenter
from registry.services.imports.project_template import COMMON, KIND_COLUMNS
from registry.services.imports.projects import import_projects
from tests.integration.imports.conftest import run_import, squares, write_parcels
from tests.integration.imports.test_project_import import _ENTERPRISE, _motor, _workbook
from tests.integration.imports.test_project_sheet_typing import with_column


@pytest.fixture
def parcels(session, districts, tmp_path):
    run_import(session, write_parcels(tmp_path / "p.gpkg", squares(1)))
    session.commit()


def _retitle(path, sheet: str, changes: dict[str, str]):
    """The workbook with headers of ``sheet`` retyped (old → new)."""
    book = load_workbook(path)
    for cell in book[sheet][1]:
        if cell.value in changes:
            cell.value = changes[cell.value]
    book.save(path)
    return path


def test_headers_retyped_with_half_width_brackets_or_spaces_are_still_the_template_s(session, parcels, tmp_path):
    """Typing 额定功率(千瓦) instead of 额定功率（千瓦） refused every row as if the column were empty."""
    path = _workbook(tmp_path, [_motor("2017-310115-7001")], enterprises=[_ENTERPRISE])
    _retitle(path, "高效电机", {"额定功率（千瓦）": "额定功率(千瓦)", "台数": " 台 数 ", "总投资（万元）": "总投资 (万元)"})
    result = import_projects(session, Actor.system(), path, dry_run=True)
    assert result.problems == () and result.inserted == 1


def test_a_column_whose_unit_was_changed_refuses_the_file_naming_sheet_column_and_unit(session, parcels, tmp_path):
    """总投资（元） was ignored as an unknown column: every project lost its investment, unsaid."""
    path = _workbook(tmp_path, [_motor("2017-310115-7002")], enterprises=[_ENTERPRISE])
    _retitle(path, "高效电机", {"总投资（万元）": "总投资（元）"})
    with pytest.raises(ValidationError) as refused:
        import_projects(session, Actor.system(), path, dry_run=True)
    text = refused.value.field_errors[0].message.render(show=presenter("en"))
    assert "高效电机!H1" in text and "总投资（元）" in text and "总投资（万元）" in text



def test_a_header_repeated_refuses_the_file_naming_both_cells(session, parcels, tmp_path):
    """Two 项目名称 columns: the second was read and the first dropped unsaid."""
    path, column = with_column(_workbook(tmp_path, [_motor("2017-310115-7003")], enterprises=[_ENTERPRISE]),
                               "高效电机", "项目名称", ["另一个名称"])
    with pytest.raises(ValidationError) as refused:
        import_projects(session, Actor.system(), path, dry_run=True)
    message = refused.value.field_errors[0].message
    assert message.render(translator("zh_Hans_CN"), presenter("zh_Hans_CN")) == (
        f"高效电机!B1 和 高效电机!{column}1 两列的表头都是模板的“项目名称”，只能读取其中一列；请删除或改名其中一列")
    assert message.render(show=presenter("en")) == (
        f"高效电机!B1 and 高效电机!{column}1 are both headed as the template's “项目名称”, and only one can be "
        "read; delete or rename one of them")


def _csv(tmp_path, headers) -> Path:
    path = tmp_path / "motors.csv"
    with path.open("w", newline="", encoding="utf-8-sig") as out:
        csv.writer(out).writerows([headers, ["2017-310115-7004"]])
    return path


def test_a_csv_s_header_is_named_by_its_cell_alone_as_its_other_cells_are(session, tmp_path):
    """A CSV has no sheet: its wrong unit was named at csv!H1, its other cells as H2."""
    headers = [h for _, h in COMMON + KIND_COLUMNS["motor_upgrade"]]
    for changed, said in ((("总投资（万元）", "总投资（元）"),), "H1:"), ((("状态", "项目名称"),), "B1 and D1 "):
        wrong = [dict(changed).get(h, h) for h in headers]
        with pytest.raises(ValidationError) as refused:
            import_projects(session, Actor.system(), _csv(tmp_path, wrong), dry_run=True, kind="motor_upgrade")
        text = refused.value.field_errors[0].message.render(show=presenter("en"))
        assert text.startswith(said) and "csv" not in text, text


def test_a_csv_without_its_header_row_is_refused_without_naming_a_sheet(session, tmp_path):
    """A CSV has no sheet: it was refused with “sheet csv: no header row …”."""
    path = tmp_path / "motors.csv"
    path.write_text("2017-310115-7005,某项目\n", encoding="utf-8")
    with pytest.raises(ValidationError) as refused:
        import_projects(session, Actor.system(), path, dry_run=True, kind="motor_upgrade")
    [error] = refused.value.field_errors
    assert error.field == "file"
    assert error.message.render(show=presenter("en")).startswith(
        "has no header row in its first 10 rows; expected headers 项目编号, ")
    assert error.message.render(translator("zh_Hans_CN"), presenter("zh_Hans_CN")).startswith(
        "前 10 行中找不到表头行；应有表头 项目编号、")
