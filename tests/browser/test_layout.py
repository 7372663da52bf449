"""Page layout in Chromium on a phone (390 × 844) and a laptop (1366 × 768), in Chinese and English:
no sideways scroll of the page, a top bar that wraps or folds, tables whose cells keep their
words whole, legible charts."""
from __future__ import annotations

import pytest

from tests.browser.conftest import LINES_JS, page_scroll_width, save_screenshot, settled, signed_in

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}
LAPTOP = {"width": 1366, "height": 768}
MAIN_PAGES = {"overview": "/", "projects": "/projects", "wizard": "/projects/new", "freed": "/land/freed",
              "rollups": "/rollups?year=2013", "search": "/search?q=有限公司"}
# At 390 px the Chinese title stood one character per line (469 px); at 1366 the English bar took two rows.
TOP_BAR_MAX_PX = {390: 90, 1366: 50}


def first_project_url(page, live_server) -> str:
    page.goto(live_server + "/projects")
    return live_server + page.locator("table.data tbody a").first.get_attribute("href")


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("viewport", [PHONE, LAPTOP], ids=["phone", "laptop"])
def test_main_pages_fit_the_screen_without_sideways_scroll(browser, live_server, viewport, lang):
    context, page = signed_in(browser, live_server, viewport, lang)
    pages = dict(MAIN_PAGES, project=first_project_url(page, live_server))
    for name, path in pages.items():
        settled(page, path if path.startswith("http") else live_server + path)
        sizes = page.evaluate("() => [document.documentElement.scrollWidth, window.innerWidth]")
        assert sizes[0] <= sizes[1], f"{name} ({lang}, {viewport['width']} px) scrolls sideways: {sizes}"
        bar = page.locator(".topbar").bounding_box()["height"]
        assert bar <= TOP_BAR_MAX_PX[viewport["width"]], f"{name} ({lang}): top bar {bar} px high"
        if name == "project":
            assert_workflow_card_at_hand(page, viewport)
            assert_short_facts_whole(page)
        if viewport is PHONE or name in ("projects", "rollups"):
            save_screenshot(page, f"layout-{viewport['width']}-{lang}-{name}")
    context.close()


def assert_workflow_card_at_hand(page, viewport: dict) -> None:
    """A project's workflow card (a reviewer's approve and return) is in the first screen: on a phone
    under the title, above the savings (it was at the foot, 2,200 px down at 390); on a laptop at the
    top of the right column, beside the savings."""
    card = page.locator("section.card.workflow").bounding_box()
    savings = page.locator("main section.card:not(.workflow)").first.bounding_box()  # the energy savings
    head = page.locator(".list-head").bounding_box()
    assert head["y"] + head["height"] <= card["y"] < viewport["height"], (card, head)
    if viewport is PHONE:
        assert card["y"] + card["height"] <= savings["y"], (card, savings)
    else:
        assert abs(card["y"] - savings["y"]) <= 1 and card["x"] >= savings["x"] + savings["width"], (card, savings)


# the lines a text of ``el`` takes (0 where ``el`` holds no such text)
WORD_LINES_JS = """([el, word]) => {
  const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const at = n.data.indexOf(word);
    if (at < 0) continue;
    const r = document.createRange(); r.setStart(n, at); r.setEnd(n, at + word.length);
    return new Set([...r.getClientRects()].filter(q => q.width > 0).map(q => Math.round(q.top))).size;
  }
  return 0; }"""


def assert_short_facts_whole(page) -> None:
    """The line under a project's title keeps its year, district and status whole: at 390 px it broke
    浦 / 东新区."""
    facts = page.locator(".list-head > p").first
    reference, kind, year, district = facts.inner_text().split(" · ")[:4]
    for word in (year, district):
        assert page.evaluate(WORD_LINES_JS, [facts.element_handle(), word]) == 1, (word, facts.inner_text())
    assert page.evaluate(LINES_JS, facts.locator(".badge").first.element_handle()) == 1, facts.inner_text()


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_top_bar_items_keep_their_words_on_one_line(browser, live_server, lang):
    context, page = signed_in(browser, live_server, LAPTOP, lang)
    page.goto(live_server + "/projects")
    for item in page.locator(".topbar nav a, .topbar nav strong, .topbar nav button, .topbar .who").all():
        assert page.evaluate(LINES_JS, item.element_handle()) == 1, item.inner_text()  # not "Annual/rollups"
    context.close()


def test_phone_menu_folds_behind_a_button(browser, live_server):
    context, page = signed_in(browser, live_server, PHONE)
    page.goto(live_server + "/projects")
    toggle = page.locator(".menu-toggle")
    assert toggle.is_visible() and toggle.get_attribute("aria-expanded") == "false"
    assert not page.locator(".main-nav").is_visible()
    toggle.click()
    assert toggle.get_attribute("aria-expanded") == "true"
    assert page.locator(".main-nav a", has_text="年度汇总").is_visible()
    assert page.locator(".lang a", has_text="English").bounding_box()["x"] + 40 < PHONE["width"]  # not cut off
    save_screenshot(page, "layout-390-zh-menu-open")
    page.keyboard.press("Escape")
    assert not page.locator(".main-nav").is_visible()
    context.close()


