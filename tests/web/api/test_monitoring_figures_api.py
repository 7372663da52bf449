"""/api/v1/monitoring: the monitored figures listed as the monitoring page lists them (who reads what,
the filters, the pages) and loaded by administrators as a file is loaded — all or nothing, the counts,
one audit entry of channel api, refused rows named ``rows[i].<field>`` in the client's language."""
from __future__ import annotations

from sqlalchemy import func, select

from registry.models import AuditEntry, EnergyMonitoring
from registry.services import monitoring as monitoring_service
from registry.services import projects as svc
from tests.integration.monitoring_data import ADMIN, code, csv_file
from tests.integration.project_data import CREDIT, PUDONG, draft
from tests.web.api.test_problems import problem_of

URL = "/api/v1/monitoring"


def held(session) -> list[tuple]:
    return [tuple(r) for r in session.execute(select(EnergyMonitoring.credit_code, EnergyMonitoring.year,
                                                     EnergyMonitoring.consumption_tce).order_by(EnergyMonitoring.year, EnergyMonitoring.credit_code))]


def test_reviewers_read_every_figure_district_staff_their_districts_and_planners_none(
        client, session, bearer, pudong, minhang, tmp_path):
    svc.register_project(session, PUDONG, draft())  # CREDIT: a Pudong enterprise of the registry
    monitoring_service.import_monitoring(session, ADMIN, csv_file(tmp_path, [
        (CREDIT, 2012, "700", "市平台"), (CREDIT, 2013, "650", ""), (code(3), 2012, "5", "")]))
    reviewer = bearer("reviewer-api", "city_reviewer")
    body = client.get(f"{URL}?page_size=2", headers=reviewer).get_json()
    assert (body["total"], body["pages"], body["previous"]) == (3, 2, None)
    assert body["next"] == f"http://localhost{URL}?page_size=2&page=2"
    assert [(i["credit_code"], i["year"]) for i in body["items"]] == [(CREDIT, 2013), (CREDIT, 2012)]
    assert body["items"][1] | {"loaded_at": None} == {
        "credit_code": CREDIT, "year": 2012, "consumption_tce": 700, "source": "市平台", "loaded_at": None,
        "loaded_by": None, "enterprise_name": "上海测试电机有限公司",
        "enterprise": f"http://localhost/api/v1/enterprises/{CREDIT}"}
    filtered = client.get(URL, query_string={"code": code(3)[:13].lower(), "year": "2012"}, headers=reviewer)
    assert [i["credit_code"] for i in filtered.get_json()["items"]] == [code(3)]
    assert [i["year"] for i in client.get(URL, headers=pudong).get_json()["items"]] == [2013, 2012]
    assert client.get(URL, headers=minhang).get_json()["total"] == 0
    assert problem_of(client.get(URL, headers=bearer("planner-api", "planner")), 403)
    refused = problem_of(client.get(f"{URL}?code=91%25_", headers=reviewer), 422)
    assert refused["errors"] == {"code": "须为统一社会信用代码或其开头：数字及除 I、O、S、V、Z 以外的大写字母，最多 18 位"}
    assert set(problem_of(client.get(f"{URL}?year=abc", headers=reviewer), 422)["errors"]) == {"year"}


