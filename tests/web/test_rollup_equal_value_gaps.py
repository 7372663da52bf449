"""The dashboard says why its 等价值 figures are low in a year without an electricity equal value.

The demo's trend dipped in 2014–2016 (no national figure recorded for them; none in the seed
documents or the reference data either) with only a * in the legend and "N projects without an
equal-value figure" beside the totals: nothing said that the year's value was missing, why, or
that recording it recomputes the year. The note names the years and links the reference page.
"""
from __future__ import annotations

import re

from sqlalchemy import text

from tests.integration import rollup_data
from tests.web.page_text import text_of


def _notes(html: str) -> list[str]:
    return [text_of(n).strip() for n in re.findall(r'<p class="table-note ev-gaps"[^>]*>(.*?)</p>', html, re.S)]


def test_a_year_without_an_equal_value_is_named_under_the_targets_and_the_trend(client, login, session):
    rollup_data.load(session)
    session.execute(text("DELETE FROM electricity_equal_values WHERE year = 2013"))
    login("admin")
    html = client.get("/rollups?year=2013").get_data(as_text=True)
    notes = _notes(html)
    assert len(notes) == 2 and all(n.startswith("2013 年尚未录入电力等价值：") for n in notes), notes
    assert "折标系数与等价值" in notes[0] and 'href="/reference#equal-values"' in html
    # under the targets (the 等价值 rows), and under the trend's savings chart
    assert html.index("ev-gaps") > html.index("<h2>目标完成情况") and html.rindex("ev-gaps") > html.index("<h2>历年趋势")

    client.get("/lang/en")
    notes = _notes(client.get("/rollups?year=2013").get_data(as_text=True))
    assert notes[0].startswith("No electricity equal value (等价值) is recorded for 2013: the year's projects"), notes


def test_no_note_where_the_years_equal_value_is_recorded(client, login, session):
    # P10 has no 等价值 figure (written with plain SQL) though 2013 has a value: the table says
    # "1 project without an equal-value figure", but no year lacks a value to be recorded
    rollup_data.load(session)
    login("planner")
    html = client.get("/rollups?year=2013").get_data(as_text=True)
    assert "个项目缺等价值" in html and not _notes(html)


def test_the_count_of_projects_without_one_is_grouped_as_every_count(client, login, session):
    # the demo's 2015 read 其中 1282 个项目缺等价值 beside 2,077 projects
    rollup_data.load(session)
    session.execute(text("""
        INSERT INTO projects (reference, kind, year, status, title, enterprise_id, district_code, inputs,
                              savings_tce, completed_on, verified_on)
        SELECT 'Q' || n, kind, year, status, title, enterprise_id, district_code, inputs, savings_tce, completed_on,
               verified_on FROM projects, generate_series(1, 1000) AS n WHERE reference = 'P10'"""))
    login("planner")
    html = client.get("/rollups?year=2013").get_data(as_text=True)
    assert "其中 1,001 个项目缺等价值" in html and "1001" not in html
