"""The pages from the keyboard alone: past the top bar in one key, and an irreversible action
asked for and cancelled without a mouse (the wizard's keys: test_wizard_controls.py)."""
from __future__ import annotations

import pytest

from tests.browser.conftest import log_in, save_screenshot

pytestmark = pytest.mark.browser


def active(page, script: str):
    return page.evaluate(f"(e => {script})(document.activeElement)")


def test_the_first_tab_offers_to_skip_the_top_bar(page, live_server):
    log_in(page, live_server, "planner")
    page.goto(live_server + "/projects")
    page.keyboard.press("Tab")
    assert active(page, "e.textContent") == "跳到正文"
    assert active(page, "e.getBoundingClientRect().top") >= 0  # shown once focused
    save_screenshot(page, "keyboard-skip-link")
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")  # the content's first control, not the top bar's ten links: the page's help
    assert active(page, "e.className") == "help-link screen-only" and active(page, "e.closest('main') !== null")
    page.keyboard.press("Tab")  # then its first field
    assert active(page, "e.name") == "q" and active(page, "e.closest('main') !== null")


def test_a_question_before_removing_is_asked_and_answered_from_the_keyboard(page, live_server):
    log_in(page, live_server, "admin")
    page.goto(live_server + "/targets?year=2016")
    asked = []
    page.on("dialog", lambda dialog: (asked.append(dialog.message), dialog.dismiss()))
    removable = page.locator("form[action$='/delete']").count()
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")  # the skip link
    for _ in range(40):
        page.keyboard.press("Tab")
        if active(page, "e.textContent") == "移除":
            break
    page.keyboard.press("Enter")
    page.keyboard.press("Space")  # a button answers both keys
    assert len(asked) == 2 and asked[0].startswith("确定移除目标“") and "2016 年" in asked[0]
    page.wait_for_load_state("networkidle")
    assert page.locator("form[action$='/delete']").count() == removable  # Cancel kept the target
    assert active(page, "e.textContent") == "移除"  # and the focus where it was
