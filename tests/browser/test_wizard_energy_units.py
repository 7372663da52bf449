"""A ledger line's unit when its energy changes: kept when the new energy is measured in it too,
and where it must change, the change is marked on the unit and said beside it (read out as it
appears). Switching raw coal to electricity had set 千瓦时 silently, under 1,200 typed as tonnes."""
from __future__ import annotations

import json

import pytest

from tests.browser.conftest import save_screenshot, signed_in

pytestmark = pytest.mark.browser

DESKTOP = {"width": 1280, "height": 900}
ENERGY, UNIT, QUANTITY = "select[name='energy_use-0-energy']", "select[name='energy_use-0-unit']", "input[name='energy_use-0-quantity']"
NOTE = "#energy_use-0-unit-note"


def exit_ledger(browser, live_server, lang: str = "zh"):
    """The energy step of an exit (产业结构调整): one line of raw coal in tonnes, 1,200 typed."""
    context, page = signed_in(browser, live_server, DESKTOP, lang=lang, user="pudong")
    page.goto(live_server + "/projects/new")
    page.check("input[name=kind][value=structural_adjustment]")
    page.fill("input[name=year]", "2017")
    page.click("#steps-nav [data-step='4']")
    page.fill(QUANTITY, "1200")
    return context, page


def line(page) -> dict:
    return json.loads(page.input_value("#inputs"))["energy_use"][0]


def marked(page) -> bool:
    return page.evaluate(f"document.querySelector(\"{UNIT}\").classList.contains('replaced')")


@pytest.mark.parametrize("lang, said", [("zh", "单位已由吨改为千瓦时，请核对数量。"),
                                        ("en", "Unit changed from t to kWh: check the quantity.")])
def test_a_unit_the_new_energy_is_not_measured_in_is_replaced_visibly(browser, live_server, lang, said):
    context, page = exit_ledger(browser, live_server, lang)
    note = page.locator(NOTE)
    assert note.get_attribute("aria-live") == "polite" and page.get_attribute(UNIT, "aria-describedby") == "energy_use-0-unit-note"
    assert note.inner_text() == "" and not marked(page)
    page.select_option(ENERGY, "electricity")
    assert page.input_value(UNIT) == "kWh" and line(page)["unit"] == "kWh"
    assert note.inner_text() == said and marked(page)
    save_screenshot(page, f"wizard-unit-replaced-{lang}")
    page.select_option(ENERGY, "raw_coal")  # back: the user's own unit, and nothing to say
    assert page.input_value(UNIT) == "t" and note.inner_text() == "" and not marked(page)
    page.select_option(ENERGY, "natural_gas")
    assert page.input_value(UNIT) == "m3" and note.is_visible()
    page.select_option(UNIT, "10^4 m3")  # a unit chosen answers the note
    assert note.inner_text() == "" and not marked(page) and line(page)["unit"] == "10^4 m3"
    context.close()


def test_a_unit_the_new_energy_is_measured_in_is_kept_without_a_note(browser, live_server):
    context, page = exit_ledger(browser, live_server)
    page.select_option(UNIT, "tce")  # any energy's, as a ledger already converted
    page.select_option(ENERGY, "electricity")
    assert page.input_value(UNIT) == "tce" and page.inner_text(NOTE) == "" and not marked(page)
    page.select_option(UNIT, "10^4 kWh")
    page.select_option(ENERGY, "heat")  # heat is energy too: 万千瓦时 stays
    assert page.input_value(UNIT) == "10^4 kWh" and page.inner_text(NOTE) == "" and not marked(page)
    page.select_option(ENERGY, "raw_coal")
    assert page.inner_text(NOTE) == "单位已由万千瓦时改为吨，请核对数量。"
    page.fill(QUANTITY, "1.2")  # the quantity typed again answers the note too
    assert page.inner_text(NOTE) == "" and not marked(page)
    context.close()


def test_the_note_stays_with_its_line_when_the_ledger_is_drawn_again(browser, live_server):
    """Adding a line draws the ledger anew: the note of the first line stood on, not lost."""
    context, page = exit_ledger(browser, live_server)
    page.select_option(ENERGY, "electricity")
    page.locator("#inputs-form button", has_text="添加一行").click()
    assert page.inner_text(NOTE) == "单位已由吨改为千瓦时，请核对数量。" and marked(page)
    assert page.inner_text("#energy_use-1-unit-note") == ""
    context.close()
