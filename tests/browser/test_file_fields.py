"""File fields speak the page's language: Chromium draws <input type=file> as "Choose File / No file
chosen" in the browser's language, English on a Chinese page. The bulk import and the wizard's upload
show a button and the chosen file's name in the page's language instead; the input itself is still
what a click on the button opens, what Tab reaches and what a screen reader names."""
from __future__ import annotations

import json

import pytest

from tests.browser.conftest import save_screenshot, settled, signed_in
from tests.browser.wizard import choose_kind_and_enterprise

pytestmark = pytest.mark.browser

DESKTOP = {"width": 1280, "height": 860}
PARCEL = {"type": "FeatureCollection", "features": [{"type": "Feature", "properties": {}, "geometry": {
    "type": "Polygon", "coordinates": [[[121.743, 31.17], [121.744, 31.17], [121.744, 31.171], [121.743, 31.17]]]}}]}


def name_and_description(page, field: str) -> tuple[str, str]:
    """What Chromium tells a screen reader of ``field``: its accessible name and description."""
    cdp = page.context.new_cdp_session(page)
    root = cdp.send("DOM.getDocument")["root"]["nodeId"]
    node = cdp.send("DOM.querySelector", {"nodeId": root, "selector": field})["nodeId"]
    (ax, *_) = cdp.send("Accessibility.getPartialAXTree", {"nodeId": node, "fetchRelatives": False})["nodes"]
    cdp.detach()
    return ax["name"]["value"], ax.get("description", {}).get("value", "")


def shown_texts(page, field: str) -> tuple[str, str]:
    """The visible button's and chosen name's texts of the file field whose input is ``field``."""
    picker = page.locator(f".file-picker:has({field})")
    return picker.locator(".file-button").inner_text(), picker.locator(".file-chosen").inner_text()


@pytest.mark.parametrize("lang, words", [("zh", ("选择文件", "未选择文件")), ("en", ("Choose file", "No file chosen"))])
def test_the_import_s_file_field_is_in_the_page_s_language_and_shows_the_chosen_name(browser, live_server, tmp_path,
                                                                                     lang, words):
    context, page = signed_in(browser, live_server, DESKTOP, lang, user="minhang")
    settled(page, live_server + "/imports/")
    field = page.locator("input[name=file]")
    assert field.bounding_box()["width"] <= 1 and page.locator(".file-picker .file-button").is_visible()  # out of sight
    assert shown_texts(page, "input[name=file]") == words
    # named by its label alone, and described by the chosen name in the page's language
    assert name_and_description(page, "input[name=file]") == (("文件", "未选择文件") if lang == "zh"
                                                              else ("File", "No file chosen"))
    path = tmp_path / "闵行地块.geojson"
    path.write_text(json.dumps(PARCEL), encoding="utf-8")
    page.set_input_files("input[name=file]", str(path))
    assert shown_texts(page, "input[name=file]") == (words[0], "闵行地块.geojson")
    save_screenshot(page, f"file-field-{lang}-chosen")
    context.close()


def test_a_click_on_the_button_opens_the_file_chooser_and_tab_reaches_the_field(browser, live_server, tmp_path):
    context, page = signed_in(browser, live_server, DESKTOP, user="minhang")
    settled(page, live_server + "/imports/")
    path = tmp_path / "parcels.geojson"
    path.write_text(json.dumps(PARCEL))
    with page.expect_file_chooser() as chooser:
        page.locator(".file-button").click()
    chooser.value.set_files(str(path))
    assert shown_texts(page, "input[name=file]")[1] == "parcels.geojson"
    page.focus("select[name=target]")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.name") == "file"
    # the focus is seen on the button, the input being out of sight
    assert page.locator(".file-button").evaluate("b => getComputedStyle(b).outlineStyle") == "solid"
    context.close()


def test_the_wizard_s_upload_keeps_the_name_of_the_file_it_read(browser, live_server, tmp_path):
    context, page = signed_in(browser, live_server, DESKTOP, user="pudong")
    settled(page, live_server + "/projects/new")
    choose_kind_and_enterprise(page, "上传文件名测试")
    assert shown_texts(page, "#upload") == ("选择文件", "未选择文件")
    path = tmp_path / "浦东地块.geojson"
    path.write_text(json.dumps(PARCEL), encoding="utf-8")
    page.set_input_files("#upload", str(path))
    page.wait_for_selector("#parcel-list li")
    # the wizard empties its input once it has read the file (to read the same file again)
    assert shown_texts(page, "#upload") == ("选择文件", "浦东地块.geojson")
    context.close()
