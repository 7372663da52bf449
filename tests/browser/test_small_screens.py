"""Phones (375 × 740) against a desktop (1280 px): the maps' layer list stands under the map,
charts take a phone's width, forms and tables keep their words whole."""
from __future__ import annotations

import pytest

from tests.browser.conftest import LINES_JS, page_scroll_width, save_screenshot, settled, signed_in

pytestmark = pytest.mark.browser

PHONE = {"width": 375, "height": 740}
DESKTOP = {"width": 1280, "height": 860}
# The pages whose maps have more than one layer, so a layer list (folium's LayerControl).
LAYERED_MAPS = {"overview": "/", "projects": "/projects"}


# The map's box, its layer list's box, the share of the map the list covers, the viewport's height,
# and whether the list is open.
LAYERS_JS = """() => {
  const box = el => { const r = el.getBoundingClientRect(); return {x: r.left, y: r.top, w: r.width, h: r.height}; };
  const map = box(document.querySelector('.map-panel .leaflet-container'));
  const list = box(document.querySelector('.leaflet-control-layers'));
  const w = Math.max(0, Math.min(map.x + map.w, list.x + list.w) - Math.max(map.x, list.x));
  const h = Math.max(0, Math.min(map.y + map.h, list.y + list.h) - Math.max(map.y, list.y));
  return {map, list, covered: w * h / (map.w * map.h), viewport: innerHeight,
          open: document.querySelector('.leaflet-control-layers-list').checkVisibility()};
}"""
SCREENS = {"phone": (PHONE, {"has_touch": True}), "laptop": ({"width": 1366, "height": 768}, {}),
           "desktop": ({"width": 1920, "height": 1080}, {})}


@pytest.mark.parametrize("screen", SCREENS)
@pytest.mark.parametrize("name, path", LAYERED_MAPS.items())
def test_the_layer_list_stands_open_under_the_map_on_every_screen(browser, live_server, name, path, screen):
    viewport, options = SCREENS[screen]
    context, page = signed_in(browser, live_server, viewport, **options)
    settled(page, live_server + path)
    seen = page.evaluate(LAYERS_JS)
    save_screenshot(page, f"layers-{screen}-{name}")
    # over the map, open, it covered a quarter of a laptop's project map (UX audit); folded on a
    # phone, the map had no legend
    assert seen["covered"] == 0, seen
    assert seen["open"] and seen["list"]["y"] >= seen["map"]["y"] + seen["map"]["h"] - 1, seen
    assert seen["list"]["x"] >= 0 and seen["list"]["x"] + seen["list"]["w"] <= viewport["width"], seen
    # a useful height: the project list's map was 320 px, 42 % of a laptop's screen
    assert seen["map"]["h"] >= 0.45 * seen["viewport"], seen
    assert page.get_attribute(".map-layers", "aria-label") == "图层"
    context.close()


def test_a_box_of_the_layer_list_under_the_map_hides_its_layer(browser, live_server):
    context, page = signed_in(browser, live_server, PHONE, has_touch=True)
    settled(page, live_server + "/")
    drawn = page.locator(".map-panel path.leaflet-interactive")
    before = drawn.count()
    page.locator(".map-layers input[type=checkbox]").first.tap()
    assert 0 < drawn.count() < before  # the districts are gone, the zones stay
    context.close()


# The dashboard is the one page with charts: the whole city, one district, a year with nothing counted.
CHART_PAGES = [("/rollups?year=2013", "zh"), ("/rollups?year=2013", "en"),
               ("/rollups?year=2013&district=310115", "zh"), ("/rollups?year=2012", "zh")]