def test_an_administrator_loads_rows_and_gets_the_counts_and_one_audit_entry_of_channel_api(
        client, session, bearer, tmp_path):
    monitoring_service.import_monitoring(session, ADMIN, csv_file(tmp_path, [(code(1), 2015, "10", ""),
                                                                             (code(2), 2015, "20", "")]))
    admin = bearer("admin-api", "admin")
    rows = [{"credit_code": code(1), "year": 2015, "consumption_tce": 12.5, "source": "平台"},
            {"credit_code": code(2), "year": "2015", "consumption_tce": "20"},
            {"credit_code": code(3).lower(), "year": 2016, "consumption_tce": 1234}]
    checked = client.post(URL, json={"rows": rows, "dry_run": True}, headers=admin)
    assert checked.status_code == 200 and checked.get_json() == {
        "rows": 3, "inserted": 1, "replaced": 1, "unchanged": 1, "dry_run": True}
    assert len(held(session)) == 2
    loaded = client.post(URL, json={"rows": rows}, headers=admin | {"Idempotency-Key": "load-1"})
    assert loaded.get_json() == {"rows": 3, "inserted": 1, "replaced": 1, "unchanged": 1, "dry_run": False}
    assert [(c, y, float(t)) for c, y, t in held(session)] == [(code(1), 2015, 12.5), (code(2), 2015, 20),
                                                                (code(3), 2016, 1234)]
    again = client.post(URL, json={"rows": rows}, headers=admin | {"Idempotency-Key": "load-1"})
    assert again.headers.get("Idempotent-Replayed") == "true" and again.get_json()["inserted"] == 1
    entries = session.scalars(select(AuditEntry).where(AuditEntry.entity == "energy_monitoring", AuditEntry.user_id.isnot(None))).all()
    assert len(entries) == 1 and entries[0].channel == "api" and entries[0].api_token_id is not None
    assert entries[0].changes | {"figures_replaced": None} == {
        "file": "API", "rows_read": 3, "inserted": 1, "replaced": 1, "unchanged": 1, "figures_replaced": None}
    assert entries[0].changes["figures_replaced"][0][:2] == [code(1), "2015"]


def test_one_refused_row_loads_nothing_and_is_named_in_chinese(client, session, bearer, tmp_path):
    monitoring_service.import_monitoring(session, ADMIN, csv_file(tmp_path, [(code(1), 2015, "10", "")]))
    before = held(session)
    admin = bearer("admin-api", "admin")
    audits = session.scalar(select(func.count()).select_from(AuditEntry))
    bad_code = code(4)[:17] + ("X" if code(4)[17] != "X" else "Y")
    rows = [{"credit_code": code(1), "year": 2015, "consumption_tce": 99},
            {"credit_code": code(5), "year": 2016, "consumption_tce": 1},
            {"credit_code": bad_code, "year": 2016, "consumption_tce": -3},
            {"credit_code": code(5), "year": 2016, "consumption_tce": 2}]
    problem = problem_of(client.post(URL, json={"rows": rows}, headers=admin), 422)
    assert problem["errors"] == {
        "rows[2].credit_code": f"校验码应为 {code(4)[17]}，实际为“{bad_code[17]}”",
        "rows[2].consumption_tce": "不能为负数，实际为“-3”",
        "rows[3].credit_code": "与 rows[1] 的统一社会信用代码和年份重复：一次导入中每个代码和年份只能出现一次"}, problem["errors"]
    assert held(session) == before and session.scalar(select(func.count()).select_from(AuditEntry)) == audits
    english = problem_of(client.post(URL, json={"rows": rows[2:3]}, headers=admin | {"Accept-Language": "en"}), 422)
    assert english["errors"]["rows[0].consumption_tce"] == "must not be negative, got “-3”"
    assert problem_of(client.post(URL, json={"rows": []}, headers=admin), 422)["errors"] == {"rows": "长度超出允许范围"}


def test_only_administrators_load(client, session, bearer, pudong):
    rows = [{"credit_code": code(1), "year": 2015, "consumption_tce": 1}]
    for headers in (pudong, bearer("reviewer-api", "city_reviewer"), bearer("planner-api", "planner")):
        problem_of(client.post(URL, json={"rows": rows}, headers=headers), 403)
    assert held(session) == []


def test_the_openapi_document_describes_both_operations(client, pudong):
    spec = client.get("/api/v1/openapi.json", headers=pudong).get_json()
    path = spec["paths"][URL]
    assert {"code", "year", "page", "page_size"} <= {p["name"] for p in path["get"]["parameters"]}
    assert {"403", "422"} <= set(path["get"]["responses"]) and {"403", "422"} <= set(path["post"]["responses"])
    row = spec["components"]["schemas"]["MonitoredRowIn"]
    assert row["required"] == ["consumption_tce", "credit_code", "year"] and row["properties"]["consumption_tce"]["minimum"] == 0
    assert "Idempotency-Key" in {p["name"] for p in path["post"]["parameters"]}
