"""Closing a year on the rollup page: a rare, final act, so a section of its own at the page's end
after the figures it freezes, which says what closing does before its button (the browser asks once
more: tests/browser/test_confirmations.py); the note's field has a label of its own, not a placeholder."""
from __future__ import annotations

import re

import pytest
from sqlalchemy import text

from registry import clock
from tests.integration import rollup_data
from tests.web.flashes import flashes
from tests.web.page_text import text_of

CONFIRM = "Close 2013 and freeze its report? This cannot be undone here: reopening a closed year needs a database administrator."


def _sections(html: str) -> list[str]:
    return re.findall(r"<section\b.*?</section>", html, re.S)


def test_closing_a_year_is_the_pages_last_section_and_says_what_it_does(client, login, session):
    rollup_data.load(session)
    login("admin")
    html = client.get("/rollups?year=2013&lang=en").get_data(as_text=True)
    sections = _sections(html)
    last = sections[-1]
    assert "<h2" in last and "Close the year</h2>" in last
    assert "Trend across years" in sections[-2]  # after every figure it freezes
    assert 'class="close-year"' not in sections[0]  # no longer beside the filters at the top
    said = text_of(last)
    assert "Closing 2013 freezes its city-wide report under this counting rule as it stands now." in said
    assert "cannot be reopened on these pages" in said
    form = re.search(r'<form class="close-year"[^>]*>(.*?)</form>', last, re.S)
    assert form and f'data-confirm="{CONFIRM}"' in form.group(0)
    # the button names the year and its consequence; the note is named by a visible label
    assert re.search(r'<button type="submit" class="danger">Close 2013 and freeze its report</button>', form.group(1))
    assert re.search(r'<label>Note on the closing \(optional\) <input type="text" name="note"', form.group(1))
    assert "placeholder" not in form.group(1) and "visually-hidden" not in form.group(1)


def test_the_closing_section_in_chinese(client, login, session):
    rollup_data.load(session)
    login("city_reviewer")
    last = _sections(client.get("/rollups?year=2013").get_data(as_text=True))[-1]
    assert "年度结账</h2>" in last and "2013 年度结账并冻结报表</button>" in last and "结账备注（可选）" in last


def test_a_districts_view_sends_to_the_city_wide_one_and_the_current_year_offers_no_closing(client, login, session):
    rollup_data.load(session)
    login("admin")
    last = _sections(client.get("/rollups?year=2013&district=310115&lang=en").get_data(as_text=True))[-1]
    assert "Close the year</h2>" in last and "<form" not in last
    assert 'href="/rollups?year=2013&amp;rule=verified#close-year-heading">Show 2013 for all districts as of now</a>' in last
    assert "<form" not in _sections(client.get("/rollups?year=2013&as_of=2014-01-01&lang=en").get_data(as_text=True))[-1]
    current = client.get(f"/rollups?year={clock.today().year}&lang=en").get_data(as_text=True)
    assert "Close the year</h2>" not in current and 'class="close-year"' not in current
    login("planner")  # neither an administrator nor a city reviewer
    assert "Close the year</h2>" not in client.get("/rollups?year=2013&lang=en").get_data(as_text=True)


def test_a_closed_year_says_so_at_the_top_and_offers_no_second_closing(client, login, session):
    rollup_data.load(session)
    login("admin")
    assert client.post("/rollups/close", data={"year": "2013", "rule": "verified"}).status_code == 302
    html = client.get("/rollups?year=2013&lang=en").get_data(as_text=True)
    assert "This year was closed on" in _sections(html)[0]
    assert "Close the year</h2>" not in html and 'class="close-year"' not in html


def test_a_year_that_counts_no_project_is_not_closed_from_the_page(client, login, session):
    rollup_data.load(session)
    login("admin")
    for lang, said in (("en", "Year: no project is counted in 2011 under this rule: an empty year is not closed"),
                       ("zh_Hans_CN", "年度：按此口径 2011 年未计入任何项目：不对空年度结账")):
        refused = client.post(f"/rollups/close?year=2011&rule=verified&lang={lang}", data={"year": "2011", "rule": "verified"})
        html = refused.get_data(as_text=True)
        # the rollup page again, the service's message above it: not the error page of a form
        assert refused.status_code == 422 and flashes(html) == [("error", said)], (refused.status_code, flashes(html))
        assert 'id="close-year-heading"' in html and 'class="error"' not in html
    assert "This year was closed on" not in client.get("/rollups?year=2011&lang=en").get_data(as_text=True)


@pytest.mark.parametrize("year, status, said", [
    ("1999", 422, "Year: must be a year from 2000 to 2100"),
    (str(clock.today().year), 422, "Year: a year can be closed only after it has ended"),
    ("2013", 409, "The year 2013 is closed already."),
])
def test_a_crafted_closing_the_service_refuses_gets_the_rollup_page_with_its_message(client, login, session, year,
                                                                                      status, said):
    rollup_data.load(session)
    login("admin")
    if status == 409:
        closed = client.post("/rollups/close", data={"year": "2013", "rule": "verified"})
        assert closed.status_code == 302 and client.get(closed.headers["Location"]).status_code == 200  # its message read
    closures = session.execute(text("SELECT count(*) FROM rollup_closures")).scalar()
    refused = client.post("/rollups/close?lang=en", data={"year": year, "rule": "verified"})  # no page's query
    html = refused.get_data(as_text=True)
    assert refused.status_code == status and flashes(html) == [("error", said)], (refused.status_code, flashes(html))
    assert "<h1>Annual rollup " in html and "<title>Annual rollups" in html
    assert session.execute(text("SELECT count(*) FROM rollup_closures")).scalar() == closures  # nothing written
    assert flashes(client.get("/rollups?lang=en").get_data(as_text=True)) == []  # said once


def test_a_year_that_counts_no_project_offers_no_closing_form_but_says_why(client, login, session):
    rollup_data.load(session)
    login("admin")
    empty = client.get("/rollups?year=2011&rule=verified&lang=en").get_data(as_text=True)
    assert "Close the year</h2>" in empty and 'class="close-year"' not in empty
    assert "No project is counted in 2011 under this rule, so the year cannot be closed" in text_of(empty)
    counted = client.get("/rollups?year=2013&rule=verified&lang=en").get_data(as_text=True)
    assert 'class="close-year"' in counted and "so the year cannot be closed" not in counted
