"""下载图片 in Chromium: a leader takes a rollup chart into a report as a PNG (made by the page's script
from the chart's SVG file, at twice its size, over white) or as that SVG, named for what it shows."""
from __future__ import annotations

import base64
import struct
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from registry import clock
from tests.browser.conftest import log_in, requests_elsewhere, settled

pytestmark = pytest.mark.browser

SVG = "{http://www.w3.org/2000/svg}"


def _png_size(data: bytes) -> tuple[int, int]:
    """(width, height) of a PNG file, from its header."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and data[12:16] == b"IHDR", data[:16]
    return struct.unpack(">II", data[16:24])


# (pixels not white, of the first series' blue, not opaque) of a PNG, decoded by the browser: in
# Python (pixels.py) the 1,520 × 800 pixels took 12 s.
COUNT_PIXELS_JS = """async (base64) => {
  const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
  const image = await createImageBitmap(new Blob([bytes], {type: "image/png"}));
  const canvas = new OffscreenCanvas(image.width, image.height), context = canvas.getContext("2d");
  context.drawImage(image, 0, 0);
  const data = context.getImageData(0, 0, image.width, image.height).data;
  let inked = 0, blue = 0, clear = 0;
  for (let i = 0; i < data.length; i += 4) {
    const [r, g, b, a] = [data[i], data[i + 1], data[i + 2], data[i + 3]];
    if (Math.min(r, g, b) < 235) inked++;
    if (Math.abs(r - 0x00) <= 8 && Math.abs(g - 0x72) <= 8 && Math.abs(b - 0xB2) <= 8) blue++;
    if (a < 255) clear++;
  }
  return [inked, blue, clear];
}"""


def test_a_chart_downloads_as_a_png_twice_its_size_and_as_an_svg_named_for_its_report(page, live_server):
    log_in(page, live_server, "planner")
    settled(page, live_server + "/rollups?year=2013")
    tools = page.locator(".chart-download").first  # the district chart's
    name = f"2013年度汇总_各区节能量_截至{clock.today()}"  # no as-of day: the figures are today's
    png_button = tools.get_by_role("button", name="PNG")
    png_button.focus()  # from the keyboard, as anyone can
    with page.expect_download() as caught:
        page.keyboard.press("Enter")
    png = caught.value
    assert png.suggested_filename == f"{name}.png"
    with page.expect_download() as caught:
        tools.get_by_role("link", name="SVG").click()
    assert caught.value.suggested_filename == f"{name}.svg"
    svg = ET.parse(caught.value.path()).getroot()
    drawn = [" ".join(t.itertext()) for t in svg.iter(f"{SVG}text")]
    assert drawn[0] == "2013 年度汇总" and "各区节能量（吨标准煤）" in drawn and "浦东新区" in drawn
    assert any(text.startswith("数据截至：") for text in drawn)
    data = Path(png.path()).read_bytes()
    width, height = _png_size(data)
    assert (width, height) == (2 * int(svg.get("width")), 2 * int(svg.get("height")))
    inked, blue, clear = page.evaluate(COUNT_PIXELS_JS, base64.b64encode(data).decode())
    # the chart is drawn on white, not a blank or a broken image: its texts and gridlines, and its bars
    assert inked > 0.03 * width * height and blue > 2000 and clear == 0, (inked, blue, clear)
    assert png_button.is_enabled() and tools.locator("[role=status]").inner_text() == ""
    assert requests_elsewhere(page, live_server) == []


def test_without_script_only_the_svg_is_offered_and_on_paper_neither(browser, live_server):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    log_in(page, live_server, "planner")
    page.goto(live_server + "/rollups?year=2013")
    assert page.locator(".chart-download a[download]:visible").count() == 3
    assert page.locator(".chart-download a.help-link:visible").count() == 1  # the first chart's, to chart-pictures
    assert page.locator(".chart-download button:visible").count() == 0
    page.emulate_media(media="print")
    assert page.locator(".chart-download:visible").count() == 0
    context.close()
