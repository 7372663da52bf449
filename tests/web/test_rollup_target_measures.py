"""A target row says what the registry counts when that is not the target's unit: the 2013 plan's
300 boilers (台) are compared with boiler-replacement projects, the registry recording no number of
boilers per project (docs/rollups.md, "Decisions") — the row said 台 and nothing else."""
from __future__ import annotations

from sqlalchemy import text

from tests.integration import rollup_data
from tests.web.report_cells import page_row


def test_the_boiler_row_says_it_counts_projects_in_both_languages(client, login, session):
    rollup_data.load(session)
    session.execute(text("INSERT INTO targets (year, scope, metric, kind, value, unit) "
                         "VALUES (2013, 'city', 'boilers_replaced', 'plan', 300, '台')"))
    login("admin")
    html = client.get("/rollups?year=2013").get_data(as_text=True)
    row = page_row(html, "data progress", "燃煤（重油）锅炉替代")
    assert row[0].endswith("按项目数计，每项计一台"), row
    assert row[1] == "300"
    other = page_row(html, "data progress", "产业结构调整项目")
    assert "counted-as" not in html.split("产业结构调整项目")[1].split("</td>")[0] and other
    client.get("/lang/en")
    row = page_row(client.get("/rollups?year=2013").get_data(as_text=True), "data progress", "Coal/heavy-oil boilers replaced")
    assert row[0].endswith("counted as projects, one boiler each")
