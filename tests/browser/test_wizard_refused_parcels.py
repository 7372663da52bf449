"""A registration refused by the server comes back with the parcels drawn as they were: the reason
typed for a drawn parcel's overlap with a registered one (it was dropped, so the next save was refused
for it again, and the clerk had to type it anew), and the map opened on the drawn parcels, not on the
whole district (where a parcel of a hectare is a speck to find again)."""
from __future__ import annotations

import pytest

from tests.browser.conftest import save_screenshot
from tests.browser.wizard import draw_square, fill_motor_group, start_registration

pytestmark = pytest.mark.browser

# a registered parcel in Pudong, with nothing drawn or registered on it by the other browser tests
PARCEL_POINT = ("SELECT ARRAY[ST_Y(ST_PointOnSurface(geom)), ST_X(ST_PointOnSurface(geom))] FROM parcels "
                "WHERE district_code = '310115' AND valid_to IS NULL AND id NOT IN (SELECT parcel_id FROM project_parcels) "
                "ORDER BY id DESC LIMIT 1")
REASON = "同一厂区内的扩建部分"
# whether the map's view holds every parcel drawn, whole
DRAWN_IN_VIEW_JS = """() => JSON.parse(document.getElementById('new_parcels').value)
  .every((f) => wizardMap.getBounds().contains(L.geoJSON(f.geometry).getBounds()))"""


def test_a_refused_registration_keeps_the_overlap_reason_and_opens_the_map_on_the_drawn_parcel(page, live_server, db):
    start_registration(page, live_server, "浏览器测试：退回后的重叠原因")
    draw_square(page, [float(c) for c in db(PARCEL_POINT)])
    page.fill(".overlap-reason", REASON)
    page.click("#next")
    fill_motor_group(page)
    page.click("#next")
    page.fill("input[name=investment_wan_yuan]", "一千万")  # no number: the server refuses the save
    page.click("button[name=save][value=draft]")
    page.wait_for_selector(".flash, .errors, [role=alert]")
    page.wait_for_load_state("networkidle")
    assert "必须是数字" in page.inner_text("main")
    page.click("#steps-nav button[data-step='3']")
    page.wait_for_selector(".overlap-reason")
    assert page.input_value(".overlap-reason") == REASON
    page.wait_for_function("() => !wizardMap.getPane('mapPane').classList.contains('leaflet-zoom-anim')")
    assert page.evaluate("wizardMap.getZoom()") >= 15  # up close: the whole district is at 10 or 11
    assert page.evaluate(DRAWN_IN_VIEW_JS)
    save_screenshot(page, "wizard-refused-parcels")
