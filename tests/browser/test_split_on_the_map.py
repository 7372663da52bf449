"""A planner splits a freed parcel by drawing a cut line across it on the parcel page's map: the
pieces are previewed on the map and in the form, the drawn line is what the split form posts, and
the parcels saved are the ones previewed; the merge form previews the union the same way.
Two tests write (a split and a merge back, a split of typed parts), each on a parcel of its own
that no other browser test reads; the others stop the post or never save."""
from __future__ import annotations

import json
from urllib.parse import parse_qs

import pytest
from shapely.geometry import shape

from playwright.sync_api import expect
from shapely.geometry import mapping

from geo.cutting import cut_along, cuts_something
from geo.map_styles import DRAWING, SPLIT_PIECES
from tests.browser.conftest import save_screenshot, settled, signed_in

pytestmark = pytest.mark.browser

DESKTOP_VIEWPORT = {"width": 1280, "height": 900}
# A freed parcel the demo made (not a split's or merge's): the writing tests take one each from the end.
UNTOUCHED_PARCEL = ("SELECT id FROM parcels WHERE status = 'freed' AND valid_to IS NULL "
                    "AND id NOT IN (SELECT parcel_id FROM parcel_lineage) ORDER BY id DESC LIMIT 1 OFFSET :skip")


def _draw_across(page, points: tuple[float, ...]) -> None:
    """Click ``points`` (fractions of the map's width, at its middle height) with the line tool on;
    the last point clicked twice ends the line."""
    page.get_by_role("button", name="画分割线").click()
    box = page.locator("#parcel-map").bounding_box()
    for fraction in (*points, points[-1]):
        page.mouse.click(box["x"] + fraction * box["width"], box["y"] + box["height"] / 2)
        page.wait_for_timeout(150)  # paced as a hand clicks: each point is taken at once, nothing to wait for


def _children(db, code: str) -> list[tuple[str, float]]:
    rows = db("SELECT json_agg(json_build_array(code, area_m2) ORDER BY code) FROM parcels "
              "WHERE valid_to IS NULL AND code LIKE :prefix", prefix=f"{code}-_")
    return [tuple(row) for row in rows]


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
        page.wait_for_timeout(150)  # paced as a hand clicks: each point is taken at once, nothing to wait for
    save_screenshot(page, "split-cut-line")
    assert page.locator("#cut-state").inner_text().startswith("已画分割线（2 个点）")
    page.route(f"**/land/parcels/{parcel}/split", lambda route: route.abort())  # stopped: nothing is split
    with page.expect_request(lambda r: r.method == "POST" and r.url.endswith(f"/land/parcels/{parcel}/split")) as posting:
        page.get_by_role("button", name="拆分", exact=True).click()
    line = shape(json.loads(parse_qs(posting.value.post_data)["line"][0]))
    assert line.geom_type == "LineString" and cuts_something(area, cut_along(area, line))
    context.close()


def test_a_line_that_cuts_nothing_is_refused_at_once_and_the_split_button_stays_disabled(browser, live_server, db):
    parcel = db("SELECT id FROM parcels WHERE status = 'freed' AND valid_to IS NULL ORDER BY id LIMIT 1")
    context, page = signed_in(browser, live_server, DESKTOP_VIEWPORT, user="planner")
    settled(page, f"{live_server}/land/parcels/{parcel}")
    split = page.locator(".split-form").get_by_role("button", name="拆分", exact=True)
    expect(split).to_be_disabled()  # nothing drawn or typed: nothing to split yet
    _draw_across(page, (0.05, 0.5))  # from outside to the middle: it ends inside the parcel
    expect(page.locator("#split-preview [role=alert]")).to_have_text("分割线：未横穿地块：请从地块外开始画，穿过地块，再画到地块外")
    expect(split).to_be_disabled()
    save_screenshot(page, "split-preview-refused")
    page.get_by_role("button", name="清除分割线").click()
    expect(page.locator("#split-preview")).to_be_empty()
    expect(page.get_by_role("button", name="画分割线")).to_be_focused()  # where the removed button's focus goes
    assert db("SELECT valid_to FROM parcels WHERE id = :i", i=parcel) is None
    context.close()


