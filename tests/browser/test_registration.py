"""Registration in a real headless Chromium: draw a parcel, live preview, submit, approve."""
from __future__ import annotations

import json
import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import log_in, save_screenshot
from tests.browser.wizard import DRAW_CENTRE, draw_square, fill_motor_group, start_registration

pytestmark = pytest.mark.browser

def test_staff_registers_by_drawing_and_reviewer_approves(browser, live_server):
    staff = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN")
    page = staff.new_page()
    requests = []
    page.on("request", lambda r: requests.append(r.url))
    start_registration(page, live_server, "浏览器测试：高效电机改造")
    draw_square(page)
    save_screenshot(page, "wizard-drawn-parcel")
    # the land use by its name, as the parcel's page gives it, not by its code alone
    assert page.locator("#parcel-list select option:checked").inner_text() == "二类工业用地（M2）"
    # its area to the places every page gives an area (presentation.PLACES), grouped, 公顷 in words:
    # it read "1234.57 亩 · 82.30 ha", ungrouped and half in English
    drawn = page.inner_text("#parcel-list li")
    assert re.search(r"面积 [\d,]+ m² · [\d,]+\.\d\d 亩 · [\d,]+\.\d\d 公顷", drawn) and " ha" not in drawn, drawn
    # removing is the red secondary button of every other remove (feedback.css), not the primary blue
    remove_looks = "b => [b.className, getComputedStyle(b).backgroundColor]"
    # named by what it removes, as every remove of the wizard: a screen reader's list of buttons read "移除" alike
    assert page.get_by_role("button", name="移除新地块 1", exact=True).evaluate(remove_looks) == ["danger small", "rgb(255, 255, 255)"]
    page.click("#next")
    fill_motor_group(page)
    assert page.get_by_role("button", name="移除电机组 1", exact=True).evaluate(remove_looks) == ["danger small", "rgb(255, 255, 255)"]
    # and adding a line or a group is secondary too: the step's one primary button is 下一步
    assert page.locator("#inputs-form fieldset > button").evaluate_all("bs => bs.map(b => b.className)") == ["secondary"]
    page.wait_for_selector(".preview-value")
    preview = page.inner_text("#preview-body")
    # units in the page's language, words only: 千瓦时 and 千瓦 as 吨标准煤, never kWh or kW beside them;
    # the places of the project page (kW to one decimal)
    assert "0.43 吨标准煤" in preview and "3,512 千瓦时" in preview and "15.0 千瓦（其中再制造 0.0 千瓦）" in preview
    assert not re.search("[A-Za-z]", preview), preview
    assert page.locator(".motor label.check").bounding_box()["height"] < 30  # the box beside its words, one line
    save_screenshot(page, "wizard-live-preview")
    page.click("#next")
    # the review step names what its buttons save: the project and year typed on step 1
    assert page.inner_text("section[data-step='5'] .review-subject") == "项目：浏览器测试：高效电机改造，年度：2017"
    page.click("button[name=save][value=submit]")
    page.wait_for_url(re.compile(r"/projects/\d+$"))
    detail_url = page.url
    assert "已提交" in page.inner_text("main")
    # ΔkWh = 15 × 0.75 × 5000 × (1/0.887 − 1/0.939) = 3,511 kWh → 0.43 tce (当量值)
    assert "0.43" in page.inner_text("main")
    outside = [u for u in requests if not u.startswith(live_server) and not u.startswith("data:")]
    assert outside == []
    staff.close()

    reviewer = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN")
    page = reviewer.new_page()
    log_in(page, live_server, "reviewer")
    page.goto(detail_url)
    page.click("button.action-approve")
    page.wait_for_selector("text=已批准")
    page.goto(live_server + "/projects?q=浏览器测试")
    row = page.inner_text("table.data tbody")
    assert "浏览器测试电机" in row and "已批准" in row and "0.43" in row
    page.wait_for_function("() => document.querySelectorAll('path.leaflet-interactive').length >= 17")  # 16 districts + the parcel
    save_screenshot(page, "project-list-with-map")
    reviewer.close()


def test_intensity_units_are_named_in_the_page_language(browser, live_server):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN")
    page = context.new_page()
    start_registration(page, live_server, "单耗法测试", kind="technical_retrofit")
    draw_square(page, [DRAW_CENTRE[0] - 0.003, DRAW_CENTRE[1]])  # clear of the parcel the first test registers
    page.click("#next")
    # ledger units in the page's language (万立方米, 万千瓦时), their values the unit codes
    multiples = page.eval_on_selector_all("option[value^='10^4']", "os => os.map(o => o.textContent)")
    assert multiples and all(text.startswith("万") for text in multiples), multiples
    units = page.eval_on_selector_all("option[value='kWh'], option[value='MWh'], option[value='GJ'], option[value='kgce']",
                                      "os => os.map(o => o.textContent)")
    assert units and not any(re.search("[A-Za-z]", text) for text in units), units  # 千瓦时, 兆瓦时, 吉焦 …
    # each ledger line's remove names its line and ledger (a line's fields are named by the same two)
    assert page.locator("table.ledger button").evaluate_all("bs => bs.map(b => b.getAttribute('aria-label'))") == [
        "移除“改造前（基准期）”第 1 行", "移除“改造后（报告期）”第 1 行"]
    page.select_option("select:has(option[value='intensity'])", "intensity")
    unit = page.locator("select:has(option[value='kgce/万元'])")
    options = unit.locator("option").all_inner_texts()
    assert options == ["吨标准煤/吨产品", "千克标准煤/吨产品", "吨标准煤/万元产值", "千克标准煤/万元产值"]
    unit.select_option("kgce/万元")  # the value stays the unit code the accounting engine reads
    assert unit.input_value() == "kgce/万元"
    labels = page.locator("#inputs-form label").all()
    assert len(labels) == 5
    for label in labels:  # each label sits above its own field
        control = label.locator("input, select").first
        assert control.bounding_box()["y"] > label.bounding_box()["y"] + 8
    save_screenshot(page, "wizard-intensity-units")
    context.close()


