"""Phones (375 × 740) against a desktop (1280 px): the maps' layer list folds away on a phone only."""
from __future__ import annotations

import pytest

from tests.browser.conftest import save_screenshot, signed_in

pytestmark = pytest.mark.browser

PHONE = {"width": 375, "height": 740}
DESKTOP = {"width": 1280, "height": 860}
# The pages whose maps have more than one layer, so a layer list (folium's LayerControl).
LAYERED_MAPS = {"overview": "/", "projects": "/projects"}
EXPANDED = "leaflet-control-layers-expanded"


@pytest.mark.parametrize("name, path", LAYERED_MAPS.items())
def test_a_phone_shows_the_layer_list_folded_and_a_tap_opens_it(browser, live_server, name, path):
    context, page = signed_in(browser, live_server, PHONE, has_touch=True)
    page.goto(live_server + path)
    control = page.locator(".leaflet-control-layers")
    control.wait_for()
    # open, the list covered the top right of the map down to its middle (UX audit)
    assert EXPANDED not in control.get_attribute("class")
    assert not page.locator(".leaflet-control-layers-list").is_visible()
    toggle = page.locator(".leaflet-control-layers-toggle")
    assert toggle.get_attribute("title") == "图层"  # Leaflet's own word is English
    save_screenshot(page, f"small-screen-375-{name}-layers-folded")
    toggle.tap()
    assert EXPANDED in control.get_attribute("class")
    assert page.locator(".leaflet-control-layers-list").is_visible()
    context.close()


@pytest.mark.parametrize("name, path", LAYERED_MAPS.items())
def test_a_desktop_shows_the_layer_list_open(browser, live_server, name, path):
    context, page = signed_in(browser, live_server, DESKTOP)
    page.goto(live_server + path)
    control = page.locator(".leaflet-control-layers")
    control.wait_for()
    assert EXPANDED in control.get_attribute("class")
    assert page.locator(".leaflet-control-layers-list").is_visible()
    context.close()
