"""The wizard's enterprise step in Chromium: a registered enterprise is shown as registered."""
from __future__ import annotations

import pytest

from tests.browser.conftest import signed_in

pytestmark = pytest.mark.browser

DESKTOP = {"width": 1280, "height": 900}


def test_a_registered_enterprise_shows_its_name_and_industry_read_only(browser, live_server, db):
    """Its name was filled in and could be typed over, its industry code left empty, and neither was
    saved: a registered enterprise is kept as registered. An unknown code gives the fields back."""
    code, name, industry = (db(f"SELECT {column} FROM enterprises WHERE district_code = '310115' "
                               "AND industry_code IS NOT NULL ORDER BY id LIMIT 1")
                            for column in ("credit_code", "name", "industry_code"))
    context, page = signed_in(browser, live_server, DESKTOP, user="pudong")
    page.goto(live_server + "/projects/new")
    page.click("#steps-nav [data-step='2']")
    assert page.is_hidden("#enterprise-registered")
    page.fill("#credit_code", code)
    page.wait_for_selector("#enterprise-registered:not([hidden])")
    assert page.input_value("#enterprise_name") == name and page.input_value("input[name=industry_code]") == industry
    assert not page.is_editable("#enterprise_name") and not page.is_editable("input[name=industry_code]")
    assert page.inner_text("#enterprise-registered") == \
        "已登记的企业按登记信息使用：名称和行业代码请在该企业页面用“修改企业信息”更正。"
    # another code, not registered: the fields are the user's again, emptied of the other enterprise's
    from tests.browser.wizard import valid_code

    page.fill("#credit_code", valid_code("91310115MA1KUX009"))
    page.wait_for_selector("#enterprise-registered[hidden]", state="attached")
    assert page.is_editable("#enterprise_name") and page.input_value("#enterprise_name") == ""
    assert page.input_value("input[name=industry_code]") == ""
    context.close()


# Full-width digits and capitals, as a Chinese input method types them.
FULL_WIDTH = str.maketrans("0123456789ABCDEFGHJKLMNPQRTUWXY", "０１２３４５６７８９ＡＢＣＤＥＦＧＨＪＫＬＭＮＰＱＲＴＵＷＸＹ")


def test_a_code_typed_grouped_full_width_or_lower_case_is_read_as_the_server_reads_it(browser, live_server, db):
    """Hyphens (ASCII, full-width －, the minus sign), spaces, full-width characters and lower case are
    folded as the server folds them (domain/credit_code.normalize_credit_code), and the field shows the
    code so read: the step had said a grouped code has 22 characters, a full-width digit not allowed."""
    code, name = (db(f"SELECT {column} FROM enterprises WHERE district_code = '310115' ORDER BY id LIMIT 1")
                  for column in ("credit_code", "name"))
    context, page = signed_in(browser, live_server, DESKTOP, user="pudong")
    page.goto(live_server + "/projects/new")
    page.click("#steps-nav [data-step='2']")
    page.fill("#credit_code", f"{code[:4].translate(FULL_WIDTH)}－{code[4:8]}\u2212{code[8:12]} {code[12:].lower()}")
    page.wait_for_selector("#enterprise-registered:not([hidden])")
    assert page.input_value("#credit_code") == code and page.input_value("#enterprise_name") == name
    assert page.inner_text("#credit-feedback") == f"已找到：{name}"
    # a grouped code that is wrong is judged as read: its check character, not its 22 characters typed
    from tests.browser.wizard import valid_code

    right = valid_code("91310115MA1KUX009")
    wrong = right[:17] + ("0" if right[17] != "0" else "1")
    page.fill("#credit_code", f"{wrong[:4]}-{wrong[4:8]}-{wrong[8:12]}-{wrong[12:]}")
    page.wait_for_selector("#credit-feedback.field-error")
    assert page.inner_text("#credit-feedback") == f"校验码应为 {right[17]}，实际为“{wrong[17]}”。"
    assert page.input_value("#credit_code") == wrong
    context.close()


def test_a_code_excel_turned_into_a_number_is_said_so_not_counted(browser, live_server):
    """9.13101E+17, pasted from an Excel CSV, was "a credit code has 18 characters; this one has 11": the
    step shows the server's word for it (domain/credit_code.number_cell_problem), as the imports say it."""
    context, page = signed_in(browser, live_server, DESKTOP, user="pudong")
    page.goto(live_server + "/projects/new")
    page.click("#steps-nav [data-step='2']")
    page.fill("#credit_code", "9.13101E+17")
    page.press("#credit_code", "Tab")  # leaving the field checks it
    page.wait_for_function("() => document.getElementById('credit-feedback').textContent.includes('是写成文本的数字')")
    assert page.inner_text("#credit-feedback").startswith("是写成文本的数字 9.13101E+17 而非代码")
    assert page.get_attribute("#credit-feedback", "class") == "field-error"
    context.close()


def test_the_parcels_step_says_to_zoom_in_while_it_shows_no_parcel(browser, live_server, db):
    """It opens on the whole district, where no registered parcel is drawn: "click existing parcels"
    led to a map with none to click."""
    from tests.browser.wizard import after_the_opening_zoom

    lat, lon = db("SELECT ARRAY[ST_Y(p), ST_X(p)] FROM (SELECT ST_PointOnSurface(geom) AS p FROM parcels"
                  " WHERE district_code = '310115' AND valid_to IS NULL ORDER BY id LIMIT 1) AS first")
    context, page = signed_in(browser, live_server, DESKTOP, user="pudong")
    page.goto(live_server + "/projects/new")
    page.click("#steps-nav [data-step='3']")
    after_the_opening_zoom(page)
    assert page.inner_text("#zoom-for-parcels") == "放大地图即可看到已登记的地块，点击即可选中。"
    page.evaluate("([lat, lon]) => wizardMap.setView([lat, lon], 17, {animate: false})", [lat, lon])
    page.wait_for_selector("#wizard-map path[role=button]")
    assert page.is_hidden("#zoom-for-parcels")
    page.evaluate("([lat, lon]) => wizardMap.setView([lat, lon], 11, {animate: false})", [lat, lon])
    page.wait_for_selector("#zoom-for-parcels", state="visible")
    context.close()
