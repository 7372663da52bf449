"""The freed-land map shows the districts ticked, outlined, and frames them when no parcel is drawn:
a query for 黄浦区 that found nothing showed the whole city, the district a speck in it."""
from __future__ import annotations

import pytest

from tests.browser.conftest import inside, save_screenshot, settled, signed_in

pytestmark = pytest.mark.browser

BOXES_JS = """() => { const box = el => { const r = el.getBoundingClientRect();
    return {left: r.left, top: r.top, right: r.right, bottom: r.bottom, width: r.width, height: r.height}; };
  return {map: box(document.getElementById('freed-map')),
          chosen: [...document.querySelectorAll('#freed-map path.chosen-district')].map(box)}; }"""


@pytest.mark.parametrize("width", [1366, 390])
def test_an_empty_query_frames_the_chosen_district(browser, live_server, width):
    context, page = signed_in(browser, live_server, {"width": width, "height": 900}, user="planner")
    settled(page, f"{live_server}/land/freed?district=310101&year_from=2099")  # 黄浦区, nothing freed in 2099
    assert page.inner_text("#total-count") == "0"
    page.locator("#freed-map").scroll_into_view_if_needed()
    drawn = page.evaluate(BOXES_JS)
    assert len(drawn["chosen"]) == 1, drawn
    [district], frame = drawn["chosen"], drawn["map"]
    assert inside(district, frame, slack=2), drawn  # the district whole in view
    # and filling it: its longer side at least half the map's (the city's view left it a few per cent)
    assert max(district["width"] / frame["width"], district["height"] / frame["height"]) > 0.5, drawn
    save_screenshot(page, f"freed-map-district-{width}")
    context.close()
