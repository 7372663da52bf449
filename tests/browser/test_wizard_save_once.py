"""The wizard's save buttons in a real Chromium: a double click posts once and registers one
project; the buttons come back when the page is shown again from the back-forward cache. And the
draft is deleted from its page after the browser's own question."""
from __future__ import annotations

import re

import pytest

from tests.browser.conftest import Dialogs, flash, save_screenshot
from tests.browser.wizard import fill_motor_group, start_registration

pytestmark = pytest.mark.browser

SAVE = "button[name=save][value=draft]"
SAVE_BUTTONS = "#wizard button[type=submit]"


def open_review_step(page, live_server: str, title: str) -> None:
    start_registration(page, live_server, title)
    page.click("#next")  # no parcel: on to the energy data
    fill_motor_group(page)
    page.wait_for_selector(".preview-value")
    page.click("#next")


def test_a_double_click_on_save_posts_once_and_registers_one_project(page, live_server, db):
    title = "浏览器测试：双击保存草稿"
    open_review_step(page, live_server, title)
    posts = []
    page.on("request", lambda r: posts.append(r.url) if r.method == "POST" and r.url.endswith("/projects/new") else None)
    box = page.locator(SAVE).bounding_box()
    x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
    # A person's double click: the second click comes while the first post is under way (the clicks
    # of Playwright's dblclick come before the browser sends it, and the second replaces it).
    page.mouse.click(x, y)
    page.wait_for_timeout(40)
    page.mouse.click(x, y)
    page.wait_for_url(re.compile(r"/projects/\d+$"))
    page.wait_for_load_state("networkidle")
    assert len(posts) == 1, posts
    assert db("SELECT count(*) FROM projects WHERE title = :t", t=title) == 1
    assert flash(page) == f"项目 {db('SELECT reference FROM projects WHERE title = :t', t=title)} 已登记为草稿。"


def test_the_buttons_wait_while_the_post_is_under_way_and_come_back_with_the_page(page, live_server):
    open_review_step(page, live_server, "浏览器测试：返回后可再保存")
    # An answer that keeps the page (204) stands for a post still under way.
    page.route("**/projects/new", lambda route: route.fulfill(status=204) if route.request.method == "POST"
               else route.continue_())
    page.click(SAVE)
    page.wait_for_function(f"() => [...document.querySelectorAll('{SAVE_BUTTONS}')].every((b) => b.disabled)")
    page.evaluate("window.dispatchEvent(new PageTransitionEvent('pageshow', {persisted: true}))")
    assert page.eval_on_selector_all(SAVE_BUTTONS, "(buttons) => buttons.map((b) => b.disabled)") == [False, False]


def test_staff_delete_the_draft_from_its_page_after_the_question(page, live_server, db):
    title = "浏览器测试：误建的草稿"
    open_review_step(page, live_server, title)
    with page.expect_navigation(url=re.compile(r"/projects/\d+$")):
        page.click(SAVE)
    reference = db("SELECT reference FROM projects WHERE title = :t", t=title)
    dialogs = Dialogs(page)
    asked = dialogs.answer(accept=False)
    page.click("button:has-text('删除草稿')")
    page.wait_for_load_state("networkidle")
    assert asked == [f"confirm: 删除草稿 {reference}？此操作无法撤销；其地块仍保留在登记册中。"]
    assert db("SELECT count(*) FROM projects WHERE title = :t", t=title) == 1
    dialogs.answer(accept=True)
    with page.expect_navigation(url=re.compile(r"/projects$")):
        page.click("button:has-text('删除草稿')")
    assert flash(page) == f"草稿 {reference} 已删除。"
    assert db("SELECT count(*) FROM projects WHERE title = :t", t=title) == 0
    save_screenshot(page, "draft-deleted")
