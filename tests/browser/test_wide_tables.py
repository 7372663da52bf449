"""Wide tables on a phone (390 px): each scrolls sideways in its own box (_macros.html scroll_table),
never the page, and a shadow marks the edge where columns are out of sight. The savings trace's
factors, the targets and the users had been cut off at the screen's edge with nothing to say so; the
lists of records (projects, freed land, users, tokens, targets …) are now cards that do not scroll
(cards.css table.cards), and so are a project's factors; the tables of figures and the reference
page's factors still scroll in their box."""
from __future__ import annotations

import pytest

from tests.browser.conftest import page_scroll_width, save_screenshot, settled, signed_in
from tests.browser.pixels import column_brightness

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}
LAPTOP = {"width": 1366, "height": 768}
MOTOR_PROJECT = "SELECT min(id) FROM projects WHERE kind = 'motor_upgrade' AND savings_trace IS NOT NULL"
# Each shown table of main: whether the box it scrolls in (itself, on a phone, when it has no box of
# its own) hides some of it, whether it is in a scroll_table box, and what names it.
TABLES_JS = """() => [...document.querySelectorAll('main table')]
  .filter(t => !t.closest('.leaflet-container') && t.getClientRects().length).map(t => {
    let box = t;
    while (box !== document.body && !['auto', 'scroll'].includes(getComputedStyle(box).overflowX)) box = box.parentElement;
    const hinted = t.closest('.table-scroll');
    return {clipped: box !== document.body && box.scrollWidth > box.clientWidth + 1, hinted: !!hinted,
            name: hinted ? hinted.getAttribute('aria-label') : (t.querySelector('caption, th') || t).textContent.trim().slice(0, 30)};
  })"""


def pages(db) -> dict[str, str]:
    return {"project": f"/projects/{db(MOTOR_PROJECT)}", "targets": "/targets?year=2013", "users": "/admin/users",
            "projects": "/projects", "rollups": "/rollups?year=2013", "freed": "/land/freed",
            "matching": "/land/matching?min_area=1&area_unit=mu", "output": "/land/output?year=2017&level=parcel",
            "audit": "/audit", "tokens": "/account/tokens", "account": "/account", "reference": "/reference", "rollup-projects": "/rollups/projects?year=2013",
            "enterprise": f"/enterprises/{db('SELECT min(enterprise_id) FROM projects')}", "monitoring": "/monitoring"}


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_table_a_phone_cuts_off_scrolls_in_its_own_box_with_the_hint(browser, live_server, db, lang):
    context, page = signed_in(browser, live_server, PHONE, lang)
    clipped = {}
    for name, path in pages(db).items():
        settled(page, live_server + path)
        assert page_scroll_width(page) <= PHONE["width"], f"{name} scrolls sideways"
        tables = page.evaluate(TABLES_JS)
        assert tables, name
        unhinted = [t["name"] for t in tables if t["clipped"] and not t["hinted"]]
        assert unhinted == [], f"{name}: cut off without the hint: {unhinted}"
        clipped[name] = [t["name"] for t in tables if t["clipped"]]
    factors, coal = ("折标系数", "折标准煤系数（GB/T 2589）") if lang == "zh" else ("Factors", "Standard-coal factors (GB/T 2589)")
    # the reference page's table of every factor still scrolls; a project's few factors are cards (below)
    assert factors not in clipped["project"] and coal in clipped["reference"], clipped
    cards = ("projects", "freed", "rollup-projects", "targets", "users", "tokens", "enterprise", "monitoring", "output")
    assert {name: clipped[name] for name in cards} == dict.fromkeys(cards, []), clipped
    context.close()



@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_projects_factors_on_a_phone_show_the_standard_each_is_cited_from(browser, live_server, db, lang):
    """The source column (GB/T 2589（2008 版）) was out of sight in the table's box at 390 px, and an
    English row four lines tall for it: the reviewer checks each factor against that source."""
    context, page = signed_in(browser, live_server, PHONE, lang)
    settled(page, live_server + pages(db)["project"])
    rows = page.locator("table.factors tbody tr")
    assert rows.count() >= 1
    for n in range(rows.count()):
        source = rows.nth(n).locator("td.source")
        box, value = source.bounding_box(), rows.nth(n).locator("td.num").bounding_box()
        assert source.inner_text().strip() and box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"]
        assert box["y"] > value["y"]  # on a line of its own, under the factor
    save_screenshot(page, f"project-factors-phone-{lang}")
    context.close()

def edges(box) -> tuple[float, float, float]:
    """How bright the box's left edge, middle and right edge are (its table hidden: its background only)."""
    shot = box.screenshot()
    size = box.bounding_box()
    width, height = round(size["width"]), round(size["height"])
    rows = range(height // 5, height // 2)  # clear of the caption and of a scroll bar at the foot
    return (column_brightness(shot, range(1, 5), rows), column_brightness(shot, range(width // 2 - 2, width // 2 + 2), rows),
            column_brightness(shot, range(width - 5, width - 1), rows))


def test_the_shadow_marks_the_edge_where_columns_are_out_of_sight(browser, live_server):
    context, page = signed_in(browser, live_server, PHONE)
    settled(page, live_server + "/reference")
    box = page.get_by_role("region", name="折标准煤系数（GB/T 2589）")
    save_screenshot(page, "wide-tables-390-reference")
    box.evaluate("b => { for (const child of b.children) child.style.visibility = 'hidden'; }")  # CSSOM: allowed by the CSP
    left, middle, right = edges(box)
    assert middle > 250 and right < middle - 15 and left > middle - 2, (left, middle, right)  # more to the right
    box.evaluate("b => { b.scrollLeft = b.scrollWidth / 3; }")
    left, middle, right = edges(box)
    assert left < middle - 15 and right < middle - 15, (left, middle, right)  # more on both sides
    box.evaluate("b => { b.scrollLeft = b.scrollWidth; }")
    left, middle, right = edges(box)
    assert left < middle - 15 and right > middle - 2, (left, middle, right)  # the end: more to the left only
    # on a laptop the whole table shows: no shadow
    page.set_viewport_size(LAPTOP)
    box.evaluate("b => { b.scrollLeft = 0; }")
    assert box.evaluate("b => b.scrollWidth <= b.clientWidth")
    left, middle, right = edges(box)
    assert abs(left - middle) < 2 and abs(right - middle) < 2, (left, middle, right)
    context.close()


def test_a_keyboard_scrolls_a_cut_off_table(browser, live_server):
    context, page = signed_in(browser, live_server, PHONE)
    settled(page, live_server + "/reference")
    # the factors' six columns (the equal values above are a card a year on a phone)
    box = page.get_by_role("region", name="折标准煤系数（GB/T 2589）")
    box.focus()
    page.keyboard.press("ArrowRight")
    page.wait_for_function("el => el.scrollLeft > 0", arg=box.element_handle())
    context.close()
