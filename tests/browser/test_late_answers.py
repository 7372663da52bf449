"""An answer the wizard's scripts asked for that comes late — after the user typed over the question
or moved the map on — changes nothing: under load, answers come in any order. Each test holds one
answer back with a route, changes the page, lets the answer through and waits until the page's
script has read it (conftest.count_answers_read)."""
from __future__ import annotations

import pytest

from tests.browser.conftest import answers_read, count_answers_read, signed_in, wait_for_answers_read
from tests.browser.wizard import after_the_opening_zoom

pytestmark = pytest.mark.browser

DESKTOP = {"width": 1280, "height": 900}
LOOKUP, PARCELS = "/projects/enterprise", "/projects/parcels.geojson"


def wizard(browser, live_server):
    context, page = signed_in(browser, live_server, DESKTOP, user="pudong")
    count_answers_read(page)
    page.goto(live_server + "/projects/new")
    return context, page


def test_the_look_up_of_a_credit_code_typed_over_neither_says_found_nor_fills_the_name(browser, live_server, db):
    code = db("SELECT credit_code FROM enterprises ORDER BY id LIMIT 1")  # registered: its answer names it
    context, page = wizard(browser, live_server)
    held = []
    page.route(lambda url: LOOKUP in url, lambda route: held.append(route))
    page.click("#steps-nav [data-step='2']")
    page.fill("#credit_code", code)  # complete: looked up at once, the answer held back
    page.fill("#credit_code", code[:10])  # typed over before the answer came
    page.click("#lookup")
    assert page.inner_text("#credit-feedback") == "统一社会信用代码为 18 位，此代码为 10 位。"
    assert len(held) == 1
    read = answers_read(page, LOOKUP)
    held[0].continue_()
    wait_for_answers_read(page, LOOKUP, read + 1)
    # it said 已找到 and filled in the name of an enterprise whose code was no longer in the field
    assert page.inner_text("#credit-feedback") == "统一社会信用代码为 18 位，此代码为 10 位。"
    assert page.input_value("#enterprise_name") == ""
    context.close()


def test_the_parcels_of_a_view_left_before_they_came_are_not_drawn(browser, live_server, db):
    lat, lon = db("SELECT ARRAY[ST_Y(p), ST_X(p)] FROM (SELECT ST_PointOnSurface(geom) AS p FROM parcels"
                  " WHERE district_code = '310115' AND valid_to IS NULL ORDER BY id LIMIT 1) AS first")
    context, page = wizard(browser, live_server)
    held = []
    page.route(lambda url: PARCELS in url, lambda route: held.append(route))
    page.click("#steps-nav [data-step='3']")
    after_the_opening_zoom(page)
    page.evaluate("([lat, lon]) => wizardMap.setView([lat, lon], 17, {animate: false})", [lat, lon])  # parcels asked for
    page.evaluate("([lat, lon]) => wizardMap.setView([lat, lon], 12, {animate: false})", [lat, lon])  # too far out for any
    existing = page.locator("#wizard-map path[role=button]")
    assert existing.count() == 0 and len(held) == 1
    answer = held[0].fetch()
    assert answer.json()["features"], "the held answer has parcels to draw"
    read = answers_read(page, PARCELS)
    held[0].fulfill(response=answer)
    wait_for_answers_read(page, PARCELS, read + 1)
    assert existing.count() == 0  # they were drawn, at a zoom that shows none
    context.close()
