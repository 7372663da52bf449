"""The workflow card's 批准补贴（万元）: shown to whoever may approve or verify, filled with the amount
recorded, taken with the step, refused at the field with nothing written, in both languages."""
from __future__ import annotations

import json
import re
from decimal import Decimal

import pytest

from tests.conftest import TEST_PASSWORD
from tests.web.page_text import section, text_of
from tests.web.project_form import form, project_view
from tests.web.test_subsidy_estimate import SAVED_2017

pytestmark = pytest.mark.usefixtures("districts")


@pytest.fixture
def sign_in(client, login):
    """``sign_in("city_reviewer")``: the client signed in as that role's user, made the first time."""
    made: set[tuple] = set()

    def as_role(role: str, district_code: str | None = None) -> None:
        if (role, district_code) in made:
            response = client.post("/login", data={"username": f"{role}-{district_code or 'city'}",
                                                   "password": TEST_PASSWORD})
            assert response.status_code == 302
        else:
            login(role, district_code)
            made.add((role, district_code))

    return as_role


def _submitted(client, sign_in, **fields) -> int:
    """A project submitted by Pudong's staff, then the client signed in as a city reviewer."""
    sign_in("district_staff", "310115")
    response = client.post("/projects/new", data=form(save="submit", new_parcels="[]", **fields))
    assert response.status_code == 302, response.get_data(as_text=True)[:2000]
    sign_in("city_reviewer")
    return int(response.headers["Location"].rsplit("/", 1)[1])


def _workflow(html: str) -> str:
    """The workflow card's HTML ("" where the page has none: a reader who may take no step)."""
    card = re.search(r'<section class="card workflow">(.*?)</section>', html, re.S)
    return card.group(1) if card else ""


def _amount_field(html: str) -> str | None:
    found = re.search(r'<input name="subsidy_approved_wan_yuan"[^>]*>', _workflow(html))
    return found.group(0) if found else None


def test_a_reviewer_records_the_amount_with_the_approval_and_the_history_shows_it(client, sign_in, session):
    project_id = _submitted(client, sign_in)
    page = client.get(f"/projects/{project_id}").get_data(as_text=True)
    assert "批准补贴（万元）" in text_of(_workflow(page)) and 'value=""' in _amount_field(page)
    english = client.get(f"/projects/{project_id}?lang=en").get_data(as_text=True)
    assert "Subsidy approved (10,000 yuan)" in text_of(_workflow(english))
    response = client.post(f"/projects/{project_id}/transition?lang=zh_Hans_CN",
                           data={"action": "approve", "subsidy_approved_wan_yuan": "1,250.5"})
    assert response.status_code == 302
    assert project_view(session, project_id).subsidy_approved_wan_yuan == Decimal("1250.5")
    page = client.get(f"/projects/{project_id}?lang=zh_Hans_CN").get_data(as_text=True)
    assert "申请补贴 — 批准补贴 1,250.50 万元" in text_of(page)  # a motor upgrade: no estimate, its 项目 card says it
    history = section(page, "history")
    assert "批准 2 个字段有变化 字段 修改前 修改后 状态 已提交 已批准 批准补贴 — 1,250.50 万元" in history  # one entry


def test_only_approving_and_verifying_show_it_filled_in_and_returning_with_it_leaves_it(client, sign_in, session):
    project_id = _submitted(client, sign_in)
    client.post(f"/projects/{project_id}/transition", data={"action": "approve", "subsidy_approved_wan_yuan": "12"})
    assert _amount_field(client.get(f"/projects/{project_id}").get_data(as_text=True)) is None  # approved: return only
    sign_in("district_staff", "310115")
    page = client.get(f"/projects/{project_id}").get_data(as_text=True)
    assert 'value="complete"' in _workflow(page) and _amount_field(page) is None  # the district's card has none
    client.post(f"/projects/{project_id}/transition", data={"action": "complete"})
    sign_in("city_reviewer")
    assert 'value="12"' in _amount_field(client.get(f"/projects/{project_id}").get_data(as_text=True))
    # the card's one form sends the filled-in amount with every button: returning takes none
    response = client.post(f"/projects/{project_id}/transition",
                           data={"action": "return", "comment": "补充验收报告", "subsidy_approved_wan_yuan": "99"})
    assert response.status_code == 302
    view = project_view(session, project_id)
    assert (view.status, view.subsidy_approved_wan_yuan) == ("returned", 12)


