"""Loading the online monitoring's figures (services/monitoring.py) on PostGIS: every row checked, all
or nothing, a held code and year replaced, the load one audit entry; the readers of the figures."""
from __future__ import annotations

from decimal import Decimal

import pytest
from sqlalchemy import select

from registry.domain.errors import PermissionDenied, ValidationError
from registry.models import AuditEntry, EnergyMonitoring
from registry.services import monitoring as service
from registry.services import projects as svc
from tests.damaged_files import garbled_workbook
from tests.integration.monitoring_data import ADMIN, code, csv_file, xlsx_bytes
from tests.integration.project_data import CREDIT, MINHANG, PLANNER, PUDONG, REVIEWER, draft

pytestmark = pytest.mark.usefixtures("districts")


def held(session) -> dict[tuple[str, int], tuple[Decimal, str | None]]:
    rows = session.execute(select(EnergyMonitoring.credit_code, EnergyMonitoring.year,
                                  EnergyMonitoring.consumption_tce, EnergyMonitoring.source))
    return {(c, y): (tce, source) for c, y, tce, source in rows}


def loads(session) -> list[AuditEntry]:
    return list(session.scalars(select(AuditEntry).where(AuditEntry.entity == "energy_monitoring")))


def test_a_file_is_loaded_with_its_figures_as_written_and_one_audit_entry(session, tmp_path):
    path = csv_file(tmp_path, [(code(1), "２０１５", "１,２３４.５", "市能耗在线监测平台"),
                               (code(1).lower(), 2016, "1,200", ""), (code(2), "2016", "0", None)])
    load = service.import_monitoring(session, ADMIN, path)
    assert (load.rows_read, load.inserted, load.replaced, load.unchanged, load.loaded) == (3, 3, 0, 0, True)
    assert held(session) == {(code(1), 2015): (Decimal("1234.5"), "市能耗在线监测平台"),
                             (code(1), 2016): (Decimal("1200"), None), (code(2), 2016): (Decimal("0"), None)}
    [entry] = loads(session)
    assert (entry.action, entry.entity_id) == ("import", "-")
    assert entry.changes == {"file": "monitoring.csv", "rows_read": 3, "inserted": 3, "replaced": 0, "unchanged": 0,
                             "figures_replaced": []}


def test_one_bad_row_writes_nothing_and_each_problem_names_row_column_value_and_reason(session, tmp_path):
    path = csv_file(tmp_path, [(code(1), 2015, "100", ""), (code(1)[:17] + "X", 2015, "-1", ""),
                               (code(3), "2015年", "12,5", ""), (code(1), 2015, "101", "")])
    load = service.import_monitoring(session, ADMIN, path)
    assert not load.loaded and load.refused == 3 and load.rows_read == 4
    assert held(session) == {} and loads(session) == []
    assert [(p.row, p.field, p.value, p.message.msgid) for p in load.problems] == [
        (3, "统一社会信用代码", code(1)[:17] + "X", "check character should be %(expected)s, got “%(actual)s”"),
        (3, "综合能耗（吨标准煤）", "-1", "must not be negative, got “%(value)s”"),
        (4, "年份", "2015年", "must be a year from %(minimum)s to %(maximum)s"),
        (4, "综合能耗（吨标准煤）", "12,5", "must be a number, got “%(value)s”"),
        (5, "统一社会信用代码", code(1), "repeats the credit code and year of row %(row)s: a file may hold each once"),
    ]


def test_a_code_excel_wrote_to_a_csv_as_a_number_is_refused_saying_so(session, tmp_path):
    """Excel's CSV holds an all-digit code of a General cell as 9.13101E+17: said so, not refused for its “.”."""
    load = service.import_monitoring(session, ADMIN, csv_file(tmp_path, [("9.13101E+17", 2015, "100", "")]))
    assert [(p.row, p.field, p.value, p.message.params) for p in load.problems] == [
        (2, "统一社会信用代码", "9.13101E+17", {"number": "9.13101E+17"})]
    assert load.problems[0].message.msgid.startswith("is the number %(number)s written as text, not a code")


def test_a_held_code_and_year_is_replaced_and_the_trail_keeps_what_it_was(session, tmp_path):
    service.import_monitoring(session, ADMIN, csv_file(tmp_path, [(code(1), 2015, "100", "a"), (code(2), 2015, "50", "")]))
    again = csv_file(tmp_path, [(code(1), 2015, "120", "b"), (code(2), 2015, "50.0", ""), (code(3), 2015, "7", "")],
                     name="again.csv")
    checked = service.import_monitoring(session, ADMIN, again, dry_run=True)
    assert (checked.inserted, checked.replaced, checked.unchanged, checked.loaded) == (1, 1, 1, False)
    assert held(session)[code(1), 2015] == (Decimal("100"), "a") and len(loads(session)) == 1  # a dry run writes nothing
    load = service.import_monitoring(session, ADMIN, again)
    assert (load.inserted, load.replaced, load.unchanged) == (1, 1, 1)
    assert held(session)[code(1), 2015] == (Decimal("120"), "b") and held(session)[code(2), 2015][0] == 50
    last = loads(session)[-1]
    assert last.changes["figures_replaced"] == [[code(1), "2015", "100", "120"]] and last.changes["replaced"] == 1