def test_signed_out_phone_shows_the_language_switch_without_a_menu(browser, live_server):
    context = browser.new_context(viewport=PHONE, locale="zh-CN")
    page = context.new_page()
    page.goto(live_server + "/login")
    assert page.locator(".menu-toggle").count() == 0
    assert page.locator(".lang a", has_text="English").is_visible()
    assert page_scroll_width(page) <= PHONE["width"]
    context.close()


@pytest.mark.parametrize("viewport", [{"width": 1440, "height": 900}, PHONE], ids=["desktop", "phone"])
def test_short_table_cells_do_not_wrap_inside_a_word(browser, live_server, db, viewport):
    context, page = signed_in(browser, live_server, viewport)
    page.goto(live_server + "/projects?status=verified")
    rows = page.locator("table.data tbody tr")
    assert rows.count() > 3
    for row in rows.all()[:10]:
        district, status = row.locator("td").nth(4), row.locator("td").nth(5)
        assert page.evaluate(LINES_JS, district.element_handle()) == 1, district.inner_text()  # 闵行区, not 闵行/区
        assert page.evaluate(LINES_JS, status.element_handle()) == 1, status.inner_text()  # 已核定, not 已核/定
    page.goto(live_server + "/rollups?year=2013")
    by_district = page.locator("table.figures").nth(1)
    for cell in by_district.locator("tbody td:first-child").all():
        assert page.evaluate(LINES_JS, cell.element_handle()) == 1, cell.inner_text()  # 黄浦区, not 黄浦/区
    # a project's parcels, in the narrow column beside its savings: 使用中, not 使用/中; and the line under
    # its title: a Pudong project of a kind named in six characters broke 浦 / 东新区 there at 390 px
    page.goto(live_server + "/projects/" + str(db(
        "SELECT min(p.id) FROM projects p JOIN project_parcels pp ON pp.project_id = p.id WHERE p.district_code = '310115'"
        " AND p.kind IN ('technical_retrofit', 'cleaner_production', 'motor_upgrade')")))
    assert_short_facts_whole(page)
    status = page.locator("section.card:has(h2:text-is('地块')) tbody tr").first.locator("td").nth(3)
    assert page.evaluate(LINES_JS, status.element_handle()) == 1, status.inner_text()
    context.close()


def test_chart_labels_stay_legible_on_a_phone(browser, live_server):
    context, page = signed_in(browser, live_server, PHONE)
    settled(page, live_server + "/rollups?year=2013")
    # the district names are 11 px in the chart's viewBox: drawn at 366 px wide they were 5 px high
    scales = page.evaluate("() => [...document.querySelectorAll('svg.chart')].filter(svg => svg.getClientRects().length)"
                           ".map(svg => svg.getBoundingClientRect().width / svg.viewBox.baseVal.width)")
    assert len(scales) == 3 and min(scales) * 11 >= 10, scales
    page.locator(".chart-box").first.scroll_into_view_if_needed()
    save_screenshot(page, "layout-390-zh-rollup-chart")
    context.close()


def test_wizard_energy_ledgers_fit_a_phone(browser, live_server):
    context, page = signed_in(browser, live_server, PHONE, user="pudong")
    page.goto(live_server + "/projects/new")
    for kind in ("technical_retrofit", "structural_adjustment"):
        page.check(f"input[name=kind][value={kind}]")
        page.click("#steps-nav [data-step='4']")
        page.wait_for_selector("table.ledger")
        # a fieldset is as wide as its table by default: the ledger had widened the page to 558 px
        assert page_scroll_width(page) <= PHONE["width"], kind
        page.click("#steps-nav [data-step='1']")
    context.close()


