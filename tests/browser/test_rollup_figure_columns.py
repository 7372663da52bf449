"""The rollup dashboard's figures read down their columns: on a desk each figure's heading stands over
its figures (right-aligned as they are), on a phone each district card has a figure a line, in the
same place in every card."""
from __future__ import annotations

import pytest

from tests.browser.conftest import save_screenshot, settled, signed_in

pytestmark = pytest.mark.browser

# Per table: for each column whose first body cell is a figure (td.num), the right edge of its
# heading's text and of that figure's text (a Range over each: the cells themselves are one width).
HEADS_JS = """(selector) => { const text = el => { const r = document.createRange(); r.selectNodeContents(el);
    return Math.max(...[...r.getClientRects()].map(q => q.right)); };
  return [...document.querySelectorAll(selector)].filter(t => t.checkVisibility()).flatMap(table => {
    const heads = [...table.tHead.rows[0].cells], row = table.tBodies[0].rows[0];
    return [...row.cells].map((td, i) => [td, heads[i]]).filter(([td]) => td.classList.contains('num'))
      .map(([td, th]) => ({table: table.className, head: th.textContent.trim(), th: text(th), td: text(td)})); }); }"""
# Each district card's cells' tops, in order.
CARDS_JS = """() => [...document.querySelectorAll('table.by-district tbody tr')].map(tr =>
  ({name: tr.cells[0].textContent.trim(), tops: [...tr.cells].filter(td => td.checkVisibility())
     .map(td => Math.round(td.getBoundingClientRect().top))}))"""


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_figures_heading_stands_over_its_figures(browser, live_server, lang):
    # The headings were left-aligned over right-aligned figures: 目标 and 项目 stood at their column's
    # left, the figures at its right, 50–180 px apart at 1366 px.
    context, page = signed_in(browser, live_server, {"width": 1366, "height": 900}, lang, user="planner")
    settled(page, live_server + "/rollups?year=2017")
    columns = page.evaluate(HEADS_JS, "table.progress, table.figures")
    assert {c["table"].split()[-1] for c in columns} >= {"progress", "figures", "by-district", "subsidies"}, columns
    assert [c for c in columns if abs(c["th"] - c["td"]) > 2] == [], columns
    context.close()


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_each_district_card_has_a_figure_a_line(browser, live_server, lang):
    # At 390 px 虹口区's 1 project pulled its 当量值 up beside the count, at 700 px (still cards) every
    # card's did: the figures stood at different places from card to card.
    context, page = signed_in(browser, live_server, {"width": 700, "height": 900}, lang, user="planner")
    settled(page, live_server + "/rollups?year=2017")
    cards = page.evaluate(CARDS_JS)
    assert len(cards) == 17 and all(len(c["tops"]) >= 4 for c in cards), cards  # name, count, two savings
    assert [c for c in cards if c["tops"] != sorted(set(c["tops"]))] == [], cards
    save_screenshot(page, f"rollup-district-cards-700-{lang}")
    context.close()
