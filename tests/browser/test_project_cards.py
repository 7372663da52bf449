"""The project list on a phone (360 px): each project is a card whole at the screen's width — its
title and badges, reference, kind, year, district, status and savings in sight, its checkbox a thumb
can tick — and the head a row of sort links; a desk keeps the table's columns. At 360 px the nine
columns had scrolled sideways in their box (1,079 px of table in 338), the status and the savings
out of sight."""
from __future__ import annotations

import re
from urllib.parse import quote

import pytest

from tests.browser.conftest import page_scroll_width, save_screenshot, settled, signed_in

pytestmark = pytest.mark.browser

PHONE = {"width": 360, "height": 740}
DESKTOP = {"width": 1280, "height": 860}
ROWS = "table.project-list > tbody > tr"
# How far the list's box scrolls sideways, and the left and right edges of everything a card shows.
MEASURE_JS = """() => {
  const shown = [...document.querySelectorAll('table.project-list > tbody > tr *')].filter(e => e.checkVisibility())
    .map(e => e.getBoundingClientRect()).filter(r => r.width > 0);
  return {hidden: (b => b.scrollWidth - b.clientWidth)(document.querySelector('main .table-scroll')),
          left: Math.min(...shown.map(r => r.left)), right: Math.max(...shown.map(r => r.right))};
}"""
# What a tap at the centre of ``el`` reaches: ``el`` itself or what it holds (nothing lies over it).
REACHED_JS = """el => { const r = el.getBoundingClientRect();
  const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
  return hit === el || el.contains(hit) || hit.contains(el); }"""


def in_sight(locator, width: int = PHONE["width"]) -> bool:
    box = locator.bounding_box()
    return locator.is_visible() and box["x"] >= 0 and box["x"] + box["width"] <= width


def test_on_a_phone_each_project_is_a_card_with_its_fields_and_checkbox_in_sight(browser, live_server, register):
    # one enterprise, kind and year: each is the other's possible double registration
    projects = register("手机卡片测试", 2)
    context, page = signed_in(browser, live_server, PHONE, user="reviewer", has_touch=True)
    settled(page, f"{live_server}/projects?q={quote('手机卡片测试')}&status=submitted")
    assert page_scroll_width(page) <= PHONE["width"]
    seen = page.evaluate(MEASURE_JS)
    assert seen["hidden"] == 0 and seen["left"] >= 0 and seen["right"] <= PHONE["width"], seen
    reference = projects[0][1]
    card = page.locator(ROWS).filter(has_text=reference)
    for part in (card.get_by_role("link", name="手机卡片测试 1"), card.locator("td.reference"), card.locator("td.kind"),
                 card.locator("td.year"), card.locator("td.district"), card.locator(".badge.status-submitted"),
                 card.locator("td.savings"), card.locator(".lookalike-badge")):
        assert in_sight(part), part
    assert card.locator("td.kind").inner_text() == "高效电机推广" and card.locator("td.year").inner_text() == "2013"
    assert card.locator("td.savings").evaluate("td => getComputedStyle(td, '::before').content") == '"节能量（当量值）："'
    assert page.locator("table.project-list > thead th.pick").is_hidden()
    assert card.bounding_box()["height"] < 260  # a card, not a column of one-word lines

    tick = page.get_by_label(f"勾选 {reference} 手机卡片测试 1")
    tick.scroll_into_view_if_needed()
    assert in_sight(tick) and tick.evaluate(REACHED_JS)
    target = card.locator("td.pick label").bounding_box()
    assert min(target["width"], target["height"]) >= 36  # a box a thumb can hit
    tick.tap()
    assert tick.is_checked() and page.inner_text("#batch-count") == "已勾选 1 个项目。"
    assert page.locator("button.batch-approve").is_enabled()
    save_screenshot(page, "project-list-phone-cards")

    # the head is a row of sort links, the pager under the cards
    by_year = page.locator("table.project-list > thead").get_by_role("link", name="年度")
    assert in_sight(by_year)
    with page.expect_navigation():
        by_year.tap()
    assert "sort=year" in page.url
    assert page.locator("table.project-list > thead th[aria-sort]").inner_text().startswith("年度")
    assert in_sight(page.locator("nav.pager"))
    context.close()


def test_on_a_phone_the_demo_s_badges_stay_on_their_cards(browser, live_server):
    context, page = signed_in(browser, live_server, PHONE, has_touch=True)
    settled(page, live_server + "/projects?status=verified")
    for selector in (".illustrative-badge", ".badge.status-verified"):
        badges = page.locator(f"{ROWS} {selector}")
        assert badges.count() > 3
        assert all(in_sight(badges.nth(n)) for n in range(3)), selector
    seen = page.evaluate(MEASURE_JS)
    assert seen["hidden"] == 0 and seen["right"] <= PHONE["width"], seen
    # the demo's approved project past its planned completion (services/demo/projects.py): its days
    # beside its status, in its card
    settled(page, live_server + "/projects?overdue=1")
    overdue = page.locator(f"{ROWS} .overdue-badge")
    assert overdue.count() == 1 and in_sight(overdue) and re.fullmatch(r"逾期 \d+ 天", overdue.inner_text())
    status = page.locator(f"{ROWS} .badge.status-approved").bounding_box()
    assert abs(overdue.bounding_box()["y"] - status["y"]) < 2  # on the status's line
    seen = page.evaluate(MEASURE_JS)
    assert seen["hidden"] == 0 and seen["right"] <= PHONE["width"], seen
    context.close()


def test_a_desk_keeps_the_lists_columns(browser, live_server):
    context, page = signed_in(browser, live_server, DESKTOP, user="reviewer")
    settled(page, live_server + "/projects")
    assert page.locator("table.project-list > thead").is_visible()
    cells = page.locator(ROWS).first.locator("> td").evaluate_all("tds => tds.map(td => getComputedStyle(td).display)")
    assert set(cells) == {"table-cell"} and len(cells) >= 8
    context.close()
