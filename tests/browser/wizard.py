"""Driving the registration wizard in the browser tests: its first two steps, a motor group on the
energy step, a square drawn on its map, and a valid credit code."""
from __future__ import annotations

import json

from playwright.sync_api import expect

from tests.browser.conftest import log_in, signed_in

# A quiet spot in Pudong (310115) to draw in, and the polygon's corners as offsets in pixels.
DRAW_CENTRE = [31.1702, 121.7432]
CORNERS = [(-60, -40), (60, -40), (60, 40), (-60, 40)]


def choose_kind_and_enterprise(page, title: str, kind: str = "motor_upgrade") -> None:
    page.check(f"input[name=kind][value={kind}]")
    page.fill("input[name=year]", "2017")
    page.fill("input[name=title]", title)
    page.click("#next")
    page.fill("#credit_code", "91310115MA1K0000XX"[:17] + "0")
    page.fill("#credit_code", valid_code())
    page.click("#lookup")
    page.wait_for_selector("#credit-feedback.hint.ok")
    # the look-up's answer ("found" fills the name) lands before the name is typed, not over it
    expect(page.locator("#credit-feedback")).not_to_have_text("校验码正确。")
    if page.is_editable("#enterprise_name"):  # registered by an earlier test: its name is shown, read only
        page.fill("#enterprise_name", "上海浏览器测试电机有限公司")
    page.click("#next")


# A typical group (1 × 15 kW IE2 → IE4, load 0.75, 5,000 h: 0.43 tce): the energy step starts empty.
MOTOR_GROUP = {"count": "1", "rated_kw": "15", "load_factor": "0.75", "hours": "5000", "efficiency_before": "0.887",
               "efficiency_after": "0.939"}


def fill_motor_group(page, index: int = 0, **values: str) -> None:
    """Type a motor group on the energy step (``values`` overrides the typical group's)."""
    for name, value in (MOTOR_GROUP | values).items():
        page.fill(f"input[name='motor-{index}-{name}']", value)


def valid_code(first17: str = "91310115MA1KBR001") -> str:
    from registry.domain.credit_code import credit_code_check_char

    return first17 + credit_code_check_char(first17)


# The parcels step zooms its map to the user's district in a timeout of 0 (wizard.js show), which
# Leaflet animates from the next frame on, its map pane marked leaflet-zoom-anim until the zoom ends;
# a view set before then is dropped or undone. A timeout of 0 and a frame asked for now come after
# theirs: once they have run, the zoom is over or its end is awaited.
AFTER_THE_OPENING_ZOOM_JS = """() => { window.openingZoomDone = false;
  const done = () => { window.openingZoomDone = true; };
  setTimeout(() => requestAnimationFrame(() => {
    if (wizardMap.getPane("mapPane").classList.contains("leaflet-zoom-anim")) wizardMap.once("zoomend", done);
    else done();
  }), 0); }"""


def after_the_opening_zoom(page) -> None:
    """Wait until the parcels step, just opened, has zoomed its map to the user's district."""
    page.evaluate(AFTER_THE_OPENING_ZOOM_JS)
    page.wait_for_function("() => window.openingZoomDone")


def draw_square(page, centre=DRAW_CENTRE) -> None:
    after_the_opening_zoom(page)
    page.evaluate(f"wizardMap.setView({json.dumps(centre)}, 17, {{animate: false}})")
    page.wait_for_function("() => wizardMap.getZoom() === 17")
    box = page.locator("#wizard-map").bounding_box()
    cx, cy = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
    page.click("#draw")
    for dx, dy in CORNERS:
        page.mouse.click(cx + dx, cy + dy)
    page.mouse.click(cx + CORNERS[0][0], cy + CORNERS[0][1])  # back on the first vertex closes it
    item = page.wait_for_selector("#parcel-list li:not(:has-text('…'))")
    if page.locator(".overlap-reason").count():
        page.fill(".overlap-reason", "测试：与示意地块重叠")
    assert "m²" in item.inner_text(), item.inner_text()


def start_registration(page, live_server: str, title: str, kind: str = "motor_upgrade", user: str = "pudong") -> None:
    """Sign in as ``user`` (district staff), open the wizard and pass its kind and enterprise steps."""
    log_in(page, live_server, user)
    page.goto(live_server + "/projects/new")
    choose_kind_and_enterprise(page, title, kind=kind)


def new_exit(browser, live_server: str, viewport: dict, lang: str = "zh"):
    """(context, page, errors): the wizard of a new exit (产业结构调整) of 2017, signed in as Pudong's
    staff; ``errors`` collects the page's uncaught errors."""
    context, page = signed_in(browser, live_server, viewport, lang=lang, user="pudong")
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(live_server + "/projects/new")
    page.check("input[name=kind][value=structural_adjustment]")
    page.fill("input[name=year]", "2017")
    return context, page, errors
