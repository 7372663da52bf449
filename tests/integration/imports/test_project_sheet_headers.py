"""Project workbook headers as a clerk retypes them in Excel: half-width brackets, spaces, another unit."""
from __future__ import annotations

import pytest
from openpyxl import load_workbook

from registry.domain.errors import ValidationError
from registry.domain.permissions import Actor
from registry.i18n import presenter
from registry.services.imports.projects import import_projects
from tests.integration.imports.conftest import run_import, squares, write_parcels
from tests.integration.imports.test_project_import import _ENTERPRISE, _motor, _workbook


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

