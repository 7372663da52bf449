"""Date fields show dates in the page's language whatever the browser's locale, accept typed
ISO or slashed dates, and submit ISO."""
from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import log_in, recording_page, requests_elsewhere, save_screenshot

pytestmark = pytest.mark.browser


@pytest.fixture
def english_browser_page(browser, live_server):
    """A browser whose own locale is en-US: Chromium's native date input would say 12/31/2013."""
    context, page = recording_page(browser, "en-US")
    yield page
    context.close()


def _as_of(page):
    return page.locator('input[data-date-for="as_of"]')


def _dashboard(page, live_server: str, query: str):
    log_in(page, live_server, "planner")
    page.goto(f"{live_server}/rollups?{query}")
    page.wait_for_load_state("networkidle")
    return page


def test_a_chinese_page_shows_chinese_dates_in_an_english_browser(english_browser_page, live_server):
    page = _dashboard(english_browser_page, live_server, "year=2013&as_of=2013-12-31")
    assert _as_of(page).input_value() == "2013年12月31日"
    assert page.locator('input[name="as_of"]').input_value() == "2013-12-31"
    _as_of(page).click()
    month = page.locator(".flatpickr-calendar.open select.flatpickr-monthDropdown-months")
    assert month.evaluate("select => select.selectedOptions[0].text") == "十二月"
    weekdays = page.locator(".flatpickr-calendar.open .flatpickr-weekday").all_inner_texts()
    assert [day.strip() for day in weekdays][:2] == ["周一", "周二"]  # the week starts on Monday
    # the calendar's year and month fields are named in the page's language (flatpickr said Year, Month)
    calendar = page.locator(".flatpickr-calendar.open")
    assert calendar.locator("input.cur-year").get_attribute("aria-label") == "年份"
    assert calendar.locator("select.flatpickr-monthDropdown-months").get_attribute("aria-label") == "月份"
    save_screenshot(page, "date-field-zh")
    assert requests_elsewhere(page, live_server) == []


@pytest.mark.parametrize("typed", ["2013/6/30", "2013-06-30"])
def test_a_typed_date_is_submitted_as_iso(english_browser_page, live_server, typed):
    page = _dashboard(english_browser_page, live_server, "year=2013")
    _as_of(page).fill(typed)
    _as_of(page).press("Enter")
    assert _as_of(page).input_value() == "2013年6月30日"
    page.locator("form.rollup-filters button[type=submit]").click()
    page.wait_for_load_state("networkidle")
    assert "as_of=2013-06-30" in page.url
    assert "2013年6月30日" in page.locator(".rollup-meta").inner_text()


def test_the_english_page_shows_english_dates(english_browser_page, live_server):
    page = english_browser_page
    log_in(page, live_server, "planner")
    page.goto(live_server + "/lang/en?next=/rollups?year=2013%26as_of=2013-12-31")
    page.wait_for_load_state("networkidle")
    assert _as_of(page).input_value() == "Dec 31, 2013"
    assert page.locator('input[name="as_of"]').input_value() == "2013-12-31"



# a day that does not exist is said not to, in the server's words (registry/domain/days.py), not
# blamed on the format: 2013-02-30 had "不是日期：请写成 2026-11-23 这样。"
@pytest.mark.parametrize("typed, said", [("2013-02-30", "2013年2月没有30日"), ("2013/2/29", "2013年2月没有29日"),
                                         ("2013-13-01", "一年没有13月"), ("上周五", "不是日期：请写成 2026-11-23 这样。")])
def test_text_that_is_not_a_date_stays_and_holds_the_form(english_browser_page, live_server, typed, said):
    page = _dashboard(english_browser_page, live_server, "year=2013&as_of=2013-12-31")
    _as_of(page).fill(typed)
    page.locator("h1").first.click()  # leave the field
    # The text is put back a tick after flatpickr empties it (dates.js): wait for it, up to 5 s.
    expect(_as_of(page)).to_have_value(typed)  # neither emptied nor rolled over to 2013-03-02
    expect(page.locator('input[name="as_of"]')).to_have_value(typed)
    message = _as_of(page).evaluate("field => field.validationMessage")
    assert message == said
    # said beside the field too, without pulling the focus back to it
    expect(page.locator(".date-error")).to_have_text(message)
    assert _as_of(page).evaluate("field => document.activeElement !== field")
    page.locator("form.rollup-filters button[type=submit]").click()
    assert "as_of=2013-12-31" in page.url  # the browser held the form: still the page loaded before


