"""A project kind's name breaks only where it reads well (_macros.html kind_name, app.css .kind-name): in
Chinese whole or at its brackets (产业结构调整 / （淘汰落后产能）), in English between its words. At 360 and
390 px the project page's line of facts broke it inside a word (产业结构调整（淘汰落后 / 产能）): a card's
cell and a line of running text break Chinese between any two characters."""
from __future__ import annotations

import pytest

from tests.browser.conftest import save_screenshot, settled, signed_in

pytestmark = pytest.mark.browser

WIDTHS = (360, 390, 768, 1280)
# Each shown kind name: its text and the offsets in it where a new line starts.
BREAKS_JS = """() => [...document.querySelectorAll('main .kind-name')].filter(e => e.checkVisibility()).map(el => {
  const text = el.textContent, node = el.firstChild, breaks = [];
  let last = null;
  for (let i = 0; i < text.length; i++) {
    const range = document.createRange(); range.setStart(node, i); range.setEnd(node, i + 1);
    const box = [...range.getClientRects()].find(q => q.width > 0);
    if (!box) continue;  // a space the line's end swallowed
    if (last !== null && box.top > last + 2) breaks.push(i);
    last = box.top;
  }
  return {text, breaks};
})"""


def pages(db) -> dict[str, str]:
    """Pages that show the structural adjustment's name, the longest kind, in a narrow place."""
    where = "FROM projects WHERE kind = 'structural_adjustment'"
    return {"project": f"/projects/{db(f'SELECT min(id) {where}')}",
            "projects": "/projects?kind=structural_adjustment",
            "rollup-projects": f"/rollups/projects?year={db(f'SELECT min(year) {where}')}&kind=structural_adjustment",
            "enterprise": f"/enterprises/{db(f'SELECT min(enterprise_id) {where}')}"}


def sensible(text: str, at: int, lang: str) -> bool:
    """Whether a line may start at ``text[at]``: at a bracket in Chinese, between words in English."""
    before, after = text[at - 1], text[at]
    if before in "）)" or after in "（(":
        return True
    return lang == "en" and (before in " -/" or after == " ")


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_kind_s_name_breaks_only_at_its_brackets_or_between_words(browser, live_server, db, lang):
    # each page opened once and laid out at each width in turn (line breaking is CSS alone)
    context, page = signed_in(browser, live_server, {"width": WIDTHS[0], "height": 800}, lang)
    for name, path in pages(db).items():
        settled(page, live_server + path)
        for width in WIDTHS:
            page.set_viewport_size({"width": width, "height": 800})
            names = page.evaluate(BREAKS_JS)
            assert names, (name, width)
            for shown in names:
                assert all(sensible(shown["text"], at, lang) for at in shown["breaks"]), (name, width, shown)
        save_screenshot(page, f"kind-names-{lang}-{name}")
    context.close()
