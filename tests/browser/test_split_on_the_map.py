"""A planner splits a freed parcel by drawing a cut line across it on the parcel page's map:
the drawn line is what the split form posts, and it crosses the parcel (the server cuts along it;
tests/web/test_land_writes.py posts such a line and sees the two parcels). The post is stopped
here, so the session's demo database keeps its parcels for the other browser tests."""
from __future__ import annotations

import json
from urllib.parse import parse_qs

import pytest
from shapely.geometry import shape

from geo.cutting import cut_along, cuts_something
from geo.map_styles import DRAWING
from tests.browser.conftest import save_screenshot, settled, signed_in

pytestmark = pytest.mark.browser

DESKTOP_VIEWPORT = {"width": 1280, "height": 900}


def test_a_cut_line_drawn_across_the_parcel_is_posted_by_the_split_form(browser, live_server, db):
    parcel = db("SELECT id FROM parcels WHERE status = 'freed' AND valid_to IS NULL ORDER BY id LIMIT 1")
    area = shape(json.loads(db("SELECT ST_AsGeoJSON(geom) FROM parcels WHERE id = :i", i=parcel)))
    context, page = signed_in(browser, live_server, DESKTOP_VIEWPORT, user="planner")
    settled(page, f"{live_server}/land/parcels/{parcel}")
    page.get_by_role("button", name="画分割线").click()
    box = page.locator("#parcel-map").bounding_box()  # in view now: the button brought the map up
    assert box["y"] >= 0 and box["y"] + box["height"] <= DESKTOP_VIEWPORT["height"]
    y = box["y"] + box["height"] / 2
    for x in (box["x"] + 40, box["x"] + box["width"] - 40, box["x"] + box["width"] - 40):  # the last point again ends it
        page.mouse.click(x, y)
        page.wait_for_timeout(150)
    save_screenshot(page, "split-cut-line")
    assert page.locator("#cut-state").inner_text().startswith("已画分割线（2 个点）")
    posted = []
    page.route(f"**/land/parcels/{parcel}/split", lambda route: (posted.append(route.request.post_data), route.abort()))
    page.get_by_role("button", name="拆分", exact=True).click()
    page.wait_for_timeout(300)
    line = shape(json.loads(parse_qs(posted[0])["line"][0]))
    assert line.geom_type == "LineString" and cuts_something(area, cut_along(area, line))
    context.close()


def test_without_a_line_the_split_form_says_what_to_do(browser, live_server, db):
    parcel = db("SELECT id FROM parcels WHERE status = 'freed' AND valid_to IS NULL ORDER BY id LIMIT 1")
    context, page = signed_in(browser, live_server, DESKTOP_VIEWPORT, user="planner")
    settled(page, f"{live_server}/land/parcels/{parcel}")
    page.get_by_role("button", name="拆分", exact=True).click()
    page.wait_for_load_state("networkidle")
    assert "请在地图上画一条横穿地块的分割线，或给出各部分" in page.locator(".split-form").inner_text()
    assert db("SELECT valid_to FROM parcels WHERE id = :i", i=parcel) is None
    context.close()


def test_a_planner_splits_then_merges_back_by_ticking_the_neighbour_on_the_map(browser, live_server, db):
    """The one test here that writes: it splits the last freed parcel and merges its halves again."""
    parcel = db("SELECT id FROM parcels WHERE status = 'freed' AND valid_to IS NULL ORDER BY id DESC LIMIT 1")
    x = db("SELECT (ST_XMin(geom) + ST_XMax(geom)) / 2 FROM parcels WHERE id = :i", i=parcel)
    south, north = (db(f"SELECT ST_Y{end}(geom) FROM parcels WHERE id = :i", i=parcel) for end in ("Min", "Max"))
    line = {"type": "LineString", "coordinates": [[x, south - 0.001], [x, north + 0.001]]}
    context, page = signed_in(browser, live_server, DESKTOP_VIEWPORT, user="planner")
    settled(page, f"{live_server}/land/parcels/{parcel}")
    page.locator("#split-line").evaluate("(field, line) => { field.value = line; }", json.dumps(line))
    page.get_by_role("button", name="拆分", exact=True).click()
    page.wait_for_load_state("networkidle")
    code = db("SELECT code FROM parcels WHERE id = :i", i=parcel)
    sibling = page.get_by_role("checkbox", name=f"{code}-2")
    assert not sibling.is_checked()
    page.locator("#parcel-map path.leaflet-interactive").nth(1).dispatch_event("click")  # the sibling's shape
    assert sibling.is_checked()
    assert page.locator("#parcel-map path.leaflet-interactive").nth(1).get_attribute("stroke") == DRAWING.outline
    save_screenshot(page, "merge-neighbour-ticked")
    page.get_by_role("button", name="合并", exact=True).click()
    page.wait_for_load_state("networkidle")
    assert page.locator("main").inner_text().startswith("地块已合并为一块。")
    merged = db("SELECT count(*) FROM parcel_lineage l JOIN parcels c ON c.id = l.parcel_id "
                "WHERE l.relation = 'merge' AND c.valid_to IS NULL AND c.code = :c", c=f"{code}-1-M2")
    assert merged == 2  # one new parcel, made of both halves
    context.close()
