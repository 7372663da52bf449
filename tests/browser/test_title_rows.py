"""A page's title row at a phone's, a tablet's and a desk's width, in Chinese and English: what stands
beside the title (the print button, the help link, the list's register button) sits at the right on
one line, wrapping under the title where there is no room, never over it nor over each other. Beside
a project's title the print button and the help link had stacked in a narrow column (768 and 1280 px),
and a lone help link wrapped to the left edge in English at 360 px."""
from __future__ import annotations

import pytest

from tests.browser.conftest import save_screenshot, settled, signed_in

pytestmark = pytest.mark.browser

SCREENS = {"phone": {"width": 360, "height": 740}, "tablet": {"width": 768, "height": 1024},
           "desk": {"width": 1280, "height": 860}}
# The title row's title and controls: each one's box, and the row's right edge.
ROW_JS = """() => {
  const head = document.querySelector('main .list-head');
  const box = e => { const r = e.getBoundingClientRect(); return {left: r.left, right: r.right, top: r.top, bottom: r.bottom}; };
  const controls = [...head.querySelectorAll('.print-button, .help-link, a.button')].filter(e => e.checkVisibility());
  return {title: box(head.querySelector('h1')), controls: controls.map(e => ({name: e.textContent.trim(), ...box(e)})),
          right: box(head).right, viewport: innerWidth};
}"""


def pages(db) -> dict[str, str]:
    """Pages whose title has a print button, a help link or both beside it (a long title among them)."""
    return {"project": f"/projects/{db('SELECT id FROM projects ORDER BY length(title) DESC, id LIMIT 1')}",
            "parcel": f"/land/parcels/{db('SELECT min(parcel_id) FROM project_parcels')}",
            "projects": "/projects", "freed": "/land/freed", "rollups": "/rollups?year=2013",
            "matching": "/land/matching", "reference": "/reference", "help": "/help/review", "quality": "/quality/",
            "enterprises": "/enterprises", "monitoring": "/monitoring"}


def overlap(a: dict, b: dict) -> bool:
    return a["left"] < b["right"] - 1 and b["left"] < a["right"] - 1 and a["top"] < b["bottom"] - 1 and b["top"] < a["bottom"] - 1


def middle(box: dict) -> float:
    return (box["top"] + box["bottom"]) / 2


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_title_row_s_controls_sit_at_the_right_on_one_line_clear_of_the_title(browser, live_server, db, lang):
    # Each page is opened once and laid out at each screen's width in turn (the title row is CSS alone).
    context, page = signed_in(browser, live_server, SCREENS["desk"], lang)
    for name, path in pages(db).items():
        settled(page, live_server + path)
        for screen, size in SCREENS.items():
            page.set_viewport_size(size)
            row = page.evaluate(ROW_JS)
            controls = row["controls"]
            where = f"{name} ({lang}, {screen}, {row['viewport']} px): {row}"
            assert row["viewport"] == size["width"] and controls, where
            for n, control in enumerate(controls):
                assert not overlap(control, row["title"]), where
                assert control["left"] >= 0 and control["right"] <= row["viewport"], where
                assert all(not overlap(control, other) for other in controls[n + 1:]), where
                # on one line: the print button's and the help link's middles level, not one under the other
                assert abs(middle(control) - middle(controls[0])) <= 3, where
            assert abs(controls[-1]["right"] - row["right"]) <= 1, where  # at the right, also when wrapped
            if name == "project":
                save_screenshot(page, f"title-row-{screen}-{lang}-project")
    context.close()