def test_a_planner_sees_the_pieces_before_splitting_and_the_union_before_merging_them_back(browser, live_server, db):
    parcel = db(UNTOUCHED_PARCEL, skip=0)
    code = db("SELECT code FROM parcels WHERE id = :i", i=parcel)
    context, page = signed_in(browser, live_server, DESKTOP_VIEWPORT, user="planner")
    settled(page, f"{live_server}/land/parcels/{parcel}")
    with page.expect_response(lambda r: r.url.endswith("/split/preview")) as answer:
        _draw_across(page, (0.03, 0.97))
    pieces = [f["properties"] for f in answer.value.json()["features"]]
    assert [p["code"] for p in pieces] == [f"{code}-1", f"{code}-2"]
    listed = page.locator("#split-preview li")
    expect(listed).to_have_text([f"{p['code']}：{p['area_text']}" for p in pieces])  # 12,345 m²（18.52 亩）
    labels = page.locator("#parcel-map .piece-label")
    expect(labels).to_have_text([f"{p['code']}{p['area_text']}" for p in pieces])
    fills = page.locator("#parcel-map path").evaluate_all("paths => paths.map(p => p.getAttribute('fill'))")
    assert {SPLIT_PIECES[0].fill, SPLIT_PIECES[1].fill} <= set(fills)  # each piece in a colour of its own
    save_screenshot(page, "split-preview")
    page.locator(".split-form").get_by_role("button", name="拆分", exact=True).click()
    page.wait_for_load_state("networkidle")
    saved = _children(db, code)
    assert [c for c, _ in saved] == [p["code"] for p in pieces]
    for (_code, area_m2), planned in zip(saved, pieces):
        assert area_m2 == pytest.approx(planned["area_m2"], rel=1e-6)

    # now on the first piece's page: its sibling, ticked on the map, is previewed as one parcel with it
    sibling = page.get_by_role("checkbox", name=f"{code}-2")
    assert not sibling.is_checked()
    with page.expect_response(lambda r: r.url.endswith("/merge/preview")) as answer:
        page.locator("#parcel-map path.leaflet-interactive").nth(1).dispatch_event("click")  # the sibling's shape
    assert sibling.is_checked()
    assert page.locator("#parcel-map path.leaflet-interactive").nth(1).get_attribute("stroke") == DRAWING.outline
    [union] = [f["properties"] for f in answer.value.json()["features"]]
    assert union["code"] == f"{code}-1-M2"
    assert union["area_m2"] == pytest.approx(sum(area for _c, area in saved), rel=1e-6)
    expect(page.locator("#merge-preview li")).to_have_text(f"{union['code']}：{union['area_text']}")
    save_screenshot(page, "merge-preview")
    page.get_by_role("button", name="合并", exact=True).click()
    page.wait_for_load_state("networkidle")
    assert page.locator("main").inner_text().startswith("地块已合并为一块。")
    merged = float(db("SELECT area_m2 FROM parcels WHERE valid_to IS NULL AND code = :c", c=union["code"]))
    assert merged == pytest.approx(union["area_m2"], rel=1e-6)
    context.close()


def test_parts_typed_under_the_disclosure_are_previewed_and_split_with_the_keyboard(browser, live_server, db):
    parcel = db(UNTOUCHED_PARCEL, skip=1)
    code = db("SELECT code FROM parcels WHERE id = :i", i=parcel)
    area = shape(json.loads(db("SELECT ST_AsGeoJSON(geom) FROM parcels WHERE id = :i", i=parcel)))
    west, south, east, north = area.bounds
    middle = {"type": "LineString", "coordinates": [[(west + east) / 2, south - 0.001], [(west + east) / 2, north + 0.001]]}
    parts = json.dumps([mapping(piece) for piece in cut_along(area, shape(middle))])
    context, page = signed_in(browser, live_server, DESKTOP_VIEWPORT, user="planner")
    settled(page, f"{live_server}/land/parcels/{parcel}")
    page.locator(".split-form summary").focus()
    page.keyboard.press("Enter")  # opens the disclosure
    page.keyboard.press("Tab")
    expect(page.locator(".split-form textarea")).to_be_focused()
    with page.expect_response(lambda r: r.url.endswith("/split/preview")) as answer:
        page.keyboard.insert_text(parts)
    pieces = [f["properties"] for f in answer.value.json()["features"]]
    expect(page.locator("#split-preview li")).to_have_count(2)
    page.keyboard.press("Tab")  # from the parts to the split button, enabled by the preview
    expect(page.locator(".split-form").get_by_role("button", name="拆分", exact=True)).to_be_focused()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    saved = _children(db, code)
    assert [c for c, _ in saved] == [p["code"] for p in pieces]
    assert [a for _c, a in saved] == pytest.approx([p["area_m2"] for p in pieces], rel=1e-6)
    context.close()