# The page's and each chart box's widths (scrolled, shown), each shown chart's scale (px per viewBox
# unit) and the texts drawn outside their chart (cut off).
CHARTS_JS = """() => {
  const widths = el => [el.scrollWidth, el.clientWidth];
  const shown = [...document.querySelectorAll('svg.chart')].filter(svg => svg.getClientRects().length);
  const outside = shown.flatMap(svg => { const box = svg.getBoundingClientRect();
    return [...svg.querySelectorAll('text')].filter(t => { const r = t.getBoundingClientRect();
      return r.left < box.left - 1 || r.right > box.right + 1; }).map(t => t.textContent); });
  return {page: widths(document.scrollingElement), boxes: [...document.querySelectorAll('.chart-box')].map(widths),
          scales: shown.map(svg => svg.getBoundingClientRect().width / svg.viewBox.baseVal.width), outside};
}"""


def assert_charts_fit(page, where: str) -> None:
    fit = page.evaluate(CHARTS_JS)
    assert fit["page"][0] <= fit["page"][1], f"{where}: the page scrolls sideways {fit}"
    assert all(scrolled <= shown for scrolled, shown in fit["boxes"]), f"{where}: a chart scrolls sideways {fit}"
    # the district names are 11 px in the viewBox: at 10 px or more they stay legible
    assert len(fit["scales"]) == 3 and min(fit["scales"]) * 11 >= 10, f"{where}: {fit}"
    assert fit["outside"] == [], f"{where}: texts cut off {fit}"


@pytest.mark.parametrize("path, lang", CHART_PAGES)
def test_charts_take_a_phone_s_width_and_follow_it_when_turned(browser, live_server, path, lang):
    context, page = signed_in(browser, live_server, PHONE, lang)
    settled(page, live_server + path)
    assert_charts_fit(page, f"{path} {lang} upright")
    page.locator(".chart-box").first.scroll_into_view_if_needed()
    save_screenshot(page, f"small-screen-375-{lang}-charts-{path.rsplit('=', 1)[-1]}")
    page.set_viewport_size({"width": PHONE["height"], "height": PHONE["width"]})  # turned sideways
    assert_charts_fit(page, f"{path} {lang} sideways")
    page.set_viewport_size(PHONE)
    assert_charts_fit(page, f"{path} {lang} upright again")
    context.close()


def test_the_tokens_page_keeps_names_whole_each_field_with_its_label_and_the_secret_inside(browser, live_server):
    context, page = signed_in(browser, live_server, PHONE, user="reviewer")
    page.goto(live_server + "/account/tokens")
    page.fill("input[name=name]", "统计局数据导出")
    page.get_by_role("button", name="创建令牌").click()
    page.wait_for_load_state("networkidle")
    cells = page.locator("tbody tr").first.locator("td")
    # squeezed into 321 px the name stood one character per line (统/计/局/…), and 吊/销 too; now a
    # card, each cell after its column's name (最后使用：从未)
    for item in (cells.nth(0), page.get_by_role("button", name="吊销"), cells.nth(4)):
        assert page.evaluate(LINES_JS, item.element_handle()) == 1, item.inner_text()
    # 有效期 stayed at the end of one line, its list of days on the next
    for label in page.locator("main form label").all():
        assert label.evaluate("l => l.getClientRects().length") == 1, label.inner_text()
    # a secret without a '-' (about half of them) is one long word: it widened the page to 388 px
    page.locator("#token-secret").evaluate("el => { el.textContent = 'rgy_' + 'A7b'.repeat(15); }")
    assert page_scroll_width(page) <= PHONE["width"]
    save_screenshot(page, "small-screen-375-tokens")
    context.close()


CHOROPLETHS = ["/rollups?year=2013", "/land/output?year=2017"]
# The legend's and its map's boxes: [left, top, right, bottom] each.
LEGEND_JS = """() => [document.querySelector('.choropleth-legend'), document.querySelector('.folium-map')]
  .map(el => { const r = el.getBoundingClientRect(); return [r.left, r.top + scrollY, r.right, r.bottom + scrollY]; })"""


