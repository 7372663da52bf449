"""The project list's and the audit trail's filters at a desk's width: the most-used ones and the
buttons on one row (at 1280 px the project list's nine controls had wrapped to two untidy rows, the
audit trail's Search button alone on a second row in English), the others behind 更多筛选
(templates/_filter_form.html), open with their number when one is set; and still whole on a phone
and a tablet; a sorted list still sorted after a filter changes. The markup's details are
tests/web/test_more_filters.py's and tests/web/test_kept_order.py's."""
from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import save_screenshot, settled, signed_in

pytestmark = pytest.mark.browser

DESK = {"width": 1280, "height": 800}
SMALLER = {"tablet": {"width": 768, "height": 1024}, "phone": {"width": 390, "height": 844}}
# The fields' labels (the date fields' own inputs are out of sight once js/dates.js shows its own).
MAIN_ROWS = {"/projects": [*(f"label:has([name={name}])" for name in ("q", "district", "kind", "year", "status")),
                           "button[type=submit]", "a.reset"],
             "/audit": [*(f"label:has([name={name}])" for name in ("user", "entity", "action", "since", "until")),
                        "button[type=submit]", "a.reset"]}
# Each selector's box in the page's filter form (null for one it lacks).
BOXES_JS = """selectors => { const form = document.querySelector('main form.filters');
  return selectors.map(s => { const e = form.querySelector(s); if (!e) return null;
    const r = e.getBoundingClientRect(); return {name: s, top: r.top, bottom: r.bottom, left: r.left, right: r.right}; }); }"""
# Every visible control of the form that lies (partly) outside the viewport's width.
OUTSIDE_JS = """() => [...document.querySelectorAll('main form.filters :is(input, select, button, a, summary)')]
  .filter(e => e.checkVisibility()).filter(e => { const r = e.getBoundingClientRect(); return r.left < 0 || r.right > innerWidth; })
  .map(e => e.name || e.textContent.trim())"""


@pytest.fixture(scope="module")
def pages(browser, live_server):
    """A signed-in administrator's page in each language, opened when first asked for."""
    opened = {}

    def page_in(lang: str):
        if lang not in opened:
            opened[lang] = signed_in(browser, live_server, DESK, lang)
        return opened[lang][1]

    yield page_in
    for context, _ in opened.values():
        context.close()


def on_one_row(boxes: list[dict | None]) -> bool:
    """Whether every control is there and all share a line: each one's top above every one's bottom."""
    return None not in boxes and max(b["top"] for b in boxes) < min(b["bottom"] for b in boxes)


@pytest.mark.parametrize("lang, path", [("zh", "/projects"), ("en", "/projects"), ("en", "/audit")])
def test_the_main_filters_and_the_buttons_share_one_row_at_1280_px(pages, live_server, lang, path):
    page = pages(lang)
    page.set_viewport_size(DESK)
    settled(page, live_server + path)
    boxes = page.evaluate(BOXES_JS, MAIN_ROWS[path])
    assert on_one_row(boxes), boxes
    more = page.locator("main form.filters details.more-filters")
    assert more.count() == 1 and more.get_attribute("open") is None  # nothing set: folded
    assert not page.locator("main form.filters select[name=channel], main form.filters select[name=check]").first.is_visible()
    save_screenshot(page, f"filter-row{path.replace('/', '-')}-{lang}")
    for name, size in SMALLER.items():  # a tablet's and a phone's width: the fields wrap, none is cut off
        page.set_viewport_size(size)
        assert page.evaluate(OUTSIDE_JS) == [], (name, path, lang)
        assert page.evaluate("document.scrollingElement.scrollWidth") == size["width"], (name, path, lang)


def test_a_set_secondary_filter_opens_more_filters_with_their_number(pages, live_server):
    page = pages("zh")
    page.set_viewport_size(DESK)
    settled(page, live_server + "/projects?overdue=1")  # the overview's to-do links here
    more = page.locator("main form.filters details.more-filters")
    assert more.count() == 1 and more.get_attribute("open") == ""
    assert more.locator("summary [aria-hidden=true]").inner_text() == "更多筛选（1）"
    assert page.locator("input[name=overdue]").is_checked() and page.locator("input[name=overdue]").is_visible()
    assert page.locator("label.in-use", has=page.locator("input[name=overdue]")).count() == 1
    # the count is heard as words, the visible name first
    assert more.locator("summary").evaluate("s => s.querySelector('.visually-hidden').textContent") == "更多筛选：已设 1 项"
    save_screenshot(page, "filter-row-projects-overdue")
    for name, size in SMALLER.items():  # open, on a tablet and a phone: every field within the width
        page.set_viewport_size(size)
        assert page.evaluate(OUTSIDE_JS) == [], name


def test_a_filter_behind_more_filters_is_reached_by_keyboard_and_filters_the_list(pages, live_server, db):
    page = pages("zh")
    page.set_viewport_size(DESK)
    settled(page, live_server + "/projects")
    summary = page.locator("main form.filters details.more-filters > summary")
    assert summary.count() == 1
    overdue = page.locator("input[name=overdue]")
    assert not overdue.is_visible()
    page.locator("main form.filters a.reset").focus()
    page.keyboard.press("Tab")  # in the Tab order after the buttons
    expect(summary).to_be_focused()
    page.keyboard.press("Enter")  # the native disclosure opens: no script
    expect(overdue).to_be_visible()
    page.keyboard.press("Tab")  # the first field behind it takes the focus next
    expect(overdue).to_be_focused()
    page.keyboard.press("Space")
    with page.expect_navigation():
        page.locator("main form.filters button[type=submit]").click()
    assert "overdue=1" in page.url
    # only the overdue projects: each row with its badge, fewer than all
    rows, badges = page.locator("table.project-list tbody tr"), page.locator("table.project-list .overdue-badge")
    assert 1 <= badges.count() == rows.count() < db("SELECT count(*) FROM projects")
    assert summary.locator("[aria-hidden=true]").inner_text() == "更多筛选（1）"


def test_a_sorted_list_stays_sorted_when_a_filter_changes(pages, live_server):
    """The filter form sends the order the column head chose (templates/_filter_form.html ``kept_order``)."""
    page = pages("zh")
    page.set_viewport_size(DESK)
    settled(page, live_server + "/projects")
    savings = page.locator("table.project-list thead th", has_text="节能量")
    with page.expect_navigation():
        savings.locator("a").click()  # the first click: the largest savings first
    expect(savings).to_have_attribute("aria-sort", "descending")
    page.locator("main form.filters select[name=kind]").select_option("motor_upgrade")
    with page.expect_navigation():
        page.locator("main form.filters button[type=submit]").click()
    assert "kind=motor_upgrade" in page.url
    expect(savings).to_have_attribute("aria-sort", "descending")
    assert page.locator("table.project-list thead th[aria-sort]").count() == 1
    kinds = set(page.locator("table.project-list tbody td.kind").all_inner_texts())
    figures = [float(re.search(r"[\d,.]+", text)[0].replace(",", ""))
               for text in page.locator("table.project-list tbody td.savings").all_inner_texts()]
    assert kinds == {"高效电机推广"} and len(set(figures)) > 1 and figures == sorted(figures, reverse=True)
