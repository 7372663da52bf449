"""The registration wizard's controls in Chromium: a control that does not apply is hidden (CSS
`display` had overridden the `hidden` attribute), and the steps and the map work from the keyboard."""
from __future__ import annotations

import re

import pytest
from sqlalchemy import create_engine, pool, text

from tests.browser.conftest import log_in, save_screenshot
from tests.browser.wizard import after_the_opening_zoom

pytestmark = pytest.mark.browser


def open_wizard(browser, live_server):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN")
    page = context.new_page()
    log_in(page, live_server, "pudong")
    page.goto(live_server + "/projects/new")
    return context, page


def energy_step_of(browser, live_server, kind: str, year: str = "2017"):
    """The wizard opened on the energy step of a ``kind`` project of ``year``."""
    context, page = open_wizard(browser, live_server)
    page.check(f"input[name=kind][value={kind}]")
    page.fill("input[name=year]", year)
    page.click("#steps-nav [data-step='4']")
    return context, page


def test_wizard_shows_only_the_controls_that_apply(browser, live_server):
    context, page = open_wizard(browser, live_server)
    assert not page.is_visible("#prev")  # nothing to go back to on step 1
    assert page.is_visible("#next")
    mode = page.locator("label.sa-only")
    assert not mode.is_visible()
    page.check("input[name=kind][value=motor_upgrade]")
    assert not mode.is_visible()
    page.check("input[name=kind][value=structural_adjustment]")
    assert mode.is_visible()  # 调整方式 belongs to 产业结构调整 only
    page.check("input[name=kind][value=technical_retrofit]")
    assert not mode.is_visible()
    page.click("#steps-nav [data-step='5']")
    assert page.is_visible("#prev") and not page.is_visible("#next")  # nothing after the last step
    save_screenshot(page, "layout-wizard-last-step")
    context.close()


def test_wizard_step_list_works_from_the_keyboard(browser, live_server):
    context, page = open_wizard(browser, live_server)
    page.click("h1")  # the keyboard's starting point, just before the page's help link and the step list
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "help-link screen-only"
    page.keyboard.press("Tab")
    focused = page.locator("#steps-nav :focus")
    assert focused.count() == 1 and focused.get_attribute("aria-current") == "step"
    assert page.evaluate("document.activeElement.textContent.trim()") == "类型"
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    assert page.locator("section.step[data-step='2']").is_visible()
    assert not page.locator("section.step[data-step='1']").is_visible()
    assert page.locator("#steps-nav [aria-current=step]").inner_text() == "企业"
    for _ in range(3):
        page.keyboard.press("Tab")
    page.keyboard.press("Space")
    assert page.locator("section.step[data-step='5']").is_visible()
    assert page.locator("#steps-nav [aria-current=step]").inner_text() == "核对"
    assert page.locator("#steps-nav [aria-current]").count() == 1
    save_screenshot(page, "layout-wizard-keyboard")
    context.close()


def focused(page) -> str:
    return page.evaluate("document.activeElement.getAttribute('aria-label') || document.activeElement.textContent.trim()")


def test_next_and_back_take_the_focus_to_the_step_they_open(browser, live_server):
    context, page = open_wizard(browser, live_server)
    page.focus("input[name=title]")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")  # Next
    assert focused(page) == "2. 企业"
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "credit_code"  # the step's first field
    for heading in ("3. 地块", "4. 能源数据", "5. 核对"):
        page.focus("#next")
        page.keyboard.press("Enter")
        assert focused(page) == heading  # on the last step Next is hidden: the focus had dropped to the page
    for heading in ("4. 能源数据", "3. 地块", "2. 企业", "1. 项目类型"):
        page.focus("#prev")
        page.keyboard.press("Enter")
        assert focused(page) == heading
    save_screenshot(page, "wizard-keyboard-back-to-step-1")
    context.close()


