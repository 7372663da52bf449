"""A year typed with the letter O (2O23) into the project list's year filter is said beside the
field after 查询, the text kept: the field was an <input type=number>, which Chromium keeps from
taking the letter (223 was searched) or sends as nothing, and the list passed over what it could
not read without a word. tests/web/test_year_fields.py checks every page's markup."""
from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import save_screenshot, settled, signed_in

pytestmark = pytest.mark.browser


def test_a_year_typed_with_a_letter_o_is_said_beside_the_filter(browser, live_server):
    context, page = signed_in(browser, live_server, {"width": 1280, "height": 800})
    settled(page, live_server + "/projects")
    year = page.locator("form.filters input[name=year]")
    year.press_sequentially("2O23")
    expect(year).to_have_value("2O23")  # the letter stays: the server, not the browser, reads the text
    with page.expect_navigation():
        page.locator("form.filters button[type=submit]").click()
    message = page.locator("#year-error")
    expect(message).to_have_text("必须是数字，实际为“2O23”")
    expect(year).to_have_value("2O23")
    expect(year).to_have_attribute("aria-invalid", "true")
    expect(year).to_have_attribute("aria-describedby", "year-error")
    # beside the field: on its row, right of it, not under the whole form
    field, said = year.bounding_box(), message.bounding_box()
    assert said["x"] >= field["x"] + field["width"] - 1 and said["y"] < field["y"] + field["height"], (field, said)
    expect(page.locator("table.project-list tbody tr").first).not_to_have_text("没有符合筛选条件的项目")
    save_screenshot(page, "year-filter-refused")
    context.close()
