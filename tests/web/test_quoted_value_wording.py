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


def test_the_registration_form_quotes_a_day_and_a_number_that_do_not_read(client, login):
    login("district_staff", "310115")
    refused = client.post("/projects/new", data=form(planned_completion="31/12/2020", investment_wan_yuan="abc"))
    assert refused.status_code == 422
    summary = _error_summary(refused)
    assert "：必须是 YYYY-MM-DD 格式的日期，实际为“31/12/2020”" in summary, summary
    assert "投资（万元）：必须是数字，实际为“abc”" in summary, summary


def test_the_project_page_names_the_steps_of_an_unknown_one(client, login):
    login("district_staff", "310115")
    project = client.post("/projects/new", data=form()).headers["Location"]
    refused = client.post(project + "/transition", data={"action": "fly", "version": "1"})
    assert refused.status_code == 422
    assert STEP_SAID in html.unescape(refused.get_data(as_text=True))