@pytest.fixture
def pudong_parcel(live_database_url):
    """(latitude, longitude) inside an active parcel of Pudong (310115), the wizard's district."""
    engine = create_engine(live_database_url, poolclass=pool.NullPool)
    with engine.connect() as connection:
        point = connection.execute(text(
            "SELECT ST_Y(p), ST_X(p) FROM (SELECT ST_PointOnSurface(geom) AS p FROM parcels"
            " WHERE district_code = '310115' AND valid_to IS NULL ORDER BY id LIMIT 1) AS first")).one()
    engine.dispose()
    return tuple(point)


def test_existing_parcels_are_chosen_from_the_keyboard(browser, live_server, pudong_parcel):
    context, page = open_wizard(browser, live_server)
    page.click("#steps-nav [data-step='3']")
    after_the_opening_zoom(page)
    page.evaluate(f"wizardMap.setView([{pudong_parcel[0]}, {pudong_parcel[1]}], 17, {{animate: false}})")
    page.wait_for_selector("#wizard-map path[role=button]")
    page.focus("#gcj02")
    page.keyboard.press("Tab")  # the typed coordinates, closed: its summary alone
    assert page.evaluate("document.activeElement.parentElement.id") == "typed-coordinates"
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "draw"  # the guide's ways said, drawing above the map
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "wizard-map"  # arrows and +/- move the map
    page.keyboard.press("Tab")
    parcel = page.locator("#wizard-map path:focus")
    name = parcel.get_attribute("aria-label")
    assert name.endswith(" m²") and parcel.get_attribute("aria-pressed") == "false"
    page.keyboard.press("Enter")
    code = name.split(" · ")[0]
    assert page.inner_text("#parcel-list") == f"{code}（已选的现有地块） 移除"
    assert page.get_by_role("button", name=f"移除地块 {code}", exact=True).count() == 1  # which parcel it removes
    assert parcel.get_attribute("aria-pressed") == "true"
    assert page.locator(".leaflet-tooltip").inner_text() == name  # what a hover shows, shown on focus
    save_screenshot(page, "wizard-keyboard-parcel-chosen")
    page.keyboard.press("Space")
    assert page.inner_text("#parcel-list") == "" and parcel.get_attribute("aria-pressed") == "false"
    context.close()


def test_editing_a_project_shows_the_parcels_it_already_has(browser, live_server, pudong_parcel):
    """The edit page once listed no parcel and showed the whole district: the project's parcels were
    kept on save, but the user saw none and might have drawn them again."""
    from tests.browser.wizard import choose_kind_and_enterprise, fill_motor_group

    context, page = open_wizard(browser, live_server)
    choose_kind_and_enterprise(page, "编辑时显示已有地块")
    after_the_opening_zoom(page)
    page.evaluate(f"wizardMap.setView([{pudong_parcel[0]}, {pudong_parcel[1]}], 17, {{animate: false}})")
    page.wait_for_selector("#wizard-map path[role=button]")
    page.focus("#wizard-map path[role=button]")
    code = page.locator("#wizard-map path:focus").get_attribute("aria-label").split(" · ")[0]
    page.keyboard.press("Enter")
    page.click("#next")  # the energy data
    fill_motor_group(page)
    page.click("#next")
    page.click("button[name=save][value=draft]")
    page.wait_for_url(re.compile(r"/projects/\d+$"))
    with page.expect_navigation():  # to its load: a click on a step before the scripts ran did nothing
        page.click("a.button:has-text('编辑')")
    page.click("#steps-nav [data-step='3']")
    assert page.inner_text("#parcel-list") == f"{code}（已选的现有地块） 移除"
    # the map opens on the project's parcels, drawn as chosen, not on the whole district
    page.wait_for_selector("#wizard-map path[aria-pressed=true]")
    assert page.evaluate(f"wizardMap.getBounds().contains([{pudong_parcel[0]}, {pudong_parcel[1]}])")
    assert page.evaluate("wizardMap.getZoom()") >= 13
    save_screenshot(page, "wizard-edit-shows-its-parcels")
    context.close()