def test_uploading_a_self_intersecting_geojson_offers_a_repair(page, live_server, tmp_path):
    bow_tie = {"type": "FeatureCollection", "features": [{"type": "Feature", "properties": {}, "geometry": {
        "type": "Polygon", "coordinates": [[[121.7430, 31.1700], [121.7440, 31.1710], [121.7440, 31.1700],
                                            [121.7430, 31.1710], [121.7430, 31.1700]]]}}]}
    path = tmp_path / "bow-tie.geojson"
    path.write_text(json.dumps(bow_tie))
    start_registration(page, live_server, "上传测试")
    page.set_input_files("#upload", str(path))
    page.wait_for_selector("button.use-repair")
    assert "自相交" in page.inner_text("#parcel-list")  # GEOS's reason, translated
    save_screenshot(page, "wizard-repair-offer")
    page.click("button.use-repair")
    page.wait_for_selector("#parcel-list li.ok")


def test_uploading_a_zipped_shapefile_in_cgcs2000(page, live_server, tmp_path):
    from tests.web.test_parcel_uploads import zipped_shapefile_in_4490

    archive = tmp_path / "parcel.zip"
    archive.write_bytes(zipped_shapefile_in_4490(tmp_path))
    start_registration(page, live_server, "Shapefile 测试")
    page.set_input_files("#upload", str(archive))
    item = page.wait_for_selector("#parcel-list li:not(:has-text('…'))")
    assert "m²" in item.inner_text() or "重叠" in item.inner_text()


def test_an_upload_answer_the_map_cannot_use_is_reported(page, live_server, tmp_path):
    path = tmp_path / "parcel.geojson"
    path.write_text(json.dumps({"type": "FeatureCollection", "features": []}))
    start_registration(page, live_server, "上传失败测试")
    # NaN is not JSON: response.json() throws, which once made the upload silently do nothing.
    page.route("**/projects/parcel-upload", lambda route: route.fulfill(
        status=200, content_type="application/json", body='{"type": "FeatureCollection", "features": [{"area": NaN}]}'))
    page.set_input_files("#upload", str(path))
    shown = page.wait_for_selector("#upload-error:not([hidden])")
    assert shown.inner_text() == "文件无法使用：无法读取服务器的响应；请重试或改用其他文件格式"
    page.unroute("**/projects/parcel-upload")
    page.set_input_files("#upload", str(path))  # the server's own refusal is shown the same way
    page.wait_for_function("() => (t => t.startsWith('文件无法使用：') && !t.includes('服务器的响应'))"
                           "(document.querySelector('#upload-error').textContent)")


def test_the_preview_names_a_wrong_field_as_the_form_labels_it(page, live_server):
    """The preview listed problems by document path: motors[0].efficiency_before: …"""
    start_registration(page, live_server, "预览字段名测试")
    page.click("#next")
    fill_motor_group(page, efficiency_before="92.1")  # a percentage where a fraction belongs
    expect(page.locator("#preview-body li")).to_have_text(["第 1 组电机 · 改造前效率（0–1）：必须大于 0 且不超过 1"])


def test_an_electric_boiler_estimate_is_counted_on_both_bases(page, live_server):
    """The efficiency estimate could not say the new boiler is electric, so a coal → electric boiler
    saved as much on the 等价值 basis as on the 当量值 basis (DOMAIN §4.1: it uses more)."""
    start_registration(page, live_server, "燃煤锅炉改电锅炉", kind="boiler_replacement")
    page.click("#next")
    page.select_option("select[name='in-mode']", "efficiency")
    page.fill("input[name='energy_before-0-quantity']", "2000")  # t of raw coal: 1,428.6 tce
    page.fill("input[name='in-efficiency_before']", "0.65")
    page.fill("input[name='in-efficiency_after']", "0.95")
    page.select_option("select[name='in-new_energy']", "electricity")
    # 当量: 1428.6 × 0.30/0.95 = 451.14; 等价 (2017, 0.309): 1428.6 − 977.46 tce ÷ 0.1229 × 0.309 = −1,028.98
    page.wait_for_function("() => document.querySelector('#preview-body').textContent.includes('-1,028.98')")
    preview = page.inner_text("#preview-body")
    assert "451.14 吨标准煤" in preview and "-1,028.98 吨标准煤" in preview, preview
