"""The reviewer's way on from one project to the next of their queue: the list of submitted projects
in its own order (the overview's 待审核 link), after a step and on a project that waits for one."""
from __future__ import annotations

import re

import pytest

from tests.web.project_form import form

pytestmark = pytest.mark.usefixtures("districts")

NEXT = "下一个待审核项目"


def _submitted(session, count: int) -> list[int]:
    from registry.domain.permissions import Actor
    from registry.services import projects as svc
    from registry.services.projects.parsing import parse_draft

    staff = Actor(None, "s", "district_staff", "310115")
    return [svc.register_project(session, staff, parse_draft(form(title=f"电机改造{n}", new_parcels="[]")), submit=True).id
            for n in range(count)]


def _queue(client) -> list[int]:
    """The projects of the list the overview's 待审核 line opens, in its order."""
    page = client.get("/projects?status=submitted").get_data(as_text=True)
    return list(dict.fromkeys(int(i) for i in re.findall(r'href="/projects/(\d+)"', page)))


def _next_link(page: str) -> str | None:
    found = re.search(rf'<a[^>]*href="([^"]+)"[^>]*>{NEXT}</a>', page)
    return found.group(1) if found else None


def test_a_project_awaiting_review_links_to_the_next_of_the_queue_in_its_order(client, login, session):
    _submitted(session, 3)
    login("city_reviewer")
    queue = _queue(client)
    assert len(queue) == 3
    assert _next_link(client.get(f"/projects/{queue[0]}").get_data(as_text=True)) == f"/projects/{queue[1]}"
    assert _next_link(client.get(f"/projects/{queue[1]}").get_data(as_text=True)) == f"/projects/{queue[2]}"
    # from the last, back to the head of the queue
    assert _next_link(client.get(f"/projects/{queue[2]}").get_data(as_text=True)) == f"/projects/{queue[0]}"


def test_after_approving_or_returning_the_reviewer_is_offered_the_next_waiting(client, login, session):
    from tests.web.project_form import project_view

    _submitted(session, 2)
    login("city_reviewer")
    first, second = _queue(client)
    page = client.post(f"/projects/{second}/transition", follow_redirects=True, data={
        "action": "approve", "version": project_view(session, second).version, "queue": "submitted"}).get_data(as_text=True)
    assert "已批准" in page or "批准" in page
    assert _next_link(page) == f"/projects/{first}"
    # the last one returned: none left, said so, and the way back to the queue
    page = client.post(f"/projects/{first}/transition", follow_redirects=True, data={
        "action": "return", "comment": "请补充", "version": project_view(session, first).version,
        "queue": "submitted"}).get_data(as_text=True)
    assert _next_link(page) is None
    assert "没有其他待审核的项目" in page
    assert 'href="/projects?status=submitted"' in page


def test_the_workflow_form_names_the_queue_the_project_was_in(client, login, session):
    (project,) = _submitted(session, 1)
    login("city_reviewer")
    page = client.get(f"/projects/{project}").get_data(as_text=True)
    assert re.search(r'<input type="hidden" name="queue" value="submitted">', page)


def test_no_queue_link_for_a_project_waiting_for_nobody_in_the_readers_role(client, login, session):
    (project,) = _submitted(session, 1)
    login("planner")
    assert NEXT not in client.get(f"/projects/{project}").get_data(as_text=True)