def test_a_workbooks_first_sheet_is_read_under_a_title_row(session, tmp_path):
    path = tmp_path / "监测.xlsx"
    path.write_bytes(xlsx_bytes([(code(4), 2016, 3456.78, "平台")], above=[("2016年重点用能单位综合能耗",)]))
    load = service.import_monitoring(session, ADMIN, path)
    assert load.loaded and held(session) == {(code(4), 2016): (Decimal("3456.78"), "平台")}


@pytest.mark.parametrize("name, data, reason", [
    ("figures.xlsx", b"PK\x03\x04 not really a zip", "cannot be read: it is damaged, or not a CSV or Excel (.xlsx) file"),
    ("figures.xlsx", garbled_workbook(), "cannot be read: it is damaged, or not a CSV or Excel (.xlsx) file"),
    ("figures.txt", b"a,b", "must be a CSV (.csv) or Excel (.xlsx) file"),
    ("figures.csv", "统一社会信用代码,年份\n91110000600037341L,2016\n".encode(), "has no column %(missing)s"),
    ("figures.csv", "名称,年份\n某公司,2016\n".encode(), "has no header row in its first rows; expected the headers %(expected)s"),
    ("figures.csv", "统一社会信用代码,年份,综合能耗（吨标准煤）\n".encode(), "holds no row of figures under the headers %(expected)s"),
    ("figures.csv", b"\x00\xff\xfe garbage", "cannot be read: it is damaged, or not a CSV or Excel (.xlsx) file"),
])
def test_a_malformed_file_is_a_clear_error(session, tmp_path, name, data, reason):
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(ValidationError) as refused:
        service.import_monitoring(session, ADMIN, path)
    assert refused.value.field_errors[0].field == "file" and refused.value.field_errors[0].message.msgid == reason


def test_a_csv_excel_saved_in_gb18030_is_read(session, tmp_path):
    path = csv_file(tmp_path, [(code(5), 2016, "88", "区经委")], encoding="gb18030")
    assert service.import_monitoring(session, ADMIN, path).loaded
    assert held(session) == {(code(5), 2016): (Decimal("88"), "区经委")}


def test_only_administrators_load_and_district_staff_read_their_districts_enterprises(session, tmp_path):
    svc.register_project(session, PUDONG, draft())  # the registry places CREDIT's enterprise in Pudong
    path = csv_file(tmp_path, [(CREDIT, 2012, "700", ""), (code(6), 2012, "5", "")])
    for actor in (PUDONG, REVIEWER, PLANNER):
        with pytest.raises(PermissionDenied):
            service.import_monitoring(session, actor, path)
    service.import_monitoring(session, ADMIN, path)
    assert service.list_monitoring(session, REVIEWER).total == 2
    [own] = service.list_monitoring(session, PUDONG).items
    assert (own.credit_code, own.enterprise_name) == (CREDIT, "上海测试电机有限公司")
    assert service.list_monitoring(session, MINHANG).total == 0
    with pytest.raises(PermissionDenied):
        service.list_monitoring(session, PLANNER)


def test_the_list_filters_by_the_start_of_a_code_and_by_year(session, tmp_path):
    service.import_monitoring(session, ADMIN, csv_file(tmp_path, [(code(7), 2015, "1", ""), (code(7), 2016, "2", ""),
                                                                  (code(80), 2016, "3", "")]))
    assert [(m.credit_code, m.year) for m in service.list_monitoring(session, ADMIN, "９１３１０１１５ma1m00007").items] == [
        (code(7), 2016), (code(7), 2015)]
    assert service.list_monitoring(session, ADMIN, year="2016").total == 2
    for bad in ("91%", "x" * 19, "\x00"):
        with pytest.raises(ValidationError):
            service.list_monitoring(session, ADMIN, bad)
    with pytest.raises(ValidationError):
        service.list_monitoring(session, ADMIN, year="1e3")


def test_a_load_that_would_replace_figures_unasked_writes_nothing_and_says_which(session, tmp_path):
    service.import_monitoring(session, ADMIN, csv_file(tmp_path, [(code(1), 2016, "10", ""), (code(2), 2016, "5", "")]))
    again = csv_file(tmp_path, [(code(1), 2016, "12", ""), (code(2), 2016, "5", ""), (code(3), 2016, "7", "")],
                     name="v2.csv")
    with pytest.raises(service.FiguresHeld) as raised:
        service.import_monitoring(session, ADMIN, again, replaces=0)
    assert raised.value.count == 1 and raised.value.message.params["count"] == 1
    assert f"{code(1)} 2016: 10 → 12" in raised.value.message.params["examples"]
    assert held(session)[code(1), 2016] == (Decimal("10"), None) and (code(3), 2016) not in held(session)
    assert len(loads(session)) == 1
    load = service.import_monitoring(session, ADMIN, again, replaces=1)  # the count the question named
    assert (load.inserted, load.replaced, load.unchanged) == (1, 1, 1)
    new = csv_file(tmp_path, [(code(4), 2016, "1", ""), (code(2), 2016, "5", "")], name="v3.csv")
    assert service.import_monitoring(session, ADMIN, new, replaces=0).loaded  # replaces nothing: not asked