@pytest.mark.parametrize(("lang", "said"), [
    ("zh_Hans_CN", "批准补贴（万元）：不能为负数，实际为“-3”"),
    ("en", "Subsidy approved (10,000 yuan): must not be negative, got “-3”"),
])
def test_a_bad_amount_is_said_at_the_field_which_keeps_it_and_nothing_is_written(client, sign_in, session, lang, said):
    project_id = _submitted(client, sign_in)
    response = client.post(f"/projects/{project_id}/transition?lang={lang}",
                           data={"action": "approve", "subsidy_approved_wan_yuan": "-3", "comment": ""})
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert re.search(rf'<p class="form-error" role="alert" id="workflow-error">{re.escape(said)}</p>', _workflow(page)), \
        text_of(_workflow(page))
    field = _amount_field(page)
    assert 'value="-3"' in field and "autofocus" in field and 'aria-invalid="true"' in field
    assert "autofocus" not in re.search(r"<textarea name=\"comment\"[^>]*>", page).group(0)
    view = project_view(session, project_id)
    assert (view.status, view.subsidy_approved_wan_yuan) == ("submitted", None)


def test_the_flash_says_an_amount_approved_where_none_was_requested(client, sign_in):
    """1,500 万元 approved for an audit whose district requested nothing (and no rule estimates) was
    taken without a word: the notes compared with a request or an estimate, and there was neither."""
    project_id = _submitted(client, sign_in, kind="cleaner_production", inputs=json.dumps(
        {"kind": "cleaner_production", "year": 2013}), subsidy_requested_wan_yuan="")
    response = client.post(f"/projects/{project_id}/transition",
                           data={"action": "approve", "subsidy_approved_wan_yuan": "1500"}, follow_redirects=True)
    flashes = text_of(re.search(r'<div class="flashes".*?</div>', response.get_data(as_text=True), re.S).group(0))
    assert "批准补贴 1,500.00 万元，而区里未申请补贴。" in flashes
    nothing = _submitted(client, sign_in, kind="cleaner_production", inputs=json.dumps(
        {"kind": "cleaner_production", "year": 2013}), subsidy_requested_wan_yuan="")
    granted_none = client.post(f"/projects/{nothing}/transition",  # 0: the city grants nothing, nothing to say
                               data={"action": "approve", "subsidy_approved_wan_yuan": "0"}, follow_redirects=True)
    assert "未申请补贴" not in granted_none.get_data(as_text=True)


def test_the_flash_says_an_amount_above_the_estimate_and_the_request(client, sign_in):
    # 154.5 tce × 600 元/tce = 9.27 万元 by the rule of 2017 (test_subsidy_estimate.py)
    project_id = _submitted(client, sign_in, kind="technical_retrofit", year="2017", inputs=json.dumps(SAVED_2017),
                            subsidy_requested_wan_yuan="10")
    response = client.post(f"/projects/{project_id}/transition?lang=en",
                           data={"action": "approve", "subsidy_approved_wan_yuan": "11"}, follow_redirects=True)
    text = text_of(response.get_data(as_text=True))
    assert "The approved subsidy, 11.00 10k yuan, is more than the estimate by the city's rule, 9.27 10k yuan." in text
    assert "The approved subsidy, 11.00 10k yuan, is more than the 10.00 10k yuan requested." in text
    within = _submitted(client, sign_in, kind="technical_retrofit", year="2017", inputs=json.dumps(SAVED_2017),
                        subsidy_requested_wan_yuan="10")
    quiet = client.post(f"/projects/{within}/transition?lang=zh_Hans_CN",
                        data={"action": "approve", "subsidy_approved_wan_yuan": "9"}, follow_redirects=True)
    assert "超过" not in text_of(re.search(r'<div class="flashes".*?</div>', quiet.get_data(as_text=True), re.S).group(0))
