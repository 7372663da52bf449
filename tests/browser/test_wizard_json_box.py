"""The energy step's advanced JSON box. Text that is no JSON showed JSON.parse's own English message
on a Chinese page; a document naming an energy or unit the registry does not know threw in the
ledger's script and left the step broken. Both are refused beside the box, in the page's language,
and the step keeps the document it had."""
from __future__ import annotations

import json

import pytest

from tests.browser.conftest import save_screenshot
from tests.browser.wizard import new_exit

pytestmark = pytest.mark.browser

DESKTOP = {"width": 1366, "height": 900}
ERROR = "#inputs-json-error"
QUANTITY = "input[name='energy_use-0-quantity']"


def energy_step(browser, live_server, lang: str = "zh"):
    """The energy step of an exit (产业结构调整), its advanced box open, 1,200 t of raw coal typed."""
    context, page, errors = new_exit(browser, live_server, DESKTOP, lang)
    page.click("#steps-nav [data-step='4']")
    page.fill(QUANTITY, "1200")
    page.click("#inputs-json-title")
    return context, page, errors


def apply(page, text: str) -> None:
    page.fill("#inputs-json", text)
    page.click("#apply-json")


def kept(page) -> bool:
    """The step still has its document and answers what is typed in it."""
    doc = json.loads(page.input_value("#inputs"))
    page.fill(QUANTITY, "900")
    now = json.loads(page.input_value("#inputs"))
    return doc["energy_use"][0]["quantity"] == 1200 and now["energy_use"][0]["quantity"] == 900


@pytest.mark.parametrize("lang, text, said", [
    ("zh", '{"kind": "structural_adjustment",\n  "year" 2017}', "该文档在第 2 行第 10 列不是有效的 JSON，未作任何更改。"),
    ("en", '{"kind": "structural_adjustment",\n  "year" 2017}',
     "The document is not valid JSON at line 2, column 10; nothing was changed."),
    ("zh", '{"kind": "structural_adjustment"', "该文档在第 1 行第 33 列不是有效的 JSON，未作任何更改。"),
    ("zh", "not json", "该文档不是有效的 JSON，未作任何更改。"),
    ("zh", "   ", "文档为空：请填写一个 JSON 对象，或保留框中原有内容。"),
    ("zh", "[1, 2]", "文档必须是一个 JSON 对象（{ … }），未作任何更改。"),
])
def test_text_that_is_no_json_is_refused_in_the_pages_language(browser, live_server, lang, text, said):
    context, page, errors = energy_step(browser, live_server, lang)
    apply(page, text)
    assert page.inner_text(ERROR) == said and page.is_visible(ERROR)
    assert page.get_attribute("#inputs-json", "aria-invalid") == "true"
    assert "JSON.parse" not in page.inner_text("#preview-body") and "Unexpected" not in page.inner_text("#wizard")
    assert kept(page) and not errors
    assert not page.is_visible(ERROR) and page.get_attribute("#inputs-json", "aria-invalid") is None  # typing: past
    context.close()


def ledger_document(**line) -> str:
    return json.dumps({"kind": "structural_adjustment", "year": 2017, "baseline_year": 2016,
                       "energy_use": [{"energy": "raw_coal", "quantity": 10, "unit": "t"}, line]})


REFERENCE_LINK = f"{ERROR} a[href$='/reference#factors'][target=_blank]"