def test_a_project_is_saved_whichever_steps_were_opened(browser, live_server):
    """An audit saved without opening the energy step was refused as "inputs.kind must equal the
    project's kind cleaner_production", and a year changed after the energy step as "inputs.year …"."""
    from tests.browser.wizard import choose_kind_and_enterprise, fill_motor_group

    context, page = open_wizard(browser, live_server)
    choose_kind_and_enterprise(page, "只填必填项的清洁生产审核", kind="cleaner_production")
    page.click("#steps-nav [data-step='5']")  # straight to the review: an audit needs no energy data
    page.click("button[name=save][value=draft]")
    page.wait_for_url(re.compile(r"/projects/\d+$"))
    assert "已登记为草稿" in page.inner_text("main")

    page.goto(live_server + "/projects/new")
    choose_kind_and_enterprise(page, "改过年度的电机项目")
    page.click("#next")  # the energy step, built for 2017
    fill_motor_group(page)
    page.click("#steps-nav [data-step='1']")
    page.fill("input[name=year]", "2016")
    page.click("#steps-nav [data-step='5']")
    page.click("button[name=save][value=draft]")
    page.wait_for_url(re.compile(r"/projects/\d+$"))
    assert re.search(r"2016-310115-\d{4}", page.inner_text("main"))
    context.close()


def test_energies_are_offered_in_the_order_of_the_gb_t_2589_table(browser, live_server):
    """They came in the alphabetical order of their English codes: 高炉煤气, 焦炭, 焦炉煤气, 原油, 柴油, 电力…"""
    context, page = energy_step_of(browser, live_server, "structural_adjustment")
    options = page.locator("select[name='energy_use-0-energy'] option").all_inner_texts()
    assert options[:4] == ["原煤", "洗精煤", "焦炭", "原油"] and options[-1] == "电力", options
    context.close()


def test_one_click_on_next_leaves_the_enterprise_step_after_typing_a_credit_code(browser, live_server):
    """The code was checked only when the field lost the focus — on the press of 下一步 —, and the
    message then pushed the button down under the pointer: the click was lost."""
    from tests.browser.wizard import valid_code

    context, page = open_wizard(browser, live_server)
    page.click("#steps-nav [data-step='2']")
    page.type("#credit_code", valid_code())
    page.wait_for_selector("#credit-feedback.hint.ok")  # checked as typed, before leaving the field
    page.click("#next")
    assert page.get_attribute("#steps-nav [data-step='3']", "aria-current") == "step"
    context.close()


def test_a_mistyped_credit_code_says_what_is_wrong_with_it_in_the_page_s_language(browser, live_server):
    from tests.browser.wizard import valid_code

    code = valid_code()
    wrong_check = next(c for c in "0123456789ABCDEFGHJKLMNPQRTUWXY" if c != code[-1])
    context, page = open_wizard(browser, live_server)
    page.click("#steps-nav [data-step='2']")
    page.fill("#credit_code", code[:-1] + wrong_check)
    page.click("#lookup")
    page.wait_for_selector("#credit-feedback.field-error")
    assert page.text_content("#credit-feedback") == f"校验码应为 {code[-1]}，实际为“{wrong_check}”。"
    page.fill("#credit_code", code[:10])
    page.click("#lookup")
    page.wait_for_function("() => document.getElementById('credit-feedback').textContent.includes('10 位')")
    assert page.text_content("#credit-feedback") == "统一社会信用代码为 18 位，此代码为 10 位。"
    context.close()


def test_the_emc_model_is_chosen_by_the_user_not_taken_for_them(browser, live_server):
    """The select showed 节能效益分享型 and put it in the document unasked."""
    context, page = energy_step_of(browser, live_server, "contract_energy_management")
    model = page.locator("select[name='in-emc_model']")
    assert model.locator("option").all_inner_texts() == ["请选择", "节能效益分享型", "节能量保证型"]
    assert model.input_value() == "" and model.evaluate("s => s.required")
    assert "emc_model" not in page.input_value("#inputs")
    model.select_option("guaranteed_savings")
    assert '"emc_model":"guaranteed_savings"' in page.input_value("#inputs")
    model.select_option("")
    assert "emc_model" not in page.input_value("#inputs")
    save_screenshot(page, "wizard-emc-model-to-choose")
    context.close()
