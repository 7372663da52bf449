"""The project page lists a project's possible double registrations
(domain/duplicates.py) with their reasons in the reader's language, and says nothing when none
(the API's answer: tests/web/api/test_possible_duplicates_api.py)."""
from __future__ import annotations

import re

import pytest

from registry.services import projects as svc
from tests.integration.project_data import MOTORS, PUDONG, draft

pytestmark = pytest.mark.usefixtures("districts")


def _card(html: str) -> str:
    found = re.search(r'<section class="card lookalikes" id="possible-duplicates">(.*?)</section>', html, re.S)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", found.group(1))) if found else ""


def test_the_project_page_names_the_other_registration_and_why(client, login, session):
    first = svc.register_project(session, PUDONG, draft())
    second = svc.register_project(session, PUDONG, draft(title="电机改造（再次登记）", new_parcels=(),
                                                         parcel_ids=(first.parcels[0].id,)))
    login("city_reviewer")
    card = _card(client.get(f"/projects/{first.id}").get_data(as_text=True))
    assert "可能重复登记" in card and second.reference in card and "电机改造（再次登记）" in card
    assert "同一企业、同一年度" in card and f"共用地块 {first.parcels[0].code}" in card
    # the title under its reference, in three columns: four overflowed the page's right column
    html = client.get(f"/projects/{first.id}").get_data(as_text=True)
    table = html.split('id="possible-duplicates"')[1].split("</table>")[0]
    assert re.findall(r"<th>(.*?)</th>", table) == ["项目", "状态", "理由"]
    assert re.search(rf'<td class="lookalike whole"><a class="nowrap" href="/projects/{second.id}">{second.reference}</a>'
                     r"<br>电机改造（再次登记）</td>", table), table
    # the head says so beside the status, a link down to the card, for whoever acts from the card under it
    head = html.split('<section class="list-head">')[1].split("</section>")[0]
    assert '<a class="badge lookalike-badge" href="#possible-duplicates">可能重复登记</a>' in head
    english = _card(client.get(f"/projects/{second.id}?lang=en").get_data(as_text=True))
    assert "Possible double registration" in english and first.reference in english
    assert "The same enterprise, in the same year" in english


def test_a_project_without_lookalikes_has_no_card(client, login, session):
    view = svc.register_project(session, PUDONG, draft(new_parcels=()))
    login("city_reviewer")
    html = client.get(f"/projects/{view.id}").get_data(as_text=True)
    assert 'id="possible-duplicates"' not in html and "lookalike-badge" not in html


def test_the_project_list_marks_the_lookalikes_for_a_batch_reviewer(client, login, session):
    """A batch is approved from the list, not the pages: the list says which rows to open first."""
    twins = [svc.register_project(session, PUDONG, draft(title=f"锅炉改造 {n}", new_parcels=()), submit=True)
             for n in (1, 2)]
    alone = svc.register_project(session, PUDONG, draft(title="另一年度的改造", year=2014, new_parcels=(),
                                                        inputs=MOTORS | {"year": 2014}), submit=True)
    login("city_reviewer")
    rows = re.findall(r"<tr[^>]*>(.*?)</tr>", client.get("/projects").get_data(as_text=True), re.S)
    marked = {view.title: any(view.title in row and "lookalike-badge" in row for row in rows)
              for view in (*twins, alone)}
    assert marked == {"锅炉改造 1": True, "锅炉改造 2": True, "另一年度的改造": False}
    row = next(row for row in rows if "锅炉改造 1" in row)
    assert f'href="/projects/{twins[0].id}#possible-duplicates"' in row and "可能重复登记" in row


def test_the_possible_duplicates_list_marks_every_row_without_asking_again(client, login, session, statements):
    """The list filtered by the check holds only projects so marked (project_checks reads the same rule):
    its page's marks were a second statement of that rule."""
    twins = [svc.register_project(session, PUDONG, draft(title=f"锅炉改造 {n}", new_parcels=()), submit=True)
             for n in (1, 2)]
    login("city_reviewer")
    statements.clear()
    html = client.get("/projects?check=possible_duplicates").get_data(as_text=True)
    rows = re.findall(r"<tr[^>]*>(.*?)</tr>", html.split("<tbody>")[1].split("</tbody>")[0], re.S)
    assert [re.findall(r"锅炉改造 \d", row)[0] for row in rows] == [view.title for view in reversed(twins)]  # newest first
    assert all("lookalike-badge" in row for row in rows)
    assert sum("EXISTS" in s and "p.id IN" in s for s, _ in statements) == 0
