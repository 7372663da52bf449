"""The rollup dashboard in Chromium with demo data: Chinese labels, charts, the map, offline."""
from __future__ import annotations

import pytest

from tests.browser.conftest import log_in, page_scroll_width, requests_elsewhere, save_screenshot, settled, signed_in

pytestmark = pytest.mark.browser


def test_dashboard_renders_chinese_charts_and_map_offline(page, live_server):
    log_in(page, live_server, "planner")
    page.goto(live_server + "/rollups?year=2013")
    page.wait_for_load_state("networkidle")
    assert page.locator("h1").first.inner_text().startswith("2013 年度汇总")
    assert page.locator("table.progress").inner_text().count("产业结构调整项目") == 1
    assert page.locator("svg.chart:visible").count() == 3  # the compact ones are for a phone
    assert page.locator(".rollup-map .leaflet-interactive").count() >= 16  # every district drawn
    # the chart's Chinese title is laid out with a CJK font: a tofu box would have a fallback width
    shown = "[...document.querySelectorAll('.chart-box svg.chart')].find(svg => svg.getClientRects().length)"
    width = page.evaluate(f"() => {shown}.querySelector('text').getBBox().width")
    assert width > 50
    fonts = page.evaluate("() => document.fonts.check('14px \"Noto Sans CJK SC\"', '各区节能量')")
    assert fonts
    # The district bars have the page's width: in half of it (0.79) their 11-px names were drawn at 8.6 px.
    # They fill it (at 1280 px the chart stopped at 900 of ~1,200 px) with the wide screen's drawing,
    # whose labels are not blown up to fill it (the desktop's were 1.6 times their size there).
    width, box, scale = page.evaluate(f"() => {{ const svg = {shown}, width = svg.getBoundingClientRect().width;"
                                      " return [width, svg.parentElement.clientWidth, width / svg.viewBox.baseVal.width]; }")
    assert width >= box - 1 and 0.9 <= scale <= 1.3, (width, box, scale)
    save_screenshot(page, "rollup-dashboard-zh")
    assert requests_elsewhere(page, live_server) == []
    page.locator("table.progress a").first.click()
    page.wait_for_load_state("networkidle")
    assert "汇总所含项目" in page.locator("h1").inner_text()


# Where a figure's decimal point is (or would be) on the screen: at the room kept for its missing
# decimals (display.aligned), else at its last "." — or its right edge when it has no decimals at all.
POINTS = """(cells) => cells.map((cell) => {
  const room = cell.querySelector('.decimal-room');
  if (room) return room.getBoundingClientRect().left;
  const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
  let last = null, node;
  while ((node = walker.nextNode())) if (node.textContent.includes('.')) last = node;
  if (!last) return null;
  const range = document.createRange(), at = last.textContent.lastIndexOf('.');
  range.setStart(last, at); range.setEnd(last, at + 1);
  return range.getBoundingClientRect().left;
})"""


def test_targets_as_entered_line_up_at_their_decimal_points(page, live_server):
    # 2017's plan: 1,000 projects, 1–1.5 %, 68 亿元/km², 61 %: whole targets keep the room of ".5"
    log_in(page, live_server, "planner")
    page.goto(live_server + "/rollups?year=2017")
    cells = page.locator("table.progress tbody tr td:nth-child(2)")
    texts = [t.strip() for t in cells.all_inner_texts() if t.strip() != "—"]
    assert {"1,000", "1–1.5", "68", "61"} <= set(texts), texts  # as entered: not 1,000.0 or 68.0
    points = [x for x in page.eval_on_selector_all("table.progress tbody tr td:nth-child(2)", POINTS) if x is not None]
    assert len(points) >= 4 and max(points) - min(points) < 1, points
    # the room is drawn, not text: a reader copying the table copies 1,000, not 1,000.0
    copied = page.evaluate("() => { const s = getSelection(); s.selectAllChildren("
                           "document.querySelector('table.progress')); return s.toString(); }")
    assert "1,000" in copied and "1,000.0" not in copied, copied


# Screens from a small phone to a large desktop, both sides of each switch between drawings (boxes of
# 364, 513.5, 708.5, 988 and 1,378 px: the screen less 54 px up to 760, less 70 above), and between.
CHART_SCREENS = sorted({*range(320, 1921, 80), 360, 390, 418, 419, 567, 568, 760, 761, 778, 779, 800, 900, 1024,
                        1058, 1059, 1100, 1199, 1366, 1448, 1449, 1920})
# Each shown chart: its width, its box's, its scale (px per viewBox unit) and the texts drawn outside it.
SHOWN_CHARTS_JS = """() => [...document.querySelectorAll('.chart-box svg.chart')].filter(svg => svg.getClientRects().length)
  .map(svg => { const box = svg.getBoundingClientRect();
    const outside = [...svg.querySelectorAll('text')].filter(t => { const r = t.getBoundingClientRect();
      return r.left < box.left - 1 || r.right > box.right + 1 || r.top < box.top - 1 || r.bottom > box.bottom + 1; });
    return {units: svg.viewBox.baseVal.width, width: box.width, box: svg.closest('.chart-box').clientWidth,
            scale: box.width / svg.viewBox.baseVal.width, outside: outside.map(t => t.textContent)}; })"""


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_at_every_screen_width_each_chart_fills_its_panel_with_labels_at_their_size(browser, live_server, lang):
    # Between 1,060 and 1,199 px the 760-unit drawing stopped at 988 px, 12 % short of its panel; a
    # compact one was drawn 2.2 times its size at 760 px and its labels at 9 px at 320. Opened once,
    # laid out at each width (which drawing shows is CSS alone).
    context, page = signed_in(browser, live_server, {"width": 1280, "height": 900}, lang, user="planner")
    settled(page, live_server + "/rollups?year=2013")
    for width in CHART_SCREENS:
        page.set_viewport_size({"width": width, "height": 900})
        charts = page.evaluate(SHOWN_CHARTS_JS)
        where = f"{lang} at {width} px: {charts}"
        assert len(charts) == 3 and page_scroll_width(page) <= width, where
        for chart in charts:
            assert chart["width"] >= 0.97 * chart["box"] and chart["width"] <= chart["box"] + 1, where
            # its 12-unit labels at 11 px at least (the 11-unit names at 10, as on a phone), none above 1.3 times
            assert 12 * chart["scale"] >= 11 and chart["scale"] <= 1.3, where
            assert chart["outside"] == [], where
    context.close()


def test_an_enterprise_page_shows_one_drawing_of_its_consumption_chart(page, live_server, db):
    # charts.css picks one of a chart's six drawings by its box's width; a page that drew a chart
    # without linking it showed all six, one under another
    enterprise = db("SELECT min(e.id) FROM enterprises e JOIN energy_monitoring m ON m.credit_code = e.credit_code")
    log_in(page, live_server, "reviewer")
    page.goto(f"{live_server}/enterprises/{enterprise}")
    assert page.locator("svg.chart").count() == 6
    assert page.locator("svg.chart:visible").count() == 1
