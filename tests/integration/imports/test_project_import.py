"""Project workbook: template, all-or-nothing and skip, enterprises by credit code, savings computed."""
from __future__ import annotations

import json
from decimal import Decimal

import pytest
from openpyxl import load_workbook
from sqlalchemy import text

from registry.domain.errors import ValidationError
from registry.domain.json_text import load_stored_json
from registry.domain.permissions import Actor
from registry.services import savings
from registry.services.imports import project_template
from registry.services.imports.projects import import_projects
from tests.integration.imports.conftest import run_import, squares, write_parcels

def _valid_code() -> str:
    """A GB 32100 code with its check character (DOMAIN.md §5)."""
    alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY"
    weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]
    body = "91310115MA1H7XYA0"
    total = sum(alphabet.index(c) * w for c, w in zip(body, weights))
    return body + alphabet[(31 - total % 31) % 31]


def _workbook(tmp_path, motor_rows, boiler_rows=(), enterprises=()):
    path = tmp_path / "projects.xlsx"
    path.write_bytes(project_template.template_bytes())
    book = load_workbook(path)
    for sheet_name, rows in (("高效电机", motor_rows), ("锅炉替代", boiler_rows), ("企业", enterprises)):
        headers = [c.value for c in book[sheet_name][1]]
        for row in rows:
            book[sheet_name].append([row.get(h) for h in headers])
    book.save(path)
    return path


def _motor(reference, **changes):
    row = {"项目编号": reference, "项目名称": "电机改造", "年度": 2017, "状态": "draft", "统一社会信用代码": _valid_code(),
           "区代码": "310115", "地块编号（逗号分隔）": "T-000001", "总投资（万元）": 120, "台数": 1,
           "额定功率（千瓦）": 55, "负载率": 0.75, "年运行时间（小时）": 6000, "改造前效率": 0.921, "改造后效率": 0.946,
           "再制造（是/否）": "否"}
    row.update(changes)
    return row


def test_the_template_says_that_the_reference_is_required_and_groups_rows(session, districts, tmp_path):
    """项目编号 is required in every row and joins rows into one project: the sheet did not say so."""
    path = tmp_path / "t.xlsx"
    path.write_bytes(project_template.template_bytes())
    book = load_workbook(path)
    assert book.sheetnames[0] == "说明"  # the workbook opens on its notes
    reference = book["高效电机"]["A1"]
    assert reference.value == "项目编号" and reference.comment.text.startswith("必填，每一行都要填写。编号相同的行合为一个项目")
    notes = {row[0]: row[1] for row in book["说明"].iter_rows(min_row=4, values_only=True)}
    assert notes["项目编号"] == reference.comment.text and "310115" in notes["区代码"]
    assert [header for header in notes if header] == list(notes)  # every line names its column
    # read as before: the notes sheet is skipped, the comments are not data
    result = import_projects(session, Actor.system(), path, "abort", dry_run=True)
    assert (result.rows_read, result.problems) == (0, ())


def test_template_has_one_sheet_per_kind_with_units_and_lists(tmp_path):
    path = tmp_path / "t.xlsx"
    path.write_bytes(project_template.template_bytes())
    book = load_workbook(path)
    assert set(project_template.SHEET_NAMES.values()) | {"企业", "说明"} == set(book.sheetnames)
    headers = [c.value for c in book["高效电机"][1]]
    assert "额定功率（千瓦）" in headers and "年运行时间（小时）" in headers
    assert book["高效电机"].data_validations.dataValidation
    lists = {rule.formula1 for rule in book["锅炉替代"].data_validations.dataValidation}
    assert '"草稿,已提交,已批准,已退回,已完成,已核定"' in lists and '"原煤,燃料油（重油）"' in lists  # labels, not codes


def test_list_cells_are_read_as_the_templates_labels_or_as_codes(session, districts, tmp_path):
    run_import(session, write_parcels(tmp_path / "p.gpkg", squares(2)))
    session.execute(text("INSERT INTO enterprises (credit_code, name) VALUES (:c, '示例')"), {"c": _valid_code()})
    boiler = {"项目编号": "2017-310115-9101", "项目名称": "锅炉", "年度": 2017, "状态": "已提交",
              "统一社会信用代码": _valid_code(), "区代码": "310115", "原燃料": "燃料油（重油）", "原燃料年用量（吨）": 600,
              "原锅炉效率": 0.8, "新锅炉效率": 0.92}
    path = _workbook(tmp_path, [_motor("2017-310115-9102", 状态="submitted", **{"再制造（是/否）": "是"})],
                     boiler_rows=[boiler, boiler | {"项目编号": "2017-310115-9103", "原燃料": "煤炭"}])
    result = import_projects(session, Actor.system(), path, on_error="skip")
    assert result.inserted == 2
    refused = [p for p in result.problems if p.field.endswith("原燃料")]
    assert len(refused) == 1 and refused[0].value == "煤炭"
    assert "原煤, 燃料油（重油）" in refused[0].message.render(lambda m: m)
    stored = dict(session.execute(text(
        "SELECT reference, status || ' ' || (inputs->'energy_before'->0->>'energy') FROM projects WHERE kind = "
        "'boiler_replacement' UNION ALL SELECT reference, status FROM projects WHERE kind = 'motor_upgrade'")).all())
    assert stored == {"2017-310115-9101": "submitted fuel_oil", "2017-310115-9102": "submitted"}


