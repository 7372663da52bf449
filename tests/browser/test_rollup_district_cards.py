"""The rollup's by-district table (年度汇总, 按区) on a phone: a card per district, its name on a line
of its own and each figure after its column's name, whole at the screen's width; a desk keeps the
table. At 390 px its four or five columns scrolled sideways in their box, the savings out of sight."""
from __future__ import annotations

import pytest

from tests.browser.conftest import page_scroll_width, save_screenshot, settled, signed_in

pytestmark = pytest.mark.browser

TABLE = "table.by-district"
# how far the table's box scrolls sideways, the right edge of everything its rows show, whether its
# head shows, and what the first district's figures say before them
MEASURE_JS = """(selector) => { const table = document.querySelector(selector);
  const shown = [...table.querySelectorAll('tbody tr *')].filter(e => e.checkVisibility())
    .map(e => e.getBoundingClientRect()).filter(r => r.width > 0);
  const cells = [...table.querySelectorAll('tbody tr:first-child td')];
  return {hidden: (b => b.scrollWidth - b.clientWidth)(table.closest('.table-scroll')),
          right: Math.max(...shown.map(r => r.right)), head: table.tHead.checkVisibility(),
          labels: cells.map(td => getComputedStyle(td, '::before').content)}; }"""


@pytest.mark.parametrize("lang, label", [("zh", "项目："), ("en", "Projects: ")])
def test_on_a_phone_each_district_is_a_card_whole_in_sight_and_a_desk_keeps_the_table(browser, live_server, lang, label):
    context, page = signed_in(browser, live_server, {"width": 390, "height": 844}, lang, user="planner")
    settled(page, live_server + "/rollups?year=2017")
    phone = page.evaluate(MEASURE_JS, TABLE)
    assert phone["hidden"] == 0 and phone["right"] <= 390 and page_scroll_width(page) <= 390, phone
    assert not phone["head"] and f'"{label}"' in phone["labels"], phone  # each figure after its column's name
    assert page.locator(f"{TABLE} tbody tr").count() == 17  # the 16 districts and the total
    save_screenshot(page, f"rollup-district-cards-{lang}")
    page.set_viewport_size({"width": 1366, "height": 900})  # what shows is CSS alone
    desk = page.evaluate(MEASURE_JS, TABLE)
    assert desk["head"] and desk["hidden"] == 0, desk
    context.close()