def test_a_day_picked_after_unreadable_text_replaces_it(english_browser_page, live_server):
    page = _dashboard(english_browser_page, live_server, "year=2013&as_of=2013-12-31")
    _as_of(page).fill("2013-13-01")
    page.locator("h1").first.click()
    expect(_as_of(page)).to_have_value("2013-13-01")  # put back with its message a tick after the blur
    assert _as_of(page).evaluate("field => field.validity.valid") is False
    _as_of(page).click()
    page.locator(".flatpickr-calendar.open .flatpickr-day:not(.prevMonthDay):not(.nextMonthDay)", has_text="15").click()
    page.locator("h1").first.click()
    # waited for, as the put-back above: the blur's tick and the pick run in either order under load
    expect(page.locator('input[name="as_of"]')).to_have_value("2013-12-15")
    assert _as_of(page).evaluate("field => field.validity.valid") is True
    expect(page.locator(".date-error")).to_be_hidden()


@pytest.mark.parametrize("gap_ms", [0, 300])
def test_the_blur_s_tick_before_or_after_the_pick_keeps_the_day(english_browser_page, live_server, gap_ms):
    """Leaving unreadable text by pressing a day: the field's blur comes at the press, the pick at
    the release. Whichever of the blur's tick and the pick runs first, the picked day stays."""
    page = _dashboard(english_browser_page, live_server, "year=2013&as_of=2013-12-31")
    _as_of(page).fill("2013-13-01")
    day = page.locator(".flatpickr-calendar.open .flatpickr-day:not(.prevMonthDay):not(.nextMonthDay)", has_text="15")
    box = day.bounding_box()
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.mouse.down()
    page.wait_for_timeout(gap_ms)  # 0: released before the tick runs (under load); 300: after it
    page.mouse.up()
    expect(page.locator('input[name="as_of"]')).to_have_value("2013-12-15")
    page.locator("h1").first.click()
    page.wait_for_timeout(100)  # a tick for any put-back still to come: none may undo the pick
    assert page.locator('input[name="as_of"]').input_value() == "2013-12-15"
    assert _as_of(page).input_value() == "2013年12月15日"


def test_a_refused_date_is_shown_again_as_typed_beside_its_error(page, live_server):
    """After a refused save the planned completion was empty, its problem only in the list at the top
    (计划完成日期：…实际为 '2017-02-30'): the user could not see what to correct."""
    log_in(page, live_server, "pudong")
    page.goto(live_server + "/projects/new")
    page.check("input[name=kind][value=cleaner_production]")
    page.fill("input[name=year]", "2017")
    page.click("#steps-nav [data-step='5']")
    page.locator('input[data-date-for="planned_completion"]').fill("2017-02-30")
    page.locator("h2:visible").first.click()  # leave the field: the text is put back and marked a tick later
    expect(page.locator('input[name="planned_completion"]')).to_have_value("2017-02-30")
    with page.expect_navigation():  # to its load: a click on a step before the scripts ran did nothing
        page.click("button[name=save][value=draft]")  # the wizard is novalidate: the server names the problem
    page.wait_for_selector(".form-error")
    page.click("#steps-nav [data-step='5']")  # shown again on the first step with a problem, the kind's
    review = page.locator("section[data-step='5']")
    expect(page.locator('input[data-date-for="planned_completion"]')).to_have_value("2017-02-30")
    expect(review.locator(".date-error")).to_be_visible()
    assert review.locator("p.field-error").all_inner_texts()[-1] == "2017年2月没有30日"
    expect(review.locator(".date-error")).to_have_text("2017年2月没有30日")  # the calendar's words are the server's
