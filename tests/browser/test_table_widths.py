"""Tables that were a little too wide for their screen, in Chinese and English: the lists of records
on a tablet in portrait (768 px), a project's parcels on a phone (360 px), and the project list's
kinds at 1280 px (English kinds stood three to five lines tall in a column of 120 px: Cleaner- /
production / audit), the rollup's progress against targets on a phone (390 px). The projects behind a
rollup at 1280 px: test_layout.py."""
from __future__ import annotations

import re

import pytest

from tests.browser.conftest import LINES_JS, each_page, page_scroll_width, save_screenshot, settled, signed_in

pytestmark = pytest.mark.browser

TABLET = {"width": 768, "height": 1024}
PHONE = {"width": 360, "height": 740}
IPHONE = {"width": 390, "height": 844}
LAPTOP = {"width": 1280, "height": 860}
# Each shown table of main, or the box it scrolls in, that hides part of it sideways: its name.
SCROLLED_JS = """() => [...document.querySelectorAll('main .table-scroll, main table')]
  .filter(b => b.getClientRects().length && !b.closest('.leaflet-container') && b.scrollWidth > b.clientWidth + 1)
  .map(b => (b.getAttribute('aria-label') || b.className) + ': ' + b.scrollWidth + ' px in ' + b.clientWidth)"""
# The left and right edges of everything a table's rows show.
EDGES_JS = """t => { const shown = [...t.querySelectorAll(':scope > tbody > tr *')].filter(e => e.checkVisibility())
  .map(e => e.getBoundingClientRect()).filter(r => r.width > 0);
  return [Math.min(...shown.map(r => r.left)), Math.max(...shown.map(r => r.right))]; }"""


def assert_fits(page, width: int, where: str) -> None:
    assert page_scroll_width(page) <= width, f"{where}: the page scrolls sideways"
    assert page.evaluate(SCROLLED_JS) == [], where


def lists(db) -> dict[str, tuple[str, str]]:
    """name → (demo user, path) of the pages whose lists of records are table.cards."""
    return {"projects": ("reviewer", "/projects"), "freed": ("planner", "/land/freed"),
            "rollup-projects": ("admin", "/rollups/projects?year=2013"), "targets": ("admin", "/targets?year=2013"),
            "audit": ("admin", "/audit"), "users": ("admin", "/admin/users"), "tokens": ("admin", "/account/tokens"),
            "sign-ins": ("admin", "/account"),
            "enterprise": ("admin", f"/enterprises/{db('SELECT min(enterprise_id) FROM projects')}")}


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_on_a_tablet_in_portrait_the_lists_of_records_fit_the_screen(browser, live_server, db, lang):
    # At 768 px the project list was a table of 1,079 px (1,229 in English) in a box of 730, its status
    # and savings out of sight; the freed land, the rollup's projects and the targets scrolled too.
    for name, page in each_page(browser, live_server, TABLET, lang, lists(db), has_touch=True):
        assert_fits(page, TABLET["width"], name)
        for table in page.locator("main table.cards").all():
            if table.is_visible() and table.locator(":scope > tbody > tr").count():
                left, right = table.evaluate(EDGES_JS)
                assert left >= 0 and right <= TABLET["width"], (name, left, right)
        save_screenshot(page, f"table-widths-768-{lang}-{name}")
        if name == "projects":  # each project's status and savings in sight, not past the screen's edge
            rows = page.locator("table.project-list > tbody > tr")
            assert rows.count() >= 20
            for row in rows.all()[:20]:
                for cell in (row.locator("td.status .badge"), row.locator("td.savings")):
                    box = cell.bounding_box()
                    assert cell.is_visible() and box["x"] >= 0 and box["x"] + box["width"] <= TABLET["width"], cell


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_project_s_parcels_fit_a_phone(browser, live_server, db, lang):
    # The parcels table was 392 px (365 in English) in a box of 306, each area four lines tall.
    project = db("SELECT min(project_id) FROM project_parcels")
    context, page = signed_in(browser, live_server, PHONE, lang, has_touch=True)
    settled(page, f"{live_server}/projects/{project}")
    assert page_scroll_width(page) <= PHONE["width"]
    box = page.get_by_role("region", name="地块" if lang == "zh" else "Parcels", exact=True)
    assert box.evaluate("b => b.scrollWidth <= b.clientWidth + 1"), box.evaluate("b => [b.scrollWidth, b.clientWidth]")
    parcels = box.locator("table")
    left, right = parcels.evaluate(EDGES_JS)
    assert left >= 0 and right <= PHONE["width"], (left, right)
    row = parcels.locator(":scope > tbody > tr").first
    for cell in row.locator("> td").all():
        assert cell.is_visible(), cell
    save_screenshot(page, f"table-widths-360-{lang}-project")
    context.close()


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_project_list_s_kinds_take_at_most_two_lines_at_1280_px(browser, live_server, lang):
    context, page = signed_in(browser, live_server, LAPTOP, lang)
    settled(page, live_server + "/projects?page_size=200")  # the demo's 120 projects: every kind
    assert_fits(page, LAPTOP["width"], "projects")
    lines: dict[str, int] = {}
    for kind in page.locator("table.project-list > tbody td.kind").all():
        text = kind.inner_text()
        lines[text] = max(lines.get(text, 0), page.evaluate(LINES_JS, kind.element_handle()))
    assert len(lines) == 6 and max(lines.values()) <= 2, lines
    save_screenshot(page, f"table-widths-1280-{lang}-projects")
    context.close()


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_rollup_s_progress_against_targets_fits_a_phone(browser, live_server, lang):
    # Its six columns took 746 px (661 in English) in a box of 336: each actual (实际) cut at the box's edge, the
    # pace out of sight until the reader scrolled the table. On a phone each metric is a card.
    context, page = signed_in(browser, live_server, IPHONE, lang, has_touch=True)
    settled(page, live_server + "/rollups?year=2013")  # the demo's 2013 plan: targets beside actuals
    assert page_scroll_width(page) <= IPHONE["width"]
    box = page.get_by_role("region", name="目标完成情况" if lang == "zh" else "Progress against targets", exact=True)
    assert box.evaluate("b => b.scrollWidth <= b.clientWidth + 1"), box.evaluate("b => [b.scrollWidth, b.clientWidth]")
    left, right = box.locator("table").evaluate(EDGES_JS)
    assert left >= 0 and right <= IPHONE["width"], (left, right)
    rows = box.locator("table > tbody > tr")
    assert rows.count() >= 15
    for row in rows.all():  # the actual, named, in sight; the target and the pace too where there is one
        actual = row.locator("> td:nth-child(3)")
        box_ = actual.bounding_box()
        assert actual.is_visible() and box_["x"] >= 0 and box_["x"] + box_["width"] <= IPHONE["width"], row.inner_text()
        assert row.evaluate("r => getComputedStyle(r.children[2], '::before').content") == (
            '"实际："' if lang == "zh" else '"Actual: "')
    behind = box.locator("tr.behind").first  # a target, the completion and the pace on the card
    for cell in (behind.locator("> td:nth-child(2)"), behind.locator("> td:nth-child(5)")):
        assert cell.is_visible() and re.search(r"\d", cell.inner_text()), cell
    save_screenshot(page, f"table-widths-390-{lang}-rollup-progress")
    context.close()
