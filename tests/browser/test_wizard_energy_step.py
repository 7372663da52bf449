"""The wizard's energy step and review: nothing typed for the user, problems once they are the
user's, the savings (and how they were computed) on the review step, ledgers on a phone."""
from __future__ import annotations

import re

import pytest

from tests.browser.conftest import page_scroll_width, save_screenshot, signed_in
from tests.browser.wizard import choose_kind_and_enterprise, fill_motor_group

pytestmark = pytest.mark.browser

DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}
PREVIEW = "#preview-body"
REVIEW = "#review-preview"
LINES = "填写每一行的能源品种、数量和单位后即可看到节能量。"  # the step's hint: no preview asked before


def energy_step(browser, live_server, title: str, kind: str, viewport=DESKTOP, lang: str = "zh"):
    context, page = signed_in(browser, live_server, viewport, lang=lang, user="pudong")
    page.goto(live_server + "/projects/new")
    choose_kind_and_enterprise(page, title, kind=kind)
    page.click("#next")  # no parcel: on to the energy data, whose empty document says what it needs
    page.wait_for_selector(f"{PREVIEW}[aria-busy=false]", state="attached")
    return context, page


def test_the_motor_step_starts_empty_and_an_untouched_group_is_not_saved(browser, live_server, db):
    """The step was filled with an example group (1 × 15 kW, 0.887 → 0.939) that a save stored as data."""
    title = "浏览器测试：未填写的电机组"
    context, page = energy_step(browser, live_server, title, "motor_upgrade")
    fields = page.locator(".motor input[inputmode=decimal]")
    assert fields.count() == 6
    assert [fields.nth(i).input_value() for i in range(6)] == [""] * 6
    assert page.get_attribute("input[name='motor-0-rated_kw']", "placeholder") == "例如：15"  # a hint, not a value
    assert page.locator("#inputs-form button", has_text="添加一组电机").count() == 1
    page.click("#next")
    page.click("button[name=save][value=draft]")
    page.wait_for_load_state("networkidle")
    assert "项目未保存" in page.inner_text(".form-error")
    assert db("SELECT count(*) FROM projects WHERE title = :t", t=title) == 0
    context.close()


def test_required_problems_wait_until_a_field_is_touched_or_the_user_goes_on(browser, live_server):
    """The preview listed 改造前 … 数量：为必填项 before anything was typed; the step's hint says what it
    needs while a line is empty (test_wizard_preview_questions.py), the server's problems once it is full."""
    context, page = energy_step(browser, live_server, "浏览器测试：未触及的字段", "technical_retrofit")
    assert page.inner_text(PREVIEW) == LINES
    page.fill("input[name='energy_after-0-quantity']", "80")
    page.fill("input[name='energy_before-0-quantity']", "100")
    page.wait_for_selector(f"{PREVIEW} .preview-value")
    page.fill("input[name='energy_before-0-quantity']", "")  # touched, and empty again
    assert page.inner_text(PREVIEW) == LINES
    page.fill("input[name='energy_after-0-quantity']", "")
    page.click("#next")  # going on: every problem is the user's now, on the review step as well
    page.wait_for_function(f"() => document.querySelectorAll('{REVIEW} li').length === 2")
    assert page.locator(f"{REVIEW} li").all_inner_texts() == [
        "改造前（基准期） · 第 1 行 · 数量：为必填项", "改造后（报告期） · 第 1 行 · 数量：为必填项"]
    context.close()


@pytest.mark.parametrize("typed", ["12e", "1,2,3"])
def test_a_quantity_or_year_that_is_no_number_is_said_to_be_none_not_required(browser, live_server, typed):
    """An <input type=number> is empty for "12e": the preview and the refused save said 为必填项."""
    context, page = energy_step(browser, live_server, "浏览器测试：不是数字", "technical_retrofit")
    page.fill("input[name='energy_after-0-quantity']", "80")  # every line filled in: the preview is asked
    page.locator("input[name='energy_before-0-quantity']").press_sequentially(typed)
    page.wait_for_selector(f"{PREVIEW}.field-error li")
    assert page.locator(f"{PREVIEW} li").all_inner_texts() == [f"改造前（基准期） · 第 1 行 · 数量：必须是数字，实际为“{typed}”"]
    page.click("#steps-nav [data-step='1']")
    page.fill("input[name=year]", "")
    page.locator("input[name=year]").press_sequentially(typed)
    page.click("#steps-nav [data-step='5']")
    page.click("button[name=save][value=draft]")
    page.wait_for_selector(".form-error")
    assert f"年度：必须是数字，实际为“{typed}”" in page.locator(".form-error li").all_inner_texts()
    context.close()


