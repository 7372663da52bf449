"""Tables that were a little too wide for their screen, in Chinese and English: the lists of records
on a tablet in portrait (768 px), a project's parcels and possible double registrations on a phone
(360 px) and in the page's right column (1280 px), the project list between a tablet's cards and a
laptop (1025–1279 px), the project list's kinds at 1280 px (English kinds stood three to five
lines tall in a column of 120 px: Cleaner- / production / audit), and the rollup's progress against
targets on a phone (390 px). The projects behind a rollup at 1280 px: test_layout.py."""
from __future__ import annotations

import re

import pytest
from sqlalchemy import text
from sqlalchemy.orm import Session

from registry.db import make_engine
from registry.services import projects as svc
from tests.browser.conftest import LINES_JS, each_page, page_scroll_width, save_screenshot, settled, signed_in
from tests.integration.project_data import REVIEWER

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
    return {"projects": ("reviewer", "/projects"), "freed": ("planner", "/land/freed"), "parcels": ("admin", "/land/parcels"),
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
                for cell in (row.locator("td.status .badge").first, row.locator("td.savings")):
                    box = cell.bounding_box()
                    assert cell.is_visible() and box["x"] >= 0 and box["x"] + box["width"] <= TABLET["width"], cell


@pytest.fixture(scope="module")
def lookalike_on_parcels(live_database_url) -> int:
    """A demo project on parcels with a possible double registration (services: the rule is theirs)."""
    engine = make_engine(live_database_url)
    with Session(engine) as session:
        ids = session.execute(text("SELECT DISTINCT project_id FROM project_parcels ORDER BY 1")).scalars()
        found = next(i for i in ids if svc.get_project(session, REVIEWER, i).possible_duplicates)
    engine.dispose()
    return found


def assert_table_fits_its_box(page, name: str, width: int) -> None:
    box = page.get_by_role("region", name=name, exact=True)
    assert box.evaluate("b => b.scrollWidth <= b.clientWidth + 1"), (name, box.evaluate("b => [b.scrollWidth, b.clientWidth]"))
    left, right = box.locator("table").evaluate(EDGES_JS)
    assert left >= 0 and right <= width, (name, left, right)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_project_s_parcels_and_possible_double_registrations_fit_a_phone_and_a_laptop(
        browser, live_server, lookalike_on_parcels, lang):
    # The parcels table was 392 px (365 in English) in a box of 306, each area four lines tall; the
    # possible double registrations 573 px in 306 at 360 px, and 578 in the right column's 458 at 1280.
    context, page = signed_in(browser, live_server, PHONE, lang, has_touch=True)
    settled(page, f"{live_server}/projects/{lookalike_on_parcels}")
    parcels, lookalikes = ("地块", "可能重复登记") if lang == "zh" else ("Parcels", "Possible double registration")
    for screen in (PHONE, LAPTOP):
        page.set_viewport_size(screen)
        assert page_scroll_width(page) <= screen["width"], screen
        for name in (parcels, lookalikes):
            assert_table_fits_its_box(page, name, screen["width"])
        for row in (page.get_by_role("region", name=name, exact=True).locator("table > tbody > tr").first
                    for name in (parcels, lookalikes)):
            for cell in row.locator("> td").all():
                assert cell.is_visible(), cell
        save_screenshot(page, f"table-widths-{screen['width']}-{lang}-project")
    context.close()


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_project_list_fits_a_laptop_and_its_kinds_take_at_most_two_lines_at_1280_px(browser, live_server, lang):
    # From 1025 px (where the cards end) to about 1270 the English list scrolled inside its box: 1,212 px
    # in 987 at 1025 (the Chinese 1,079). An administrator's list has the column of checkboxes, as a
    # reviewer's: the widest.
    context, page = signed_in(browser, live_server, LAPTOP, lang)
    settled(page, live_server + "/projects?page_size=200")  # the demo's 120 projects: every kind and name
    assert_fits(page, LAPTOP["width"], "projects")
    kinds = page.locator("table.project-list > tbody td.kind")
    lines: dict[str, int] = {}
    for name, count in kinds.evaluate_all(f"kinds => kinds.map(k => [k.innerText, ({LINES_JS})(k)])"):
        lines[name] = max(lines.get(name, 0), count)
    assert len(lines) == 6 and max(lines.values()) <= 2, lines
    save_screenshot(page, f"table-widths-1280-{lang}-projects")
    for width in (1025, 1100, 1270):  # a small laptop, a tablet in landscape: a table, the kinds in three lines at most
        page.set_viewport_size({"width": width, "height": LAPTOP["height"]})
        assert page.locator("table.project-list > thead").is_visible(), width  # not yet the cards
        assert_fits(page, width, f"projects at {width} px")
        most = kinds.evaluate_all(f"kinds => Math.max(...kinds.map({LINES_JS}))")
        assert most <= 3, (width, most)
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


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_rollup_s_subsidies_fit_a_phone_in_tables_of_their_own(browser, live_server, lang):
    # The money has tables of its own (by kind, by district) rather than two more columns in the
    # figure tables: each is three columns that a phone shows whole, names wrapped, no sideways scroll.
    context, page = signed_in(browser, live_server, IPHONE, lang, has_touch=True)
    settled(page, live_server + "/rollups?year=2017")  # the demo's subsidies: its rules apply from 2017
    assert page_scroll_width(page) <= IPHONE["width"]
    for name in (("各类补贴", "各区补贴") if lang == "zh" else ("Subsidies by kind", "Subsidies by district")):
        box = page.get_by_role("region", name=name, exact=True)
        assert box.evaluate("b => b.scrollWidth <= b.clientWidth + 1"), (name, box.evaluate("b => [b.scrollWidth, b.clientWidth]"))
        total = box.locator("tr.total").inner_text()
        assert re.search(r"[1-9]", total.split("\t")[1]), total  # an approved total, not 0
    save_screenshot(page, f"table-widths-390-{lang}-rollup-subsidies")
    context.close()
