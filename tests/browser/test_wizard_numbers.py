"""The wizard in a real Chromium keeps every digit of a number: typed, posted, shown again in the
edit form and saved again, not rounded to the ~16 digits of a JavaScript number."""
from __future__ import annotations

import re

import pytest

from tests.browser.wizard import fill_motor_group, start_registration

pytestmark = pytest.mark.browser

SAVE = "button[name=save][value=draft]"
RATED_KW = "55.12345678901234567891"  # 22 significant digits
RATED_KW_FIELD = "input[name=motor-0-rated_kw]"
STORED = "SELECT inputs #>> '{motors,0,rated_kw}' FROM projects WHERE title = :t"


def save_draft(page) -> None:
    page.click("#steps-nav button[data-step='5']")
    with page.expect_navigation(url=re.compile(r"/projects/\d+$")):
        page.click(SAVE)


def test_a_rated_power_keeps_every_digit_through_the_wizard_and_its_edit_form(page, live_server, db):
    title = "浏览器测试：22 位有效数字"
    start_registration(page, live_server, title)
    page.click("#next")  # no parcel: on to the energy data
    fill_motor_group(page, rated_kw=RATED_KW)
    page.wait_for_selector(".preview-value")
    save_draft(page)
    assert db(STORED, t=title) == RATED_KW

    page.goto(page.url + "/edit")
    page.click("#steps-nav button[data-step='4']")
    assert page.input_value(RATED_KW_FIELD) == RATED_KW
    save_draft(page)
    assert db(STORED, t=title) == RATED_KW
