"""The search box in Chromium: "/" brings the cursor to it (not while typing elsewhere), typed text
lists the matches, a whole reference opens its project, and on a phone (390 px) the folded menu
opens to show it at the screen's width."""
from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest

from tests.browser.conftest import page_scroll_width, save_screenshot, signed_in

pytestmark = pytest.mark.browser

LAPTOP = {"width": 1366, "height": 768}
SMALL_LAPTOP = {"width": 1280, "height": 768}
PHONE = {"width": 390, "height": 844}


def active(page, script: str):
    return page.evaluate(f"(e => {script})(document.activeElement)")


@pytest.fixture(scope="module")
def fragment(db) -> str:
    """Four characters inside an enterprise's name (after 上海), so they are found anywhere."""
    return db("SELECT substr(name, 3, 4) FROM enterprises e JOIN projects p ON p.enterprise_id = e.id "
              "WHERE p.status = 'verified' ORDER BY e.id LIMIT 1")


def test_slash_brings_the_cursor_to_the_box_and_enter_lists_the_matches(browser, live_server, fragment):
    context, page = signed_in(browser, live_server, LAPTOP)
    page.goto(live_server + "/rollups?year=2013")
    page.keyboard.press("/")
    assert active(page, "e.id") == "topbar-q"
    page.keyboard.type(fragment)  # the "/" itself was not typed into it
    assert page.input_value("#topbar-q") == fragment
    page.keyboard.press("Enter")
    page.wait_for_url("**/search?q=*")
    assert parse_qs(urlsplit(page.url).query)["q"] == [fragment]
    first = page.locator("#found-projects + ol.search-hits li a").first
    assert fragment in first.inner_text() or fragment in page.locator("#found-projects + ol .search-meta").first.inner_text()
    assert page.locator("ol.search-hits mark").first.inner_text() == fragment
    save_screenshot(page, "search-1366-zh-results")
    # on the search page "/" goes to its own, bigger box, the text selected to be typed over
    page.locator("body").click(position={"x": 5, "y": 300})
    page.keyboard.press("/")
    assert active(page, "e.id") == "search-q"
    assert active(page, "[e.selectionStart, e.selectionEnd]") == [0, len(fragment)]
    first.click()
    page.wait_for_url("**/projects/*")
    context.close()


def test_slash_is_a_character_while_typing_in_a_field(browser, live_server):
    context, page = signed_in(browser, live_server, LAPTOP)
    page.goto(live_server + "/projects")
    page.click("form.filters input[name=q]")
    page.keyboard.type("2013/310115")
    assert page.input_value("form.filters input[name=q]") == "2013/310115"
    assert active(page, "e.closest('main') !== null")
    context.close()


def test_a_whole_reference_typed_on_a_phone_opens_its_project(browser, live_server, db):
    reference, project_id = db("SELECT reference FROM projects WHERE status = 'verified' ORDER BY id LIMIT 1"), \
        db("SELECT id FROM projects WHERE status = 'verified' ORDER BY id LIMIT 1")
    context, page = signed_in(browser, live_server, PHONE)
    page.goto(live_server + "/")
    box = page.locator("#topbar-q")
    assert not box.is_visible()  # in the folded menu
    page.click(".menu-toggle")
    assert box.is_visible()
    bounds = box.bounding_box()
    assert bounds["x"] >= 0 and bounds["x"] + bounds["width"] <= PHONE["width"] and bounds["width"] > 200
    assert page_scroll_width(page) <= PHONE["width"]
    save_screenshot(page, "search-390-zh-menu-open")
    page.keyboard.press("Escape")
    assert not box.is_visible()
    page.keyboard.press("/")  # a phone with a keyboard: the menu opens with the cursor in the box
    assert box.is_visible() and active(page, "e.id") == "topbar-q"
    page.keyboard.type(f" {reference.lower()}\u3000")
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/projects/{project_id}")
    context.close()


@pytest.mark.parametrize("lang, label, placeholder", [("zh", "查找", "项目、企业、地块编号…"),
                                                      ("en", "Find", "Project, enterprise, parcel code…")])
def test_the_box_is_named_for_screen_readers_in_the_page_s_language(browser, live_server, lang, label, placeholder):
    context, page = signed_in(browser, live_server, PHONE, lang)
    page.goto(live_server + "/land/freed")
    page.click(".menu-toggle")
    box = page.get_by_role("searchbox", name=label, exact=True)
    assert box.get_attribute("placeholder") == placeholder and box.is_visible()
    assert page.get_by_role("search").first.get_by_role("button", name=label, exact=True).is_visible()
    page.goto(live_server + "/search")
    assert page.locator(".search-empty").is_visible()  # nothing typed: the page says what to type
    context.close()


def test_a_laptop_in_chinese_shows_the_box_in_the_bar_s_one_row(browser, live_server):
    context, page = signed_in(browser, live_server, LAPTOP, user="reviewer")
    page.goto(live_server + "/projects")
    assert page.locator("#topbar-q").is_visible()
    assert page.locator(".topbar").bounding_box()["height"] <= 50
    assert page.locator(".topbar-search button").get_attribute("aria-expanded") is None
    context.close()


def test_a_laptop_in_english_opens_the_box_under_the_bar_from_its_button(browser, live_server, fragment):
    """In English a reviewer's bar leaves no room for the box at 1280 px, even with the registry's short
    name: it folds behind its button, and the bar keeps its one row (js/topbar.js; at 1366 px the short
    name leaves room for the box in the bar)."""
    context, page = signed_in(browser, live_server, SMALL_LAPTOP, "en", user="reviewer")
    page.goto(live_server + "/projects")
    button = page.get_by_role("search").first.get_by_role("button", name="Find", exact=True)
    assert not page.locator("#topbar-q").is_visible() and button.get_attribute("aria-expanded") == "false"
    assert page.locator(".topbar").bounding_box()["height"] <= 50
    button.click()
    assert active(page, "e.id") == "topbar-q" and button.get_attribute("aria-expanded") == "true"
    box, bar = page.locator("#topbar-q").bounding_box(), page.locator(".topbar").bounding_box()
    assert box["y"] >= bar["y"] + bar["height"] and box["x"] + box["width"] <= SMALL_LAPTOP["width"]  # under the bar
    save_screenshot(page, "search-1280-en-compact-open")
    page.keyboard.press("Escape")
    assert not page.locator("#topbar-q").is_visible() and active(page, "e.getAttribute('aria-expanded')") == "false"
    page.keyboard.press("/")
    assert active(page, "e.id") == "topbar-q"
    page.keyboard.type(fragment)
    page.keyboard.press("Enter")
    page.wait_for_url("**/search?q=*")
    assert page.locator("ol.search-hits mark").first.inner_text() == fragment
    context.close()