def test_problems_follow_the_order_of_the_fields(browser, live_server):
    context, page = energy_step(browser, live_server, "浏览器测试：问题的顺序", "motor_upgrade")
    page.click("#next")
    page.wait_for_function(f"() => document.querySelectorAll('{REVIEW} li').length === 6")
    assert [text.split("：")[0] for text in page.locator(f"{REVIEW} li").all_inner_texts()] == [
        "第 1 组电机 · 台数", "第 1 组电机 · 额定功率（千瓦）", "第 1 组电机 · 负载率（0–1）",
        "第 1 组电机 · 年运行小时数", "第 1 组电机 · 改造前效率（0–1）", "第 1 组电机 · 改造后效率（0–1）"]
    context.close()


@pytest.mark.parametrize("lang, method, savings", [("zh", "核算方法 电机公式", "0.43 吨标准煤"),
                                                   ("en", "Savings method Motor formula", "0.43 tce")])
def test_the_review_step_shows_the_savings_and_their_method_before_saving(browser, live_server, lang, method, savings):
    """The last step showed the kind, enterprise and parcels, but not what would be credited."""
    context, page = energy_step(browser, live_server, "浏览器测试：核对节能量", "motor_upgrade", lang=lang)
    fill_motor_group(page)
    page.wait_for_selector(f"{PREVIEW} .preview-value")
    page.click("#next")
    page.wait_for_selector(f"{REVIEW} .preview-value")
    review = re.sub(r"\s+", " ", page.inner_text(REVIEW))
    assert method in review and savings in review, review
    save_screenshot(page, f"wizard-review-savings-{lang}")
    context.close()


def test_the_preview_gives_its_figures_with_the_places_of_the_project_page(browser, live_server):
    """463.5 吨标准煤 in the preview was 463.50 吨标准煤 on the saved project's page."""
    context, page = energy_step(browser, live_server, "浏览器测试：两位小数", "technical_retrofit")
    page.fill("input[name='energy_before-0-quantity']", "800")  # 10^4 kWh
    page.fill("input[name='energy_after-0-quantity']", "650")
    page.wait_for_selector(f"{PREVIEW} .preview-value")
    # 150 × 10^4 kWh: 184.35 tce at 0.1229, 463.50 at 2017's 0.309 kgce/kWh
    assert page.locator(f"{PREVIEW} .preview-value").all_inner_texts()[1:3] == ["184.35 吨标准煤", "463.50 吨标准煤"]
    context.close()


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_ledger_stacks_on_a_phone_with_every_field_in_view(browser, live_server, lang):
    """At 390 px the ledger's four columns cut the unit and the remove button off."""
    context, page = energy_step(browser, live_server, "浏览器测试：手机上的台账", "technical_retrofit", PHONE, lang)
    fieldset = page.locator("fieldset:has(table.ledger)").first.bounding_box()
    for name in ("energy_before-0-energy", "energy_before-0-quantity", "energy_before-0-unit"):
        box = page.locator(f"[name='{name}']").bounding_box()
        assert fieldset["x"] <= box["x"] and box["x"] + box["width"] <= fieldset["x"] + fieldset["width"], name
    remove = page.locator("table.ledger button").first.bounding_box()
    assert remove["x"] + remove["width"] <= fieldset["x"] + fieldset["width"]
    # each field under its column's name, as the header row says on a wider screen
    label = page.evaluate("getComputedStyle(document.querySelector('table.ledger td[data-label]'), '::before').content")
    assert label == ('"能源品种"' if lang == "zh" else '"Energy"')
    assert page_scroll_width(page) <= PHONE["width"]
    save_screenshot(page, f"wizard-ledger-phone-{lang}")
    context.close()


