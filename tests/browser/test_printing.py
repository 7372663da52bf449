"""The pages people print (static/css/print.css): the annual rollup for a meeting, a project with its
savings trace and an enterprise with its monitored consumption for the file, the freed-land list and a
parcel for planning, the data-quality checks. On paper the top bar,
the filters, the forms and the buttons are gone, every table prints whole (it was clipped in its
scroll box), a header line names the registry, the page and the moment of its figures, and the
maps take the page's width. The PDFs Chromium makes are kept in test-artifacts/ to be looked at."""
from __future__ import annotations

import io
import math
import re
import unicodedata

import pytest
from pypdf import PdfReader

from tests.browser.conftest import ARTIFACTS, settled, signed_in

pytestmark = pytest.mark.browser

# An A4 page less print.css's 15 mm margins, in CSS pixels (96 per inch): the width the pages are
# laid out in on paper, so the layout tests see what the PDF prints.
PAPER = {"width": 680, "height": 1009}
DESKTOP = {"width": 1280, "height": 860}
PROJECT = ("SELECT min(p.id) FROM projects p JOIN project_parcels pp ON pp.project_id = p.id "
           "WHERE p.kind = 'motor_upgrade' AND p.savings_trace IS NOT NULL")
PLANNED_PARCEL = "SELECT min(id) FROM parcels WHERE status = 'redevelopment_planned' AND valid_to IS NULL"
# an enterprise the demo's online monitoring holds: its page has the 能耗在线监测 section and its chart
MONITORED_ENTERPRISE = "SELECT min(e.id) FROM enterprises e JOIN energy_monitoring m ON m.credit_code = e.credit_code"
# Each shown table of main, whether a box around it (or itself) hides some of it sideways, and
# whether it reaches past main's right edge (the page's); its last row's bottom, to find it in print.
TABLES_JS = """() => { const main = document.querySelector('main').getBoundingClientRect();
  return [...document.querySelectorAll('main table')]
  .filter(t => !t.closest('.leaflet-container') && t.getClientRects().length).map(t => {
    let clipped = false;
    for (let box = t; box !== document.body; box = box.parentElement) {
      if (getComputedStyle(box).overflowX !== 'visible' && box.scrollWidth > box.clientWidth + 1) clipped = true;
    }
    const rows = t.querySelectorAll('tr'), last = rows[rows.length - 1].getBoundingClientRect();
    const named = t.closest('[aria-label]');
    return {name: named ? named.getAttribute('aria-label') : (t.querySelector('caption, th') || t).textContent.trim().slice(0, 30),
            clipped, wider: t.getBoundingClientRect().right > main.right + 1 || last.right > main.right + 1,
            rows: rows.length};
  }); }"""
SHOWN_JS = "sel => [...document.querySelectorAll(sel)].filter(e => e.getClientRects().length).length"
# A map's drawn areas (SVG paths of Leaflet's overlay pane) that lie within its box.
MAP_JS = """m => { const box = m.getBoundingClientRect();
  const paths = [...m.querySelectorAll('.leaflet-overlay-pane path')].map(p => p.getBoundingClientRect()).filter(r => r.width);
  return {width: box.width, height: box.height, paths: paths.length,
          inside: paths.filter(r => r.left >= box.left - 1 && r.right <= box.right + 1 && r.top >= box.top - 1 && r.bottom <= box.bottom + 1).length}; }"""
HEADER = {"zh": ("上海市产业结构调整和节能项目登记系统", "数据截至："), "en": ("Shanghai energy-saving and structural-adjustment registry", "Figures as of:")}


def printed_pages(db) -> dict[str, str]:
    return {"rollup": "/rollups?year=2013", "project": f"/projects/{db(PROJECT)}", "freed": "/land/freed",
            "parcel": f"/land/parcels/{db(PLANNED_PARCEL)}", "quality": "/quality/",
            "enterprise": f"/enterprises/{db(MONITORED_ENTERPRISE)}"}


# who prints each page, with a form or a button on it to leave off the paper: an administrator closes a
# year, takes a project's workflow steps and edits an enterprise's details (a link drawn as a button),
# a planner plans a parcel's redevelopment and a reviewer chooses a district to check
READERS = {"rollup": "admin", "project": "admin", "freed": "planner", "parcel": "planner", "quality": "reviewer",
           "enterprise": "admin"}
SCREENS_CONTROLS = "main form, main a.button"


def on_paper(page) -> None:
    """Lay the page out in the paper's width: its scroll bar (none on paper) must not take some of it."""
    bar = page.evaluate("innerWidth - document.documentElement.clientWidth")
    page.set_viewport_size({"width": PAPER["width"] + bar, "height": PAPER["height"]})