# The share of the map's width and of its height the districts' outlines take.
CITY_JS = """() => { const m = document.querySelector('.folium-map').getBoundingClientRect();
  const ps = [...document.querySelectorAll('.folium-map path.leaflet-interactive')].map(p => p.getBoundingClientRect());
  const w = Math.max(...ps.map(r => r.right)) - Math.min(...ps.map(r => r.left));
  const h = Math.max(...ps.map(r => r.bottom)) - Math.min(...ps.map(r => r.top));
  return [w / m.width, h / m.height]; }"""


def legend_and_map(browser, live_server, viewport, path):
    """The boxes of ``path``'s choropleth legend and of its map, [left, top, right, bottom] each."""
    context, page = signed_in(browser, live_server, viewport)
    page.goto(live_server + path)
    page.wait_for_selector(".folium-map path.leaflet-interactive")
    return context, page, *page.evaluate(LEGEND_JS)


@pytest.mark.parametrize("path", CHOROPLETHS)
def test_a_phone_shows_a_choropleth_s_legend_under_its_map(browser, live_server, path):
    context, page, legend, fmap = legend_and_map(browser, live_server, PHONE, path)
    # over the map it hid a third of it, the districts with most saved among them (金山区, 奉贤区)
    assert legend[1] >= fmap[3] and legend[0] >= fmap[0] and legend[2] <= fmap[2], (legend, fmap)
    assert fmap[3] - fmap[1] >= 300 and page_scroll_width(page) <= PHONE["width"]
    page.locator(".choropleth-legend").scroll_into_view_if_needed()
    save_screenshot(page, "small-screen-375-legend-" + path.strip("/").split("?")[0].replace("/", "-"))
    context.close()


def test_a_desktop_shows_the_land_output_legend_on_its_map(browser, live_server):
    context, page, legend, fmap = legend_and_map(browser, live_server, DESKTOP, "/land/output?year=2017")
    # on land output it stood against the page, out of the map's right edge
    assert fmap[0] <= legend[0] and legend[2] <= fmap[2] and fmap[1] <= legend[1] and legend[3] <= fmap[3]
    context.close()


def test_a_desktop_shows_the_rollup_legend_in_a_row_under_its_map_which_the_city_fills(browser, live_server):
    # the rollup's half-width map drew Shanghai at half its box's height (whole zoom levels); fitted by
    # quarter levels the city fills it, and the legend, over it, hid the south of Pudong
    context, page, legend, fmap = legend_and_map(browser, live_server, DESKTOP, "/rollups?year=2013")
    assert legend[1] >= fmap[3] and legend[0] >= fmap[0] and legend[2] <= fmap[2], (legend, fmap)
    assert legend[3] - legend[1] < 80, legend  # its classes in a row, not five lines
    filled = page.evaluate(CITY_JS)
    assert max(filled) >= 0.8, filled
    context.close()


# Short cells (2 to 4 CJK characters, text only) laid out on more than one line, and how many there are.
SHORT_CELLS_JS = """() => { const short = [...document.querySelectorAll('main table :is(td, th)')].filter(c =>
    !c.closest('.leaflet-container') && !c.children.length && /^[\\u2e80-\\uffff]{2,4}$/.test(c.textContent.trim()));
  const lines = c => { const r = document.createRange(); r.selectNodeContents(c);
    return new Set([...r.getClientRects()].filter(q => q.width > 0).map(q => Math.round(q.top))).size; };
  return [short.filter(c => lines(c) > 1).map(c => c.textContent.trim()), short.length]; }"""

# The widths, in ems, of the cells of running text: a factor's or a target's source, a match's reasons.
RUNNING_TEXT_JS = """() => [...document.querySelectorAll('main :is(table.data.compact td.muted, table.targets td:nth-child(6),'
  + ' #match-table td:last-child)')].map(td => td.offsetWidth / parseFloat(getComputedStyle(td).fontSize))"""