def test_workbook_import_computes_savings_and_groups_motor_rows(session, districts, tmp_path):
    run_import(session, write_parcels(tmp_path / "p.gpkg", squares(2)))
    enterprise = {"统一社会信用代码": _valid_code(), "企业名称": "浦东示例电机厂", "行业代码": "C381", "区代码": "310115"}
    path = _workbook(tmp_path, [_motor("2017-310115-9001"), _motor("2017-310115-9001", 台数=2)],
                     enterprises=[enterprise])
    result = import_projects(session, Actor.system(), path)
    assert result.loaded and result.inserted == 1 and not result.problems
    savings, kw, name = session.execute(text(
        "SELECT p.savings_tce, p.installed_kw, e.name FROM projects p JOIN enterprises e ON e.id = p.enterprise_id "
        "WHERE reference = '2017-310115-9001'")).one()
    # DOMAIN.md §4.3: one 55 kW motor IE1→IE3 saves 0.873 tce; three of them 2.62
    assert round(savings, 2) == Decimal("2.62") and kw == 165 and name == "浦东示例电机厂"


def test_each_loaded_project_s_history_says_who_loaded_it_from_which_file(session, districts, make_user, tmp_path):
    run_import(session, write_parcels(tmp_path / "p.gpkg", squares(2)))
    admin = make_user("admin-one", "admin")
    path = _workbook(tmp_path, [_motor("2017-310115-9001"), _motor("2017-310115-9002")], enterprises=[_ENTERPRISE])
    registered_before = import_projects(session, admin.actor(), path, dry_run=True)
    assert registered_before.inserted == 2
    import_projects(session, admin.actor(), path)
    import_projects(session, admin.actor(), path)  # a second import inserts nothing, so records nothing more
    entries = session.execute(text(
        "SELECT p.reference, a.user_id, a.action, a.changes FROM audit_log a JOIN projects p "
        "ON a.entity = 'project' AND a.entity_id = p.id::text WHERE p.reference LIKE '2017-310115-900_' "
        "ORDER BY p.reference")).all()
    assert [tuple(e) for e in entries] == [("2017-310115-9001", admin.id, "load", {"file": "projects.xlsx"}),
                                           ("2017-310115-9002", admin.id, "load", {"file": "projects.xlsx"})]


def test_one_bad_row_aborts_the_workbook_and_is_named(session, districts, tmp_path):
    run_import(session, write_parcels(tmp_path / "p.gpkg", squares(1)))
    session.execute(text("INSERT INTO enterprises (credit_code, name) VALUES (:c, '示例')"), {"c": _valid_code()})
    session.commit()
    rows = [_motor(f"2017-310115-{i:04d}") for i in range(1, 6)]
    rows[3]["改造后效率"] = 1.7
    rows[1]["地块编号（逗号分隔）"] = "NO-SUCH"
    path = _workbook(tmp_path, rows)
    before = session.execute(text("SELECT count(*) FROM projects")).scalar_one()
    result = import_projects(session, Actor.system(), path)
    assert result.aborted and result.refused == 2
    named = {(p.row, p.field) for p in result.problems}
    assert (3, "高效电机.地块编号（逗号分隔）") in named
    assert (5, "高效电机.改造后效率") in named  # 1.7 is no fraction from 0 to 1: the reader says so, by its header
    assert session.execute(text("SELECT count(*) FROM projects")).scalar_one() == before
    skipped = import_projects(session, Actor.system(), path, on_error="skip")
    assert skipped.loaded and skipped.inserted == 3


_ENTERPRISE = {"统一社会信用代码": _valid_code(), "企业名称": "浦东示例电机厂", "行业代码": "C381", "区代码": "310115"}
_PARCELS = "地块编号（逗号分隔）"


def _state(session) -> tuple:
    """What an import may write: rows, links, history, audit, and where the id sequence stands."""
    return tuple(session.execute(text(
        "SELECT (SELECT count(*) FROM projects), (SELECT count(*) FROM project_parcels), "
        "(SELECT count(*) FROM enterprises), (SELECT count(*) FROM project_history), "
        "(SELECT count(*) FROM audit_log), (SELECT last_value FROM projects_id_seq), "
        "(SELECT is_called FROM projects_id_seq), to_regclass('import_projects_staged') IS NULL")).one())


