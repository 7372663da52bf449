"""The project list: each project by its name, district staff on their own district first, and a
page beyond the last one of any paged list brought back to the last."""
from __future__ import annotations

import re
from urllib.parse import parse_qs, urlsplit

import pytest
from sqlalchemy import event

from tests.integration import rollup_data
from tests.web.project_form import form


@pytest.fixture
def two_districts(client, login, districts, session):
    """A Pudong draft and an approved Minhang project, which Pudong's staff may also see."""
    from sqlalchemy import text

    login("district_staff", "310112", username="minhang-staff")
    minhang = client.post("/projects/new", data=form(district_code="310112", title="闵行的电机改造", new_parcels="[]"))
    assert minhang.status_code == 302, minhang.get_data(as_text=True)[:2000]
    session.execute(text("UPDATE projects SET status = 'approved' WHERE title = '闵行的电机改造'"))
    login("district_staff", "310115", username="pudong-staff")
    pudong = client.post("/projects/new", data=form(title="浦东的电机改造", new_parcels="[]"))
    assert pudong.status_code == 302, pudong.get_data(as_text=True)[:2000]
    return pudong.headers["Location"]


def rows(html: str) -> str:
    return html.split("<tbody>")[1].split("</tbody>")[0]


def test_the_list_names_each_project_with_a_link_to_its_page(client, two_districts):
    html = client.get("/projects").get_data(as_text=True)
    assert f'<a href="{two_districts}">浦东的电机改造</a>' in rows(html)
    assert re.search(r'<a href="/projects\?[^"]*sort=title[^"]*">项目名称', html)  # sortable as the other columns


def test_district_staff_open_on_their_district_and_can_remove_the_filter(client, two_districts):
    html = client.get("/projects").get_data(as_text=True)
    assert '<option value="310115" selected>' in html
    assert "浦东的电机改造" in rows(html) and "闵行的电机改造" not in rows(html)
    everywhere = client.get("/projects?district=").get_data(as_text=True)  # the filter's "All"
    assert "浦东的电机改造" in rows(everywhere) and "闵行的电机改造" in rows(everywhere)
    assert '<option value="310115" selected>' not in everywhere
    # the sort links keep the choice of every district
    assert re.search(r'href="/projects\?[^"]*sort=[^"]*"', everywhere)
    assert all(re.search(r'district=(&amp;|$)', link) for link in re.findall(r'href="(/projects\?[^"]*sort=[^"]*)"', everywhere))


def test_a_reviewer_opens_on_every_district(client, two_districts, login):
    login("city_reviewer")
    html = client.get("/projects").get_data(as_text=True)
    assert "闵行的电机改造" in rows(html) and '<option value="310115" selected>' not in html


@pytest.fixture
def selects(connection) -> list[str]:
    """The SELECT statements the test's connection runs from when the fixture is asked for."""
    seen: list[str] = []

    def record(conn, cursor, statement, parameters, context, executemany):
        if statement.lstrip().upper().startswith("SELECT"):
            seen.append(" ".join(statement.split()))

    event.listen(connection, "before_cursor_execute", record)
    yield seen
    event.remove(connection, "before_cursor_execute", record)


def paged(statements: list[str]) -> list[str]:
    """The statements that read a page of a list (the counts and look-ups have no OFFSET)."""
    return [s for s in statements if " OFFSET " in s.upper()]


def redirect_args(response) -> dict[str, list[str]]:
    assert response.status_code == 302, response.status_code
    return parse_qs(urlsplit(response.headers["Location"]).query, keep_blank_values=True)


def test_a_page_beyond_the_last_of_the_project_list_opens_the_last(client, two_districts, selects):
    """?page=999 said 第 999 页，共 1 页 over an empty table."""
    args = redirect_args(client.get("/projects?page=999&kind=motor_upgrade&district="))
    assert args == {"page": ["1"], "kind": ["motor_upgrade"], "district": [""]}
    assert paged(selects) == [], "the list's page was read only to be redirected from"
    assert "浦东的电机改造" in rows(client.get("/projects?page=1&kind=motor_upgrade").get_data(as_text=True))
    assert len(paged(selects)) == 1  # the last page itself is read
    assert client.get("/projects?page=1").status_code == 200


def test_a_page_beyond_the_last_of_a_rollups_drill_down_opens_the_last(client, login, session, selects):
    rollup_data.load(session)  # P2, a technical retrofit verified in 2013
    login("admin")
    args = redirect_args(client.get("/rollups/projects?year=2013&kind=technical_retrofit&kind=boiler_replacement&page=40"))
    assert args["page"] == ["1"] and args["kind"] == ["technical_retrofit", "boiler_replacement"]
    assert paged(selects) == [], "the drill-down's page was read only to be redirected from"
    assert client.get("/rollups/projects?year=2013&kind=technical_retrofit&page=1").status_code == 200
    assert len(paged(selects)) == 1  # the last page itself is read


def test_rows_beyond_the_last_of_the_freed_land_open_its_last_page(client, ids, login, selects):
    login("planner")
    total = int(re.search(r"共 (\d+) ", client.get("/land/freed?limit=1").get_data(as_text=True)).group(1))
    read_by_a_page = len(paged(selects))
    args = redirect_args(client.get("/land/freed?limit=1&offset=5000"))
    assert args == {"limit": ["1"], "offset": [str(total - 1)]}
    assert read_by_a_page >= 1 and len(paged(selects)) == read_by_a_page  # the redirect read no page
    assert client.get(f"/land/freed?limit=1&offset={total - 1}").status_code == 200


def test_each_row_says_its_own_marks_and_labels_its_savings(client, login, districts, session):
    """What rows say alike (the illustrative badge, the lookalike badge, the savings cell's label on a
    phone) is translated once a page: each row still says it, or not, as it holds."""
    from sqlalchemy import text

    from registry.services import projects as svc
    from tests.integration.project_data import MOTORS, PUDONG, draft

    twins = [svc.register_project(session, PUDONG, draft(title=f"锅炉改造 {n}", new_parcels=()), submit=True) for n in (1, 2)]
    alone = svc.register_project(session, PUDONG, draft(title="另一年度的改造", year=2014, new_parcels=(),
                                                        inputs=MOTORS | {"year": 2014}), submit=True)
    session.execute(text("UPDATE projects SET is_illustrative = (id = :id)"), {"id": twins[0].id})
    login("city_reviewer")
    for lang, illustrative, lookalike, label in [("zh", "示意", "可能重复登记", "节能量（当量值）："),
                                                 ("en", "Illustrative", "Possible double registration",
                                                  "Savings (equivalent value): ")]:
        html = client.get(f"/projects?lang={lang}").get_data(as_text=True)
        cells = {title: row for row in re.findall(r"<tr[^>]*>(.*?)</tr>", rows(html), re.S)
                 for title in ("锅炉改造 1", "锅炉改造 2", "另一年度的改造") if title in row}
        badges = {title: ('illustrative-badge" title="' in row and f">{illustrative}</span>" in row,
                          f">{lookalike}</a>" in row) for title, row in cells.items()}
        assert badges == {"锅炉改造 1": (True, True), "锅炉改造 2": (False, True), "另一年度的改造": (False, False)}, lang
        assert all(f'<td class="num nowrap savings" data-label="{label}">' in row for row in cells.values()), lang
        assert f'href="/projects/{twins[0].id}#possible-duplicates"' in cells["锅炉改造 1"] and alone.title in cells["另一年度的改造"]
