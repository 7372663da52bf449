"""The savings input document the server renders into the wizard (the hidden #inputs field: a refused
save's, as it was posted, or a crafted post's). Only the JSON box's Apply checked a document; one the
energy step cannot show (an energy or unit it does not know, a ledger that is no list, no JSON at
all) threw in the step's script on load and left the step broken. It is refused beside the box as
Apply refuses it, in the reader's language, the box holding it to be corrected, and the step opens
usable."""
from __future__ import annotations

import json

import pytest

from tests.browser.conftest import save_screenshot
from tests.browser.wizard import new_exit, valid_code

pytestmark = pytest.mark.browser

DESKTOP = {"width": 1366, "height": 900}
ERROR = "#inputs-json-error"
QUANTITY = "input[name='energy_use-0-quantity']"
# The form posted as a crafted post is: submit() skips the wizard's own handler, which posts the step's document.
POST_JS = """doc => { document.getElementById('inputs').value = doc;
  HTMLFormElement.prototype.submit.call(document.getElementById('wizard')); }"""


def ledger_document(**line) -> str:
    return json.dumps({"kind": "structural_adjustment", "year": 2017, "baseline_year": 2016,
                       "energy_use": [{"energy": "raw_coal", "quantity": 10, "unit": "t"}, line]})


def refused_save(browser, live_server, document: str, lang: str = "zh", enterprise: bool = False):
    """The wizard as the server renders it again after a save of ``document`` was refused (an exit,
    2017); ``enterprise``: with its enterprise typed, so that the page opens on the energy step."""
    context, page, errors = new_exit(browser, live_server, DESKTOP, lang)
    page.fill("input[name=title]", "服务器返回的文档")
    if enterprise:
        page.click("#steps-nav [data-step='2']")
        page.fill("#credit_code", valid_code("91310115MA1KWD001"))
        page.fill("#enterprise_name", "上海返回文档测试有限公司")
    with page.expect_navigation():
        page.evaluate(POST_JS, document)
    page.wait_for_load_state("load")
    return context, page, errors


def same_document(shown: str, document: str) -> bool:
    """The box holds ``document``: the same JSON (laid out in lines), or the same text if it is none."""
    try:
        return json.loads(shown) == json.loads(document)
    except ValueError:
        return shown == document


def energy_step_usable(page) -> bool:
    """The step shows its fields and answers what is typed in them (the step's document, posted)."""
    page.fill(QUANTITY, "900")
    doc = json.loads(page.input_value("#inputs"))
    return doc["energy_use"][0]["quantity"] == 900


@pytest.mark.parametrize("lang, document, said", [
    ("zh", ledger_document(energy="unobtainium", quantity=5, unit="t"),
     "退出前最后一个完整年度的能源消费量 · 第 2 行 · 能源品种：未知的能源品种“unobtainium”；本系统计入的全部能源品种及其折标系数见“折标系数与等价值”页面"),
    ("en", ledger_document(energy="unobtainium", quantity=5, unit="t"),
     "unknown energy “unobtainium”: every energy the registry counts is listed, with its factor, on the page “Factors and equal values”"),
    ("zh", ledger_document(energy="electricity", quantity=5, unit="m3"), "“m3”不是电力的计量单位，请从以下选择："),
    ("zh", json.dumps({"kind": "structural_adjustment", "energy_use": 5}),
     "退出前最后一个完整年度的能源消费量：必须是由各行组成的列表，每行为一个 JSON 对象"),
    ("zh", "null", "文档必须是一个 JSON 对象（{ … }），未作任何更改。"),
    ("zh", '{"kind": "structural_adjustment"', "该文档在第 1 行第 33 列不是有效的 JSON，未作任何更改。"),
])
def test_a_served_document_the_step_cannot_show_is_refused_beside_the_box(browser, live_server, lang, document, said):
    context, page, errors = refused_save(browser, live_server, document, lang)
    page.click("#steps-nav [data-step='4']")
    assert page.is_visible(ERROR) and said in page.inner_text(ERROR), page.inner_text(ERROR) if page.is_visible(ERROR) else None
    assert page.get_attribute("#inputs-json", "aria-invalid") == "true"
    # the box holds the refused document, to be corrected and applied
    assert same_document(page.input_value("#inputs-json"), document)
    save_screenshot(page, f"wizard-served-refused-{lang}")
    assert not errors, errors
    assert energy_step_usable(page) and not errors, errors
    assert not page.is_visible(ERROR)  # typing in the step: the refusal is past, as after Apply
    context.close()


def test_the_page_opening_on_the_energy_step_survives_and_a_corrected_document_is_taken(browser, live_server):
    context, page, errors = refused_save(browser, live_server, ledger_document(energy="unobtainium", quantity=5, unit="t"),
                                         enterprise=True)
    assert page.is_visible("section.step[data-step='4']")  # the refused save reopened the step of its field
    assert "未知的能源品种“unobtainium”" in page.inner_text(ERROR)
    assert page.is_visible(QUANTITY) and not errors, errors
    page.click("#steps-nav [data-step='3']")  # away and back: still refused, still usable
    page.click("#steps-nav [data-step='4']")
    assert "未知的能源品种“unobtainium”" in page.inner_text(ERROR) and not errors, errors
    page.fill("#inputs-json", ledger_document(energy="natural_gas", quantity=5, unit="10^4 m3"))
    page.click("#apply-json")
    assert not page.is_visible(ERROR) and page.input_value("select[name='energy_use-1-energy']") == "natural_gas"
    assert energy_step_usable(page) and not errors, errors
    context.close()


def test_a_served_document_the_step_can_show_is_shown(browser, live_server):
    """A refused save's good document is kept, as before: its lines are in the step's fields."""
    context, page, errors = refused_save(browser, live_server, ledger_document(energy="natural_gas", quantity=5, unit="10^4 m3"))
    page.click("#steps-nav [data-step='4']")
    assert page.input_value("select[name='energy_use-1-energy']") == "natural_gas"
    assert page.input_value("input[name='energy_use-1-quantity']") == "5"
    assert not page.is_visible(ERROR) and not errors, errors
    context.close()
