"""Lists of records on a phone (360 px) are cards (cards.css table.cards): the freed land, the parcel list, the projects
behind a rollup, the users, the targets, an enterprise's projects, the sign-ins, the enterprise directory, the
data-quality checks. Each scrolled
sideways in its box (the drill-down 1,270 px in 306, the freed land 952); now every cell is in sight,
a figure or a date after its column's name, and the freed land's head is a row of sort links."""
from __future__ import annotations

import pytest

from tests.browser.conftest import each_page, page_scroll_width, save_screenshot, settled, signed_in

pytestmark = pytest.mark.browser

PHONE = {"width": 360, "height": 740}
# Each shown table of main that is a list of cards: how far its box scrolls sideways, the right edge
# of what its rows show, and the names its first row's cells show before them.
CARDS_JS = """() => [...document.querySelectorAll('main table.cards')].filter(t => t.getClientRects().length).map(t => {
  const box = t.closest('.table-scroll') || t;
  const shown = [...t.querySelectorAll(':scope > tbody > tr *')].filter(e => e.checkVisibility())
    .map(e => e.getBoundingClientRect()).filter(r => r.width > 0);
  const first = t.querySelector(':scope > tbody > tr');
  return {hidden: box.scrollWidth - box.clientWidth, right: Math.max(...shown.map(r => r.right)),
          labels: [...first.querySelectorAll(':scope > td[data-label]')].map(td => getComputedStyle(td, '::before').content)};
})"""


def pages(db) -> dict[str, tuple[str, str]]:
    """name → (demo user, path) of a page whose list of records is cards on a phone."""
    return {"freed": ("planner", "/land/freed"), "parcels": ("admin", "/land/parcels"), "rollup-projects": ("admin", "/rollups/projects?year=2013"),
            "users": ("admin", "/admin/users"), "targets": ("admin", "/targets?year=2013"),
            "enterprise": ("admin", f"/enterprises/{db('SELECT min(enterprise_id) FROM projects')}"),
            "sign-ins": ("admin", "/account"), "directory": ("pudong", "/enterprises/"), "quality": ("reviewer", "/quality/"),
            "land-output": ("admin", "/land/output?year=2017"), "user": ("admin", "/admin/users/admin")}


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_lists_of_records_are_cards_whole_on_a_phone(browser, live_server, db, lang):
    for name, page in each_page(browser, live_server, PHONE, lang, pages(db), has_touch=True):
        assert page_scroll_width(page) <= PHONE["width"], name
        tables = page.evaluate(CARDS_JS)
        assert tables, name
        for table in tables:
            assert table["hidden"] == 0 and table["right"] <= PHONE["width"], (name, table)
            assert all(label not in ("none", '""') for label in table["labels"]), (name, table)
        save_screenshot(page, f"record-cards-360-{lang}-{name}")


def test_the_freed_land_cards_sort_by_a_tap_on_their_head(browser, live_server):
    context, page = signed_in(browser, live_server, PHONE, user="planner", has_touch=True)
    settled(page, live_server + "/land/freed")
    head = page.locator("table.freed-table > thead")
    assert head.is_visible() and head.locator("tr").evaluate("tr => getComputedStyle(tr, '::before').content") == '"排序："'
    area = head.get_by_role("link", name="面积（m²）")
    area.scroll_into_view_if_needed()
    with page.expect_navigation():
        area.tap()
    assert "sort=area_m2" in page.url
    first = page.locator("table.freed-table > tbody > tr").first
    assert first.locator("td.what a").is_visible()
    label = first.locator("td").nth(3).evaluate("td => getComputedStyle(td, '::before').content")
    assert label == '"面积（m²）："'
    context.close()


# Each shown cell of a table's body and foot rows: its text, and the name shown before it (none on the
# card's title, td.what or a foot row's th).
CELLS_JS = """t => [...t.querySelectorAll(':scope > :is(tbody, tfoot) > tr > :is(td, th)')].filter(c => c.checkVisibility())
  .map(c => ({text: c.textContent.trim(), title: c.matches('.what, th'), label: getComputedStyle(c, '::before').content}))"""


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_land_output_and_a_users_sign_ins_are_cards_each_figure_named_at_390_px(browser, live_server, lang):
    # at 390 px both scrolled sideways in their box: the land output's English heads wrapped into a head
    # row taller than the phone's screen, and a figure far from its column's name
    phone = {"width": 390, "height": 844}
    tables = {"land-output": ("/land/output?year=2017", "#output-table"), "user": ("/admin/users/admin", "table.sign-ins")}
    for name, page in each_page(browser, live_server, phone, lang, {n: ("admin", p) for n, (p, _) in tables.items()}):
        assert page_scroll_width(page) <= phone["width"], name
        table = page.locator(tables[name][1])
        box = table.evaluate("t => { const b = t.closest('.table-scroll') || t; return b.scrollWidth - b.clientWidth; }")
        assert box == 0, name
        cells = table.evaluate(CELLS_JS)
        assert len(cells) > 3, name
        assert [c for c in cells if not c["title"] and c["label"] in ("none", "normal", '""')] == [], name
        save_screenshot(page, f"cards-390-{lang}-{name}")