def test_skip_stores_good_projects_with_their_parcels_and_the_engines_savings_and_trace(session, districts,
                                                                                        tmp_path):
    run_import(session, write_parcels(tmp_path / "p.gpkg", squares(3)))
    rows = [_motor("2017-310115-0001", **{_PARCELS: "T-000001，T-000002"}),
            _motor("2017-310115-0002", **{_PARCELS: "NO-SUCH"}),
            _motor("2017-310115-0003", **{_PARCELS: None, "台数": 4}),
            _motor("2017-310115-0001", 台数=2, **{_PARCELS: None})]  # the first project's second motor group
    path = _workbook(tmp_path, rows, enterprises=[_ENTERPRISE])
    result = import_projects(session, Actor.system(), path, on_error="skip")
    assert result.loaded and result.inserted == 2 and result.refused == 1
    assert [(p.row, p.field) for p in result.problems] == [(3, f"高效电机.{_PARCELS}")]
    stored = session.execute(text(
        "SELECT p.reference, p.inputs, p.savings_tce, p.savings_tce_equal_value, p.savings_kwh, p.installed_kw, "
        "p.savings_method, p.savings_trace, ARRAY(SELECT pa.code FROM project_parcels pp JOIN parcels pa "
        "ON pa.id = pp.parcel_id WHERE pp.project_id = p.id ORDER BY pa.code) AS codes "
        "FROM projects p WHERE p.reference LIKE '2017-310115-000_' ORDER BY p.reference")).all()
    assert [(r.reference, r.codes) for r in stored] == [("2017-310115-0001", ["T-000001", "T-000002"]),
                                                         ("2017-310115-0003", [])]
    assert len(stored[0].inputs["motors"]) == 2
    for row in stored:  # exactly what the accounting engine says, trace included
        expected = savings.compute(session, row.inputs)
        stored_numbers = (row.savings_tce, row.savings_tce_equal_value, row.savings_kwh, row.installed_kw)
        assert stored_numbers == (expected.savings_tce, expected.savings_tce_equal_value, expected.savings_kwh,
                                  expected.installed_kw) and row.savings_method == expected.method
        assert row.savings_trace == load_stored_json(json.dumps(savings.stored_trace(expected)))  # as jsonb gives it back
    assert session.execute(text("SELECT count(*) FROM project_history h JOIN projects p ON p.id = h.project_id "
                                "WHERE p.reference LIKE '2017-310115-000_'")).scalar_one() == 2
    assert _state(session)[-1]  # the staging table is gone


def test_dry_run_and_abort_write_nothing_and_move_no_sequence(session, districts, tmp_path):
    run_import(session, write_parcels(tmp_path / "p.gpkg", squares(1)))
    before = _state(session)
    good = _workbook(tmp_path, [_motor("2017-310115-0001"), _motor("2017-310115-0002")], enterprises=[_ENTERPRISE])
    dry = import_projects(session, Actor.system(), good, dry_run=True)
    assert dry.dry_run and not dry.loaded and not dry.problems and dry.rows_read == 3
    assert _state(session) == before
    bad = _workbook(tmp_path, [_motor("2017-310115-0001"), _motor("2017-310115-0002", 改造后效率=1.7)],
                    enterprises=[_ENTERPRISE])
    aborted = import_projects(session, Actor.system(), bad)
    assert aborted.aborted and aborted.refused == 1 and _state(session) == before


def test_a_second_import_leaves_registered_projects_unchanged(session, districts, tmp_path):
    run_import(session, write_parcels(tmp_path / "p.gpkg", squares(1)))
    path = _workbook(tmp_path, [_motor("2017-310115-0001")], enterprises=[_ENTERPRISE])
    assert import_projects(session, Actor.system(), path).inserted == 1
    again = import_projects(session, Actor.system(), path)
    assert again.loaded and again.inserted == 0 and again.unchanged == 1 and not again.problems


def test_enterprise_problems_name_the_sheet_column_and_garbage_is_a_file_error(session, districts, tmp_path):
    odd = {**_ENTERPRISE, "企业名称": "Acme Co. Ltd.", "行业代码": "XX"}
    result = import_projects(session, Actor.system(), _workbook(tmp_path, [], enterprises=[odd]))
    assert result.aborted and [(p.row, p.field, p.value) for p in result.problems] == [(2, "企业.行业代码", "XX")]
    garbage = tmp_path / "garbage.xlsx"
    garbage.write_bytes(b"not a workbook" * 50)
    with pytest.raises(ValidationError) as error:
        import_projects(session, Actor.system(), garbage)
    assert error.value.field_errors[0].field == "file"


def test_a_workbook_that_unpacks_beyond_the_bound_is_refused_before_it_is_read(session, districts, tmp_path,
                                                                              monkeypatch):
    """A workbook is a zip of XML held in memory by openpyxl: a zip bomb would exhaust the worker."""
    from registry.services.imports import xlsx_rows

    path = _workbook(tmp_path, [_motor("2017-310115-0001")])
    monkeypatch.setattr(xlsx_rows, "MAX_UNPACKED_BYTES", 10_000)
    with pytest.raises(ValidationError) as error:
        import_projects(session, Actor.system(), path)
    assert "unpacks to" in error.value.render() and "at most 10000 are allowed" in error.value.render()
