"""The overview's count cards: each opens the list it counts, and the list says the card's number."""
from __future__ import annotations

import html as markup
import re

import pytest
from sqlalchemy import text

from tests.integration import rollup_data

CARD = re.compile(r'<li><a href="([^"]+)"><span class="label">([^<]+)</span>\s*<span class="figure">([\d,]+)</span>')


def cards(client) -> list[tuple[str, str, int]]:
    """(link, label, figure) of each count card of the overview."""
    page = client.get("/").get_data(as_text=True)
    found = [(markup.unescape(href), label, int(figure.replace(",", ""))) for href, label, figure in CARD.findall(page)]
    assert len(found) == 3, found
    return found


def listed(client, link: str) -> int:
    """How many records the list at ``link`` says it holds."""
    page = client.get(link).get_data(as_text=True)
    found = (re.search(r'<small class="muted">共 ([\d,]+) [项家]</small>', page)
             or re.search(r'id="total-count">([\d,]+)<', page))
    assert found, link
    return int(found.group(1).replace(",", ""))


@pytest.mark.parametrize("role, district", [("city_reviewer", None), ("district_staff", "310115"), ("planner", None)])
def test_each_count_card_opens_a_list_of_as_many_records(client, login, session, ids, role, district):
    rollup_data.load(session)
    login(role, district)
    shown = cards(client)
    assert [label for _, label, _ in shown] == ["项目", "已核定项目", "腾出地块"]
    for link, label, figure in shown:
        assert figure > 0 and listed(client, link) == figure, (label, link)
    if district:  # their list opens on their own district: the card asks it for every district they read
        assert shown[0][0] == "/projects?district=" and shown[0][2] == len(rollup_data.PROJECTS)


def test_district_staff_count_only_the_projects_they_may_read(client, login, session):
    rollup_data.load(session)
    session.execute(text("UPDATE projects SET status = 'draft' WHERE reference = 'P9'"))  # Pudong's own draft
    login("district_staff", "310112")  # Minhang reads other districts' projects from their approval on
    projects = cards(client)[0]
    assert projects[2] == len(rollup_data.PROJECTS) - 1 == listed(client, projects[0])


@pytest.mark.parametrize("role, district", [("city_reviewer", None), ("district_staff", "310115")])
@pytest.mark.parametrize("label, path, held", [("地块", "/land/parcels", 6), ("企业", "/enterprises/", 1)])
def test_a_count_of_the_holdings_line_opens_a_list_of_as_many(client, login, session, ids, role, district, label, path, held):
    rollup_data.load(session)  # one enterprise
    login(role, district)
    page = client.get("/").get_data(as_text=True)
    holdings = page[page.index('<p class="holdings">'):]
    link = re.search(fr'<a href="([^"]+)">{label} <span class="figure">([\d,]+)</span></a>', holdings[:holdings.index("</p>")])
    assert link, holdings[:400]
    href = markup.unescape(link.group(1))
    # district staff's list opens on their own district: the count, of every district, asks it for all
    assert href == (f"{path}?district=" if district else path)
    assert listed(client, href) == int(link.group(2).replace(",", "")) == held


@pytest.mark.parametrize("role, district", [("city_reviewer", None), ("district_staff", "310115"), ("planner", None)])
def test_the_overview_reads_no_parcel_enterprise_or_project_rows_to_count_them(client, login, session, ids, statements,
                                                                                role, district):
    """Its figures are the counts the database keeps (``record_counts``, migration 0038): counting the
    rows took 0.6 s of the page at 1M parcels and 100k projects (docs/performance.md, "The overview
    at city scale"). Only the to-do's overdue projects are read, a day's count no write keeps, and the
    projects waiting for approval (or submission) the online monitoring may flag, a verdict computed
    (``project_claims``) — each narrowed to one status, never every project."""
    rollup_data.load(session)
    login(role, district)
    statements.clear()
    assert client.get("/").status_code == 200
    rows_read = [s for s, _ in statements if re.search(r"\bFROM (parcels|enterprises|projects)\b", s)]
    assert all("planned_completion <" in s or ("project_claims" in s and "projects.status =" in s)
               for s in rows_read), rows_read
    assert [s for s, _ in statements if "FROM record_counts" in s]