TABLET = {"width": 1024, "height": 768}
# The matching form's layout: the form's content box, the zone preferences' fieldset, the fields and
# the button beside it (none may share its rows), anything past the form's edges, and the rows the
# fields before it take (by their bottoms: a row's labels line up at their fields' foot).
MATCH_FORM_JS = """form => { const box = e => e.getBoundingClientRect(), f = box(form), s = getComputedStyle(form);
  const inner = [f.left + parseFloat(s.paddingLeft), f.right - parseFloat(s.paddingRight)];
  const set = box(form.querySelector('fieldset')), own = [...form.querySelectorAll(':scope > label, :scope > button')];
  const before = own.filter(e => e.compareDocumentPosition(form.querySelector('fieldset')) & Node.DOCUMENT_POSITION_FOLLOWING);
  return {inner, fieldset: [set.left, set.right],
          beside: own.filter(e => box(e).bottom > set.top + 1 && box(e).top < set.bottom - 1).map(e => e.textContent.trim()),
          past: [...form.querySelectorAll('label, select, input, button, fieldset')]
                  .filter(e => box(e).right > f.right + 1 || box(e).left < f.left - 1).map(e => e.name || e.textContent.trim()),
          rows: new Set(before.map(e => Math.round(box(e).bottom))).size,
          button_below: box(form.querySelector(':scope > button')).top >= set.bottom}; }"""


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_matching_form_lays_out_in_rows_at_a_laptops_a_tablets_and_a_phones_width(browser, live_server, lang):
    # At 1366 px the zone preferences' fieldset stood mid-row between the area and the district, taller
    # than the fields beside it: it is a row of its own, the fields before it one row on a laptop.
    context, page = signed_in(browser, live_server, LAPTOP, lang, user="planner")
    for viewport in (LAPTOP, TABLET, PHONE):
        page.set_viewport_size(viewport)
        settled(page, live_server + "/land/matching?min_area=10&area_unit=mu&zone_kind=development_zone")
        width = viewport["width"]
        layout = page.locator("main form.match-form").evaluate(MATCH_FORM_JS)
        assert layout["beside"] == [] and layout["past"] == [], (width, layout)
        assert abs(layout["fieldset"][0] - layout["inner"][0]) <= 1 and abs(layout["fieldset"][1] - layout["inner"][1]) <= 1, (width, layout)
        assert layout["button_below"], (width, layout)
        if width >= TABLET["width"]:
            assert layout["rows"] == 1, (width, layout)
        assert page_scroll_width(page) <= width, width
        save_screenshot(page, f"layout-{width}-{lang}-matching")
    context.close()


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("width", [1280, 1366])
def test_the_projects_behind_a_rollup_fit_a_laptop_without_scrolling_sideways(browser, live_server, width, lang):
    # Its figures' headers kept on one line (300 px), the kinds and titles whole and the calculation
    # squeezed to 106 px: the table was 2,053 px wide on a 1366-px screen, the savings out of sight
    # and a row six lines high. At 1280 px its ten columns then kept 1,270 px (1,250 in English) in
    # a box of 1,210: a .compact table now, a size smaller.
    context, page = signed_in(browser, live_server, {"width": width, "height": 768}, lang)
    settled(page, live_server + "/rollups/projects?year=2013")
    box = page.locator("main .table-scroll").first
    assert box.evaluate("b => b.scrollWidth <= b.clientWidth + 1"), box.evaluate("b => [b.scrollWidth, b.clientWidth]")
    heights = page.locator("main table.projects tbody tr").evaluate_all("rs => rs.map(r => r.getBoundingClientRect().height)")
    line = page.evaluate("parseFloat(getComputedStyle(document.body).lineHeight) || 24")
    assert heights and max(heights) <= 6 * line, (max(heights), line)
    assert page_scroll_width(page) <= width
    save_screenshot(page, f"layout-{width}-{lang}-rollup-projects")
    context.close()


# Each shown field whose placeholder is wider than the field's box (the text it shows is cut).
CUT_PLACEHOLDERS_JS = """() => { const pen = document.createElement('canvas').getContext('2d');
  return [...document.querySelectorAll('main input[placeholder]')].filter(i => i.getClientRects().length).filter(i => {
    const s = getComputedStyle(i); pen.font = s.font;
    return pen.measureText(i.placeholder).width > i.clientWidth - parseFloat(s.paddingLeft) - parseFloat(s.paddingRight) + 1;
  }).map(i => i.name + ': ' + i.placeholder); }"""


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_no_placeholder_is_cut_off_by_its_field(browser, live_server, lang):
    # The equal value's source field showed "例如：国家统计局，2015年全…" cut after a dozen characters.
    context, page = signed_in(browser, live_server, LAPTOP, lang)
    for path in ("/reference", "/projects", "/audit", "/imports/", "/rollups?year=2013", "/admin/users", "/account/tokens"):
        settled(page, live_server + path)
        assert page.evaluate(CUT_PLACEHOLDERS_JS) == [], path
    context.close()


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_redeveloped_parcel_fits_a_phone(browser, live_server, db, lang):
    # Its output table's source 二次开发完成时填报 made the facts' grid column as wide as the table
    # (a grid item's min-content), so the page scrolled sideways: 424 px at 390.
    parcel = db("SELECT parcel_id FROM parcel_outputs WHERE source = 'redevelopment' ORDER BY parcel_id LIMIT 1")
    context, page = signed_in(browser, live_server, PHONE, lang, user="planner")
    settled(page, f"{live_server}/land/parcels/{parcel}")
    assert page.locator("main table.land-table").count() == 1
    assert page_scroll_width(page) <= PHONE["width"], page_scroll_width(page)
    save_screenshot(page, f"layout-390-{lang}-redeveloped-parcel")
    context.close()
