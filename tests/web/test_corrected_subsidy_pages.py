"""The correction page (更正) of a verified project has the approved subsidy's field, filled with the
amount recorded: a new amount is recorded with the correction and its history entry, a bad one is
said at the field in the reader's language with nothing written (docs/registration.md)."""
from __future__ import annotations

import re
from decimal import Decimal

import pytest

from registry.domain.permissions import Actor
from registry.services import projects as svc
from registry.services.projects.parsing import parse_draft
from tests.web.page_text import section, text_of
from tests.web.project_form import form, project_view

pytestmark = pytest.mark.usefixtures("districts")

STAFF, REVIEWER = Actor(None, "s", "district_staff", "310115"), Actor(None, "r", "city_reviewer")
FIELD = "subsidy_approved_wan_yuan"


def _verified(session) -> svc.ProjectView:
    view = svc.register_project(session, STAFF, parse_draft(form(subsidy_requested_wan_yuan="120")), submit=True)
    for actor, action, amount in ((REVIEWER, "approve", "100"), (STAFF, "complete", None), (REVIEWER, "verify", None)):
        view = svc.transition(session, actor, view.id, action, subsidy_approved=amount)
    return view


def _correction(view: svc.ProjectView, amount: str) -> dict:
    return form(new_parcels="[]", parcel_ids=str(view.parcels[0].id), version=view.version, reason="复核后调整",
                subsidy_requested_wan_yuan="120", **{FIELD: amount})


def _amount_field(html: str) -> str:
    return re.search(rf'<input name="{FIELD}"[^>]*>', html).group(0)


def test_the_correction_records_a_new_amount_in_its_history_entry(client, login, session):
    view = _verified(session)
    login("city_reviewer")
    page = client.get(f"/projects/{view.id}/correct").get_data(as_text=True)
    assert "批准补贴（万元）" in text_of(page) and 'value="100"' in _amount_field(page)
    assert "Subsidy approved (10,000 yuan)" in client.get(f"/projects/{view.id}/correct?lang=en").get_data(as_text=True)
    done = client.post(f"/projects/{view.id}/correct?lang=zh_Hans_CN", data=_correction(view, "1,150"),
                       follow_redirects=True)
    assert done.status_code == 200 and project_view(session, view.id).subsidy_approved_wan_yuan == Decimal(1150)
    html = done.get_data(as_text=True)
    assert "批准补贴 100.00 万元 1,150.00 万元" in section(html, "history")
    assert "超过申请的 120.00 万元" in text_of(html)  # above the request: said once more, as after a step


@pytest.mark.parametrize(("lang", "said"), [
    ("zh_Hans_CN", "批准补贴（万元）：不能为负数，实际为“-3”"),
    ("en", "Subsidy approved (10,000 yuan): must not be negative, got “-3”"),
])
def test_a_bad_amount_is_said_at_the_field_which_keeps_it_and_nothing_is_written(client, login, session, lang, said):
    view = _verified(session)
    login("city_reviewer")
    refused = client.post(f"/projects/{view.id}/correct?lang={lang}", data=_correction(view, "-3"))
    assert refused.status_code == 422
    page = refused.get_data(as_text=True)
    summary = page.split('class="form-error"')[1].split("</div>")[0]
    assert said in text_of(summary) and 'value="-3"' in _amount_field(page)
    assert said.split("：" if lang != "en" else ": ")[1] in text_of(page.split(_amount_field(page))[1][:400])
    after = project_view(session, view.id)
    assert (after.subsidy_approved_wan_yuan, after.version) == (Decimal(100), view.version)
