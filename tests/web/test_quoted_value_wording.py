"""The last messages with a shape of their own say a value as ``UNKNOWN_VALUE`` does (registry/domain/
errors.py): an unknown energy, unit or workflow step is 未知取值“…”（可选：…）, its choices named as
the pages name them (the API's step had listed Python's Transition(...) objects), and a number or a
day that does not read is quoted in the reader's quotation marks, not with Python's repr ('…')."""
from __future__ import annotations

import html

import pytest

from tests.web.project_form import form

pytestmark = pytest.mark.usefixtures("districts")

STEP_SAID = "未知取值“fly”（可选：提交审核（submit）、"


def _error_summary(response) -> str:
    return html.unescape(response.get_data(as_text=True).split('class="form-error"')[1].split("</div>")[0])


# a day and a number that do not read; the bounds of an amount, which had named the value bare
# (不能为负数，实际为 -5), quote it as a number that does not read
@pytest.mark.parametrize("typed, said", [
    ({"planned_completion": "31/12/2020", "investment_wan_yuan": "abc"},
     ["：必须是 YYYY-MM-DD 格式的日期，实际为“31/12/2020”", "投资（万元）：必须是数字，实际为“abc”"]),
    ({"investment_wan_yuan": "-5", "output_value_wan_yuan": "1e999999"},
     ["投资（万元）：不能为负数，实际为“-5”", "：不得大于 1,000,000,000,000，实际为“1e999999”"]),
])
def test_the_registration_form_quotes_the_value_it_refuses(client, login, typed, said):
    login("district_staff", "310115")
    refused = client.post("/projects/new", data=form(**typed))
    assert refused.status_code == 422
    summary = _error_summary(refused)
    assert [line for line in said if line not in summary] == [], summary


def test_the_project_page_names_the_steps_of_an_unknown_one(client, login):
    login("district_staff", "310115")
    project = client.post("/projects/new", data=form()).headers["Location"]
    refused = client.post(project + "/transition", data={"action": "fly", "version": "1"})
    assert refused.status_code == 422
    assert STEP_SAID in html.unescape(refused.get_data(as_text=True))


def test_the_new_project_page_quotes_a_template_that_is_no_project_id(client, login):
    login("district_staff", "310115")
    refused = client.get("/projects/new?from=12a&lang=en")  # said above an empty wizard
    assert "must be the id of a project (a whole number), got “12a”" in html.unescape(refused.get_data(as_text=True))
