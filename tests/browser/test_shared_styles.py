"""Shared components look the same on every page: a badge, a pager, a field error or a hint on the
land and rollups pages as on the projects list, which links app.css alone, and a figure in a table
sits right as the column of figures it belongs to."""
from __future__ import annotations

import pytest

from tests.browser.conftest import save_screenshot, settled, signed_in

pytestmark = pytest.mark.browser

DESKTOP = {"width": 1280, "height": 900}
SHARED = {"badge": "span", "pager": "nav", "field-error": "p", "hint": "p"}
PAGE_STYLESHEETS = {"land.css": "/land/freed", "rollups.css": "/rollups?year=2013"}
# A component added to ``main`` of the page, and the parts of its computed style that make its look.
LOOK_JS = """([cls, tag]) => { const el = document.createElement(tag); el.className = cls; el.textContent = 'x';
  document.querySelector('main').append(el); const s = getComputedStyle(el);
  const look = [s.display, s.padding, s.margin, s.fontSize, s.color, s.backgroundColor, s.borderRadius, s.justifyContent];
  el.remove(); return look; }"""


def looks(page, url: str) -> dict[str, list[str]]:
    settled(page, url)
    return {cls: page.evaluate(LOOK_JS, [cls, tag]) for cls, tag in SHARED.items()}


def test_land_and_rollups_pages_show_shared_components_as_app_css_does(browser, live_server):
    context, page = signed_in(browser, live_server, DESKTOP)
    house = looks(page, live_server + "/projects")
    for sheet, path in PAGE_STYLESHEETS.items():
        assert looks(page, live_server + path) == house, f"{sheet} restyles a shared component"
    context.close()


@pytest.mark.parametrize("path", ["/projects", "/land/freed?sort=code", "/rollups?year=2013", "/land/output"])
def test_figures_in_tables_sit_right(browser, live_server, path):
    context, page = signed_in(browser, live_server, DESKTOP, user="planner" if "land" in path else "admin")
    settled(page, live_server + path)
    figures = page.locator("main table td.num")
    assert figures.count() > 0
    # table.data td's text-align: left had outweighed .num on the projects list (savings stood left)
    aligned = figures.evaluate_all("cells => [...new Set(cells.map(c => getComputedStyle(c).textAlign))]")
    assert aligned == ["right"], path
    context.close()


FREED_PARCEL = "SELECT id FROM parcels WHERE status = 'freed' AND valid_to IS NULL ORDER BY id LIMIT 1"
CARD_BOX_JS = """sel => { const s = getComputedStyle(document.querySelector(sel));
  return [s.paddingTop, s.paddingRight, s.paddingBottom, s.paddingLeft, s.marginBottom, s.borderRadius]; }"""


@pytest.mark.parametrize("page_of, other", [("project", "main section.card:not(.history)"),
                                            ("parcel", "main section.card.planner-actions")])
def test_the_history_card_is_padded_as_the_cards_above_it(browser, live_server, db, page_of, other):
    # `.history` (meant for the list) took the padding off the card around it: its text touched the edge.
    if page_of == "project":
        path = f"/projects/{db('SELECT id FROM projects ORDER BY id LIMIT 1')}"
    else:
        path = f"/land/parcels/{db(FREED_PARCEL)}"
    context, page = signed_in(browser, live_server, DESKTOP, user="planner")
    settled(page, live_server + path)
    history = page.evaluate(CARD_BOX_JS, "main section.card.history")
    assert history == page.evaluate(CARD_BOX_JS, other) and history[0] != "0px", path
    context.close()


# A filter form's look and its first label's: the matching page's stood one field per line, the
# field beside its words, in a box of its own (land.css .land-form), unlike every other filter form.
FORM_LOOK_JS = """form => { const f = getComputedStyle(form), l = getComputedStyle(form.querySelector('label'));
  return [f.display, f.flexWrap, f.alignItems, f.backgroundColor, f.padding, f.borderRadius,
          l.display, l.flexDirection, l.fontSize, l.color]; }"""
# Each label whose field stands beside its words rather than under them (the label's text).
BESIDE_JS = """form => [...form.querySelectorAll('label')].filter(label => {
  const words = document.createRange(); words.selectNodeContents(label.firstChild);
  return label.querySelector('input, select').getBoundingClientRect().top < words.getBoundingClientRect().bottom - 1;
}).map(label => label.textContent.trim())"""


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_matching_form_is_laid_out_as_the_other_filter_forms(browser, live_server, lang):
    context, page = signed_in(browser, live_server, DESKTOP, lang, user="planner")
    settled(page, live_server + "/projects")
    house = page.locator("main form.filters").evaluate(FORM_LOOK_JS)
    settled(page, live_server + "/land/matching?min_area=x")  # refused: its message under the form
    form = page.locator("main form[action$='/land/matching']")
    assert form.evaluate(FORM_LOOK_JS) == house
    assert form.evaluate(BESIDE_JS) == []
    # the fields share rows as the projects list's do: 11 fields in 2 rows at 1280 px, not 11
    tops = form.locator("label").evaluate_all("ls => [...new Set(ls.map(l => Math.round(l.getBoundingClientRect().bottom)))]")
    assert len(tops) <= 3, tops
    error = page.locator("main .field-error")
    assert error.count() == 1 and error.bounding_box()["y"] > form.bounding_box()["y"] + form.bounding_box()["height"]
    save_screenshot(page, f"land-matching-form-{lang}")
    context.close()


# The width of each curly quote of the first element holding one, in ems of its font.
QUOTE_WIDTHS_JS = """sel => { const el = [...document.querySelectorAll(sel)].find(e => e.textContent.includes('“'));
  const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT); const widths = [];
  for (let node; (node = walker.nextNode());) for (let i = 0; i < node.data.length; i++) if ('“”'.includes(node.data[i])) {
    const r = document.createRange(); r.setStart(node, i); r.setEnd(node, i + 1);
    widths.push(r.getBoundingClientRect().width / parseFloat(getComputedStyle(node.parentElement).fontSize)); }
  return widths; }"""


@pytest.mark.parametrize("lang, narrow", [("en", True), ("zh", False)])
def test_curly_quotes_in_english_are_a_latin_width_and_in_chinese_full_width(browser, live_server, db, lang, narrow):
    """The house font is Noto Sans CJK SC, whose “ ” are full-width: an English page read
    Recorded with  “Approve”  or  “Verify” ; left empty — gaps a whole character wide around each word."""
    context, page = signed_in(browser, live_server, DESKTOP, lang, user="reviewer")
    submitted = db("SELECT min(id) FROM projects WHERE status = 'submitted'")
    settled(page, live_server + f"/projects/{submitted}")
    widths = page.evaluate(QUOTE_WIDTHS_JS, "section.workflow p.hint")
    assert len(widths) == 4 and all((w < 0.6) == narrow for w in widths), widths
    context.close()
