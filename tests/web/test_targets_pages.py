"""The targets page through the Flask client: the programme's order (the API's too), the year it
opens on, administrators only, and its edits audited (its form's values and refusals: test_target_form.py)."""
from __future__ import annotations

from sqlalchemy import text

from tests.integration import rollup_data


def test_targets_are_listed_in_the_programme_order_on_the_page_and_in_the_api(client, login, session):
    # They came in code order: boilers (boilers_replaced) before structural-adjustment projects.
    for metric, unit, kind in (("retrofit_savings_tce", "tce", "plan"), ("boilers_replaced", "台", "plan"),
                               ("structural_adjustment_projects", "项", "actual"),
                               ("structural_adjustment_projects", "项", "plan"), ("emc_projects", "项", "plan")):
        rollup_data.add_target(session, metric, "1", unit, kind=kind)
    login("admin")
    html = client.get("/targets?year=2013").get_data(as_text=True)
    labels = ["产业结构调整项目", "合同能源管理项目", "燃煤（重油）锅炉替代", "节能技术改造节能量（当量值）"]
    assert sorted(labels, key=lambda label: html.index(f"<td>{label}</td>")) == labels
    listed = [(t["metric"], t["kind"]) for t in client.get("/api/v1/targets?year=2013").get_json()]
    assert listed == [("structural_adjustment_projects", "plan"), ("structural_adjustment_projects", "actual"),
                      ("emc_projects", "plan"), ("boilers_replaced", "plan"), ("retrofit_savings_tce", "plan")]


def test_the_targets_page_opens_on_the_year_the_dashboard_opens_on_and_offers_this_year(client, login, session):
    # It opened on this year (2026), empty in the demo, while the targets are for 2013 and 2017.
    rollup_data.load(session)  # counted (verified) in 2012, 2013 and 2014
    rollup_data.add_target(session, "retrofit_savings_tce", "400", "tce", year=2013)
    login("admin")
    html = client.get("/targets").get_data(as_text=True)
    assert "2013 年目标" in html and "本年度没有目标" not in html
    assert '<a href="/targets?year=2026">2026</a>' in html  # a fresh year is one click away
    assert "本年度没有目标" in client.get("/targets?year=2026").get_data(as_text=True)


def test_targets_page_is_for_administrators_and_edits_are_audited(client, login, session):
    login("planner", username="planner-x")
    assert client.get("/targets?year=2013").status_code == 403
    client.post("/logout")
    login("admin")
    assert client.get("/targets?year=2013").status_code == 200
    saved = client.post("/targets", data={"year": "2013", "scope": "city", "metric": "emc_projects", "kind": "plan",
                                          "value": "200", "source": "seed 000"})
    assert saved.status_code == 302
    row = session.execute(text("SELECT id, value, unit FROM targets WHERE metric = 'emc_projects'")).one()
    assert row.value == 200 and row.unit == "项"
    client.post("/targets", data={"year": "2013", "scope": "city", "metric": "emc_projects", "value": "210",
                                  "replaces": str(row.id)})  # the row's 修改 (test_target_form)
    assert session.execute(text("SELECT value FROM targets WHERE id = :id"), {"id": row.id}).scalar_one() == 210
    actions = session.execute(text("SELECT action FROM audit_log WHERE entity = 'target' ORDER BY id")).scalars().all()
    assert actions == ["create", "update"]
    bad = client.post("/targets", data={"year": "2013", "scope": "district", "metric": "nope", "value": "-1"})
    assert bad.status_code == 422
    for year in ("abc", "²"):  # refused before anything is deleted
        assert client.post(f"/targets/{row.id}/delete", data={"year": year}).status_code == 422
    assert session.execute(text("SELECT count(*) FROM targets WHERE metric = 'emc_projects'")).scalar_one() == 1
    assert session.execute(text("SELECT count(*) FROM audit_log WHERE entity = 'target' AND action = 'delete'")).scalar_one() == 0
    assert client.post(f"/targets/{row.id}/delete", data={"year": "2013"}).status_code == 302
    assert session.execute(text("SELECT count(*) FROM targets WHERE metric = 'emc_projects'")).scalar_one() == 0