def test_tables_outside_a_scroll_box_keep_short_words_whole_on_a_phone(browser, live_server):
    context, page = signed_in(browser, live_server, PHONE)
    page.goto(live_server + "/projects?kind=structural_adjustment&status=verified")
    project = page.locator("table.data tbody a").first.get_attribute("href")
    page.goto(live_server + project)
    enterprise = page.locator("a[href^='/enterprises/']").first.get_attribute("href")
    checked = texts = 0
    matching = "/land/matching?min_area=10&area_unit=mu&zone_kind=development_zone"
    for path in (project, enterprise, "/targets?year=2013", "/land/output?year=2017", "/land/freed", matching):
        settled(page, live_server + path)
        # 项/目/类/别, 电/力, 已/腾/出, 用地/性质 on a project; 已/核/定 on an enterprise; 全/市 on the targets
        broken, short = page.evaluate(SHORT_CELLS_JS)
        assert broken == [], path
        # running text (a factor's or a target's source, a match's reasons) wraps in a column of 12em
        # at least: the reasons stood in 145 px, a line or two per word
        ems = page.evaluate(RUNNING_TEXT_JS)
        assert min(ems, default=12) >= 11.9, (path, ems)
        texts += len(ems)
        assert page_scroll_width(page) <= PHONE["width"], path
        checked += short
    assert checked > 50 and texts > 10
    save_screenshot(page, "small-screen-375-freed-breakdowns")
    context.close()


# The widths of the lines ``el``'s text is laid out in (its rects grouped by their top).
LINE_WIDTHS_JS = """el => { const r = document.createRange(); r.selectNodeContents(el); const lines = {};
  for (const q of r.getClientRects()) if (q.width > 0) { const t = Math.round(q.top); lines[t] = (lines[t] || 0) + q.width; }
  return Object.values(lines); }"""


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("width", [375, 390])
def test_on_a_phone_the_registrys_name_wraps_into_even_lines(browser, live_server, lang, width):
    # At 390 px the Chinese name broke as 上海市产业结构调整和节能项目登记系 / 统: one character alone.
    context, page = signed_in(browser, live_server, {"width": width, "height": 740}, lang=lang, user="planner",
                              has_touch=True)
    settled(page, live_server + "/help")
    lines = page.locator(".topbar .brand").evaluate(LINE_WIDTHS_JS)
    assert len(lines) >= 2 and min(lines) > 0.5 * max(lines), lines
    context.close()


# Each target's value and unit as drawn: the right of the value's text, the left of the unit's, their tops.
VALUE_UNIT_JS = """() => [...document.querySelectorAll('table.targets tbody tr')].filter(r => r.cells.length > 4).map(r => {
  const text = el => { const range = document.createRange(); range.selectNodeContents(el);
    const rects = [...range.getClientRects()].filter(q => q.width > 0); return {first: rects[0], last: rects.at(-1)}; };
  // the figure's own text, and the unit wherever it is shown (its column, or beside the figure)
  const shown = [...r.querySelectorAll('td')].slice(3).flatMap(td => [td, ...td.children])
    .filter(el => el.textContent.trim() === r.cells[4].textContent.trim() && el.checkVisibility());
  const value = text(r.cells[3].querySelector('.figure') || r.cells[3]).last, unit = text(shown[0]).first;
  return {value: r.cells[3].innerText, unit: shown[0].innerText, gap: unit.left - value.right,
          sameLine: Math.abs(unit.top - value.top) < 4, em: parseFloat(getComputedStyle(r.cells[3]).fontSize)}; })"""


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_targets_unit_stands_next_to_its_value_on_a_phone(browser, live_server, lang):
    # at 390 px a card read "Plan 68      100 million yuan/km²": the value's cell stretched to the card's width
    context, page = signed_in(browser, live_server, {"width": 390, "height": 844}, lang, "admin")
    settled(page, live_server + "/targets?year=2013")
    rows = page.evaluate(VALUE_UNIT_JS)
    assert rows and all(r["sameLine"] and 0 <= r["gap"] <= r["em"] for r in rows), rows
    save_screenshot(page, f"targets-390-{lang}")
    context.close()