def pdf_pages(pdf: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page\b(?!s)", pdf))


def pdf_texts(pdf: bytes) -> list[str]:
    """The text of each page of ``pdf``, its spaces as one. The CJK font maps the glyph of 页 to its
    radical form ⻚ (U+2EDA) for text extraction: read back as the character it prints."""
    return [re.sub(r"\s+", " ", unicodedata.normalize("NFKC", page.extract_text())).replace("\u2eda", "页")
            for page in PdfReader(io.BytesIO(pdf)).pages]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_each_page_prints_its_content_whole_without_the_screens_controls(browser, live_server, db, lang):
    ARTIFACTS.mkdir(exist_ok=True)
    for name, path in printed_pages(db).items():
        context, page = signed_in(browser, live_server, PAPER, lang, READERS[name])
        settled(page, live_server + path)
        assert page.evaluate(SHOWN_JS, SCREENS_CONTROLS) > 0, f"{name}: no form or button to hide"
        assert page.locator(".print-header").is_hidden() and page.evaluate(SHOWN_JS, ".print-only") == 0
        page.emulate_media(media="print")
        on_paper(page)
        for hidden in (".topbar", SCREENS_CONTROLS, ".print-button", ".leaflet-control-container"):
            assert page.evaluate(SHOWN_JS, hidden) == 0, f"{name}: {hidden} prints"
        header = page.locator(".print-header")
        registry, as_of = HEADER[lang]
        assert header.is_visible() and registry in header.inner_text() and as_of in header.inner_text(), name
        assert page.title().split(" · ")[0] in header.inner_text(), name
        if name == "freed":  # the hidden filter form's choice, said in words
            assert page.locator(".filters-said").is_visible(), name
        height = page.evaluate("document.scrollingElement.scrollHeight")
        page.evaluate("window.dispatchEvent(new Event('beforeprint'))")  # what window.print() does first
        pdf = page.pdf(format="A4", path=str(ARTIFACTS / f"print-{name}-{lang}.pdf"))
        page.evaluate("window.dispatchEvent(new Event('afterprint'))")
        tables = page.evaluate(TABLES_JS)
        assert tables, name
        assert [t["name"] for t in tables if t["clipped"] or t["wider"]] == [], (name, tables)
        # every part of the page is on some page of the PDF: none cut off at the foot of the first
        assert math.floor(height / PAPER["height"]) <= pdf_pages(pdf) <= 4 * math.ceil(height / PAPER["height"]), (name, height)
        context.close()


PAGE_NUMBER = {"zh": "第 {page} 页，共 {pages} 页", "en": "Page {page} of {pages}"}


def _as_read(words: str) -> str:
    """``words`` as pypdf reads them out of Chromium's PDF: the CJK font's full-width comma comes
    back as an ASCII one (数据截至：too reads 数据截至:), so the two are compared alike."""
    return words.replace("，", ",")


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_printed_page_is_numbered_in_the_readers_language(browser, live_server, lang):
    context, page = signed_in(browser, live_server, PAPER, lang)
    settled(page, live_server + "/rollups?year=2013")  # several pages of tables and charts
    page.emulate_media(media="print")
    on_paper(page)
    page.evaluate("window.dispatchEvent(new Event('beforeprint'))")
    texts = pdf_texts(page.pdf(format="A4", path=str(ARTIFACTS / f"print-numbered-{lang}.pdf")))
    assert len(texts) >= 2, texts
    for number, text in enumerate(texts, start=1):
        assert _as_read(PAGE_NUMBER[lang].format(page=number, pages=len(texts))) in _as_read(text), (number, text[-200:])
    other = _as_read(PAGE_NUMBER["zh" if lang == "en" else "en"].format(page=1, pages=len(texts)))
    assert not any(other in _as_read(t) for t in texts)
    context.close()


def test_the_rollups_long_tables_print_to_their_last_row(browser, live_server):
    context, page = signed_in(browser, live_server, PAPER)
    settled(page, live_server + "/rollups?year=2013")
    page.emulate_media(media="print")
    on_paper(page)
    by_district = page.locator("table.figures").nth(1)
    last = by_district.locator("tbody tr").last
    assert by_district.locator("tbody tr").count() >= 12  # the districts with a project that year
    # the last district, then the city's total
    assert last.is_visible() and last.inner_text().startswith("合计") and "崇明" in by_district.locator("tbody tr").nth(-2).inner_text()
    box, table = last.bounding_box(), by_district.bounding_box()
    assert box["y"] + box["height"] <= table["y"] + table["height"] + 1 and box["x"] + box["width"] <= PAPER["width"]
    # the desktop charts, at the page's width; not the phone's, whose labels would be twice as big
    assert page.locator("svg.chart:not(.compact):visible").count() == 3 and page.locator("svg.compact:visible").count() == 0
    width = page.evaluate("document.querySelector('svg.chart').getBoundingClientRect().width")
    assert PAPER["width"] * 0.9 <= width <= PAPER["width"]
    context.close()


def test_an_enterprise_prints_whole_with_its_consumption_chart_at_the_pages_width(browser, live_server, db):
    enterprise = db(MONITORED_ENTERPRISE)
    context, page = signed_in(browser, live_server, PAPER, user=READERS["enterprise"])
    settled(page, f"{live_server}/enterprises/{enterprise}")
    page.emulate_media(media="print")
    on_paper(page)
    # the desktop's drawing of the chart (charts.css), one, at the page's width
    chart = page.locator("svg.chart:visible")
    assert chart.count() == 1 and "w760" in chart.get_attribute("class").split()
    width = chart.evaluate("c => c.getBoundingClientRect().width")
    assert PAPER["width"] * 0.9 <= width <= PAPER["width"], width
    # its tables as tables, each head printed (to repeat on each page), not the phone's cards
    heads = page.evaluate("[...document.querySelectorAll('main table.data thead')].map(h => getComputedStyle(h).display)")
    assert heads == ["table-header-group"] * 2, heads
    page.evaluate("window.dispatchEvent(new Event('beforeprint'))")
    text = " ".join(pdf_texts(page.pdf(format="A4", path=str(ARTIFACTS / "print-enterprise-sections.pdf"))))
    name = db("SELECT name FROM enterprises WHERE id = :e", e=enterprise)
    references = db("SELECT array_agg(reference) FROM projects WHERE enterprise_id = :e", e=enterprise)
    # every section is on paper, down to the history at the foot; the edit link is not
    for words in (name, *references, "项目", "能耗在线监测", "各年综合能耗", "历史记录"):
        assert unicodedata.normalize("NFKC", words) in text, (words, text[-300:])  # as pdf_texts reads
    assert "修改企业信息" not in text and "打印" not in text
    context.close()


@pytest.mark.parametrize("name", ["rollup", "project", "freed", "parcel"])
def test_a_map_prints_in_the_pages_width_with_what_the_screen_showed(browser, live_server, db, name):
    context, page = signed_in(browser, live_server, DESKTOP, user=READERS[name])
    settled(page, live_server + printed_pages(db)[name])
    leaflet = page.locator(".leaflet-container").first
    on_screen = leaflet.evaluate(MAP_JS)
    assert on_screen["inside"] > 0, on_screen
    page.emulate_media(media="print")
    page.evaluate("window.dispatchEvent(new Event('beforeprint'))")
    on_paper = leaflet.evaluate(MAP_JS)
    # 170 mm by 110 mm: inside a panel of the A4 page, and what the screen showed is drawn in it
    assert (round(on_paper["width"]), round(on_paper["height"])) == (643, 416), on_paper
    assert on_paper["inside"] >= min(on_screen["inside"], 1), on_paper
    page.evaluate("window.dispatchEvent(new Event('afterprint'))")
    page.emulate_media(media="screen")
    back = leaflet.evaluate(MAP_JS)
    assert (back["width"], back["height"]) == (on_screen["width"], on_screen["height"])
    context.close()


@pytest.mark.parametrize("lang, label", [("zh", "打印"), ("en", "Print")])
def test_the_print_button_opens_the_print_dialog(browser, live_server, db, lang, label):
    context, page = signed_in(browser, live_server, DESKTOP, lang)
    # the browser's dialog would stop the test: count the calls instead (before the page's scripts run)
    page.add_init_script("window.print = () => { window.printed = (window.printed || 0) + 1; };")
    for name, path in printed_pages(db).items():
        settled(page, live_server + path)
        button = page.get_by_role("button", name=label, exact=True)
        assert button.is_visible(), name
        button.click()
        assert page.evaluate("window.printed") == 1, name
    context.close()


def test_folded_sections_open_for_paper_and_fold_again_after(browser, live_server, db):
    context, page = signed_in(browser, live_server, DESKTOP, user="admin")
    settled(page, live_server + printed_pages(db)["project"])
    folded = page.locator("main details:not([open])")
    count = folded.count()
    assert count >= 1  # the savings input document at least
    page.evaluate("window.dispatchEvent(new Event('beforeprint'))")
    assert page.locator("main details:not([open])").count() == 0
    page.evaluate("window.dispatchEvent(new Event('afterprint'))")
    assert page.locator("main details:not([open])").count() == count
    context.close()