def test_the_energy_step_before_a_kind_is_chosen_says_so_and_leads_back_to_it(browser, live_server):
    """Opened from the step buttons with no kind chosen, the step had no field at all and no word why."""
    context, page = signed_in(browser, live_server, DESKTOP, user="pudong")
    page.goto(live_server + "/projects/new")
    page.click("#steps-nav [data-step='4']")
    assert page.is_visible("#no-kind")
    assert page.inner_text("#no-kind").startswith("请先选择项目类型：需要填写哪些能源数据取决于项目类型。")
    assert page.locator("#inputs-form input").count() == 0
    page.click("#choose-kind")
    assert page.is_visible("input[name=kind][value=motor_upgrade]")
    assert page.evaluate("document.activeElement.textContent") == "1. 项目类型"  # the focus on the step it opened
    page.check("input[name=kind][value=motor_upgrade]")
    page.click("#steps-nav [data-step='4']")
    assert not page.is_visible("#no-kind") and page.locator(".motor input[inputmode=decimal]").count() == 6
    context.close()


def test_an_audit_takes_measured_ledgers_on_its_energy_step(browser, live_server, db):
    """The step said "add measured ledgers if there are any" and had no field for them (only the JSON box)."""
    title = "浏览器测试：有实测台账的清洁生产审核"
    context, page = energy_step(browser, live_server, title, "cleaner_production")
    method = page.locator("select[name=in-mode]")
    assert method.locator("option").all_inner_texts() == ["无能耗数据", "改造前后实测"]
    assert "请将方法选为“改造前后实测”" in page.inner_text("#inputs-form .hint")
    assert page.locator("#inputs-form table.ledger").count() == 0
    method.select_option("measured")
    assert page.locator("#inputs-form table.ledger").count() == 2
    page.fill("input[name='energy_before-0-quantity']", "10")
    page.fill("input[name='energy_after-0-quantity']", "8")  # 2 万立方米 of natural gas saved
    page.wait_for_function(f"() => document.querySelector('{PREVIEW}').textContent.includes('改造前后实测')")
    assert "0.00 吨标准煤" not in page.inner_text(PREVIEW)
    page.click("#next")
    page.click("button[name=save][value=draft]")
    page.wait_for_url(re.compile(r"/projects/\d+$"))
    assert db("SELECT inputs -> 'energy_after' -> 0 ->> 'quantity' FROM projects WHERE title = :t", t=title) == "8"
    context.close()


@pytest.mark.parametrize("lang, warning", [
    ("zh", "节能量为负数：改造后的能耗高于改造前。请核对各行的数量和单位（例如吨与万立方米）。"),
    ("en", "The savings are negative: more energy is used after the project than before. Check each line's "
           "quantity and unit (tonnes against 10⁴ m³, for instance)."),
])
def test_negative_savings_are_questioned_beside_the_figure_on_the_energy_and_review_steps(browser, live_server,
                                                                                         lang, warning):
    """-50.00 吨标准煤 (after a unit mixed up) was shown in bold like any saving, and submitted as one."""
    context, page = energy_step(browser, live_server, "浏览器测试：负的节能量", "technical_retrofit", lang=lang)
    page.fill("input[name='energy_before-0-quantity']", "650")  # 10^4 kWh: more after than before
    page.fill("input[name='energy_after-0-quantity']", "800")
    page.wait_for_selector(f"{PREVIEW} .preview-value")
    assert page.inner_text(f"{PREVIEW} .preview-warning") == warning
    page.click("#next")
    page.wait_for_selector(f"{REVIEW} .preview-value")
    assert page.inner_text(f"{REVIEW} .preview-warning") == warning
    page.click("#prev")
    page.fill("input[name='energy_after-0-quantity']", "600")  # a saving again: no question left
    page.wait_for_selector(f"{PREVIEW}[aria-busy=false] .preview-value")
    assert page.locator(".preview-warning").count() == 0
    context.close()
