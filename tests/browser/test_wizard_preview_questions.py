"""The energy step asks the server for a preview only once it holds something to compute from: an
empty step, or a line without its quantity, was posted to /api/v1/savings/preview and answered 422
(logged, a red request in the console) for fields not filled in yet. The step's own hint says what it
needs instead."""
from __future__ import annotations

import pytest

from tests.browser.conftest import save_screenshot, signed_in

pytestmark = pytest.mark.browser

DESKTOP = {"width": 1280, "height": 900}
PREVIEW = "#preview-body"
SETTLED = f"{PREVIEW}[aria-busy=false]"
LINES = "填写每一行的能源品种、数量和单位后即可看到节能量。"
MOTORS = "填写每组电机的各项数值后即可看到节能量。"
FIELDS = "填写以上各项后即可看到节能量。"


def energy_step(browser, live_server, kind: str):
    """The energy step of a ``kind`` project of 2017, and the statuses of the previews answered."""
    context, page = signed_in(browser, live_server, DESKTOP, user="pudong")
    answered: list[int] = []
    page.on("response", lambda r: answered.append(r.status) if r.url.endswith("/api/v1/savings/preview") else None)
    page.goto(live_server + "/projects/new")
    page.check(f"input[name=kind][value={kind}]")
    page.fill("input[name=year]", "2017")
    page.click("#steps-nav [data-step='4']")
    page.wait_for_selector(SETTLED, state="attached")  # the old script's answer to the empty step, or none
    return context, page, answered


@pytest.mark.parametrize("kind, hint", [("technical_retrofit", LINES), ("structural_adjustment", LINES),
                                        ("motor_upgrade", MOTORS), ("contract_energy_management", FIELDS)])
def test_an_empty_energy_step_asks_for_no_preview_and_says_what_it_needs(browser, live_server, kind, hint):
    context, page, answered = energy_step(browser, live_server, kind)
    assert answered == []
    assert page.inner_text(PREVIEW) == hint
    context.close()


def test_a_line_without_its_quantity_asks_nothing_and_the_whole_step_is_previewed(browser, live_server):
    context, page, answered = energy_step(browser, live_server, "technical_retrofit")
    page.fill("input[name='energy_before-0-quantity']", "800")  # the line after the project still empty
    page.wait_for_selector(SETTLED)
    page.fill("input[name='energy_before-0-quantity']", "")
    page.fill("input[name='energy_after-0-quantity']", "650")
    page.wait_for_selector(SETTLED)
    assert answered == [] and page.inner_text(PREVIEW) == LINES
    page.fill("input[name='energy_before-0-quantity']", "800")
    page.wait_for_selector(f"{PREVIEW} .preview-value")
    assert answered == [200]
    page.locator("#inputs-form button", has_text="添加一行").first.click()  # an empty line: the figure is not the step's
    assert page.inner_text(PREVIEW) == LINES and answered == [200]
    save_screenshot(page, "wizard-preview-waits-for-a-line")
    context.close()


def test_an_audit_without_energy_data_is_previewed_at_once(browser, live_server):
    """It needs no field: its answer (0 tce, no energy data) is the step's."""
    context, page, answered = energy_step(browser, live_server, "cleaner_production")
    page.wait_for_selector(f"{PREVIEW} .preview-value")
    assert answered == [200]
    context.close()


def test_going_on_from_an_empty_step_says_every_problem(browser, live_server):
    """Once the user tries to go on, the server is asked and its problems are the user's."""
    context, page, answered = energy_step(browser, live_server, "motor_upgrade")
    page.click("#next")
    page.wait_for_function("() => document.querySelectorAll('#review-preview li').length === 6")
    page.wait_for_selector("#review-preview[aria-busy=false]")  # the newest question answered
    assert answered == [422]  # the review's own: the empty step had asked too
    context.close()
