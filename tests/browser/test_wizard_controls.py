"""The registration wizard's controls in Chromium: a control that does not apply is hidden (CSS
`display` had overridden the `hidden` attribute), and the step list works from the keyboard."""
from __future__ import annotations

import pytest

from tests.browser.conftest import log_in, save_screenshot

pytestmark = pytest.mark.browser


def open_wizard(browser, live_server):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN")
    page = context.new_page()
    log_in(page, live_server, "pudong")
    page.goto(live_server + "/projects/new")
    return context, page


def test_wizard_shows_only_the_controls_that_apply(browser, live_server):
    context, page = open_wizard(browser, live_server)
    assert not page.is_visible("#prev")  # nothing to go back to on step 1
    assert page.is_visible("#next")
    mode = page.locator("label.sa-only")
    assert not mode.is_visible()
    page.check("input[name=kind][value=motor_upgrade]")
    assert not mode.is_visible()
    page.check("input[name=kind][value=structural_adjustment]")
    assert mode.is_visible()  # 调整方式 belongs to 产业结构调整 only
    page.check("input[name=kind][value=technical_retrofit]")
    assert not mode.is_visible()
    page.click("#steps-nav [data-step='5']")
    assert page.is_visible("#prev") and not page.is_visible("#next")  # nothing after the last step
    save_screenshot(page, "layout-wizard-last-step")
    context.close()


def test_wizard_step_list_works_from_the_keyboard(browser, live_server):
    context, page = open_wizard(browser, live_server)
    page.click("h1")  # the keyboard's starting point, just before the step list
    page.keyboard.press("Tab")
    focused = page.locator("#steps-nav :focus")
    assert focused.count() == 1 and focused.get_attribute("aria-current") == "step"
    assert page.evaluate("document.activeElement.textContent.trim()") == "类型"
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    assert page.locator("section.step[data-step='2']").is_visible()
    assert not page.locator("section.step[data-step='1']").is_visible()
    assert page.locator("#steps-nav [aria-current=step]").inner_text() == "企业"
    for _ in range(3):
        page.keyboard.press("Tab")
    page.keyboard.press("Space")
    assert page.locator("section.step[data-step='5']").is_visible()
    assert page.locator("#steps-nav [aria-current=step]").inner_text() == "核对"
    assert page.locator("#steps-nav [aria-current]").count() == 1
    save_screenshot(page, "layout-wizard-keyboard")
    context.close()
