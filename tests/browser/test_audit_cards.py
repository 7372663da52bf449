"""The audit trail on a phone (360 px): each entry is a card of two lines, whole at the screen's width,
its changes a tap away; a desk keeps the six columns."""
from __future__ import annotations

import pytest

from tests.browser.conftest import save_screenshot, settled, signed_in

pytestmark = pytest.mark.browser

PHONE = {"width": 360, "height": 740}
ROWS = "table.audit-trail > tbody > tr"
# Each row's height (rows without a note: a note adds its own lines), the right edge of what it
# shows, and how far the table's box scrolls sideways.
MEASURE_JS = """() => ({
  heights: [...document.querySelectorAll('table.audit-trail > tbody > tr')]
    .filter(r => !(r.querySelector('td.prose')?.textContent.trim())).map(r => r.getBoundingClientRect().height),
  rights: [...document.querySelectorAll('table.audit-trail > tbody > tr *')].filter(e => e.checkVisibility())
    .map(e => e.getBoundingClientRect().right),
  hidden: (b => b.scrollWidth - b.clientWidth)(document.querySelector('.table-scroll')),
})"""
LONG_NOTE = "退回：请补充上一年度能源消费台账（电力、天然气、蒸汽），并核对统一社会信用代码与营业执照是否一致后重新提交。"


def test_an_entry_on_a_phone_is_a_short_card_with_everything_in_sight(browser, live_server):
    context, page = signed_in(browser, live_server, PHONE, has_touch=True)
    # the demo's redevelopment plans: entries of one shape, whatever the other browser tests sharing
    # this database logged before (a split's or an upload's entry may stand taller: in clean-clone
    # runs one came first at 94 px)
    settled(page, live_server + "/audit?entity=parcel&action=plan_redevelopment")
    assert page.locator(ROWS).count() > 0
    seen = page.evaluate(MEASURE_JS)
    # six columns scrolled sideways in their box (changes and note out of sight), each row 84 px tall
    assert seen["hidden"] == 0 and max(seen["rights"]) <= PHONE["width"], seen
    assert seen["heights"] and max(seen["heights"]) <= 72, seen["heights"]
    first = page.locator(ROWS).first
    assert page.locator("table.audit-trail > thead").is_hidden()
    # a long note wraps in the card's width, after its name
    first.locator("td.prose").evaluate("(td, note) => { td.textContent = note; }", LONG_NOTE)
    first.locator("summary").tap()
    assert first.locator("details table").is_visible()
    seen = page.evaluate(MEASURE_JS)
    assert seen["hidden"] == 0 and max(seen["rights"]) <= PHONE["width"], seen
    label = first.locator("td.prose").evaluate("td => getComputedStyle(td, '::before').content")
    assert label == '"备注："'
    save_screenshot(page, "audit-trail-phone-cards")
    context.close()


def test_a_desk_keeps_the_trails_columns(browser, live_server):
    context, page = signed_in(browser, live_server, {"width": 1366, "height": 768})
    settled(page, live_server + "/audit?entity=parcel")
    assert page.locator("table.audit-trail > thead").is_visible()
    cells = page.locator(ROWS).first.locator("> td").evaluate_all("tds => tds.map(td => getComputedStyle(td).display)")
    assert cells == ["table-cell"] * 6
    context.close()