@pytest.mark.parametrize("lang, line, said", [
    ("zh", {"energy": "coal2", "quantity": 5, "unit": "t"}, "退出前最后一个完整年度的能源消费量 · 第 2 行 · 能源品种：未知的能源品种“coal2”，"
     "是否指以下之一：原煤（raw_coal）、洗精煤（washed_coal）？本系统计入的全部能源品种及其折标系数见“折标系数与等价值”页面"),
    ("zh", {"energy": "天然汽", "quantity": 5, "unit": "t"},  # its name in the page's language, mistyped
     "未知的能源品种“天然汽”，是否指天然气（natural_gas）？本系统计入的全部能源品种及其折标系数见“折标系数与等价值”页面"),
    ("en", {"energy": "unobtainium", "quantity": 5, "unit": "t"}, "Energy use in the last full year before the exit · Line 2 · "
     "Energy: unknown energy “unobtainium”: every energy the registry counts is listed, with its factor, on the page "
     "“Factors and equal values”"),
])
def test_an_unknown_energy_is_refused_with_the_nearest_ones_and_a_link_to_the_reference_page(browser, live_server, lang, line, said):
    """As the server refuses one (domain/energies.py): all sixteen energies had been listed, with their codes."""
    context, page, errors = energy_step(browser, live_server, lang)
    apply(page, ledger_document(**line))
    assert said in page.inner_text(ERROR), page.inner_text(ERROR)
    assert page.inner_text(REFERENCE_LINK) == ("折标系数与等价值" if lang == "zh" else "Factors and equal values")
    assert "heat" not in page.inner_text(ERROR) and "热力" not in page.inner_text(ERROR)  # not every energy
    save_screenshot(page, f"wizard-json-unknown-energy-{lang}")
    assert kept(page) and not errors
    context.close()


@pytest.mark.parametrize("lang, line, said", [
    ("zh", {"quantity": 5, "unit": "t"}, "退出前最后一个完整年度的能源消费量 · 第 2 行 · 能源品种：请选择能源品种"),
    ("zh", {"energy": "", "quantity": 5, "unit": "t"}, "退出前最后一个完整年度的能源消费量 · 第 2 行 · 能源品种：请选择能源品种"),
    ("en", {"energy": "  ", "quantity": 5, "unit": "t"},
     "Energy use in the last full year before the exit · Line 2 · Energy: choose an energy"),
])
def test_a_line_without_an_energy_asks_for_one_as_the_server_does(browser, live_server, lang, line, said):
    """Not all sixteen energies listed (未填写能源品种，请从以下选择：raw_coal（原煤）、…), nor a blank taken for an
    unknown energy (未知的能源品种“”…): the server's words (domain/energies.py, NO_ENERGY)."""
    context, page, errors = energy_step(browser, live_server, lang)
    apply(page, ledger_document(**line))
    assert page.inner_text(ERROR) == said
    assert kept(page) and not errors
    context.close()


@pytest.mark.parametrize("lang, line, said, choices", [
    ("zh", {"energy": "electricity", "quantity": 5, "unit": "m3"}, "“m3”不是电力的计量单位，请从以下选择：",
     ["kWh（千瓦时）", "10^4 kWh（万千瓦时）"]),
])
def test_an_unknown_unit_is_refused_by_name_with_the_choices(browser, live_server, lang, line, said, choices):
    context, page, errors = energy_step(browser, live_server, lang)
    apply(page, ledger_document(**line))
    message = page.inner_text(ERROR)
    assert said in message and all(choice in message for choice in choices), message
    save_screenshot(page, f"wizard-json-refused-{lang}")
    assert kept(page) and not errors
    apply(page, ledger_document(energy="natural_gas", quantity=5, unit="10^4 m3"))  # a good one is still taken
    assert not page.is_visible(ERROR) and page.input_value("select[name='energy_use-1-energy']") == "natural_gas"
    assert not errors
    context.close()


def test_a_boilers_unknown_new_energy_is_refused(browser, live_server):
    context, page, errors = energy_step(browser, live_server)
    apply(page, json.dumps({"kind": "structural_adjustment", "new_energy": "plasma", "efficiency_before": 0.6}))
    assert "未知的能源品种“plasma”，请从以下选择：natural_gas（天然气）、electricity（电力）、heat（热力）" in page.inner_text(ERROR)
    assert kept(page) and not errors
    context.close()


def test_a_ledger_or_motor_groups_that_are_no_list_are_refused(browser, live_server):
    context, page, errors = energy_step(browser, live_server)
    apply(page, json.dumps({"kind": "structural_adjustment", "energy_use": 5}))
    assert page.inner_text(ERROR) == "退出前最后一个完整年度的能源消费量：必须是由各行组成的列表，每行为一个 JSON 对象"
    apply(page, json.dumps({"kind": "structural_adjustment", "motors": [1]}))
    assert "必须是由各行组成的列表" in page.inner_text(ERROR)
    assert kept(page) and not errors
    context.close()
