"""An administrator opens the audit trail from 用户管理, filters it by kind of record and action,
reads an entry's changes and follows its link to the record, whose history shows the same entry."""
from __future__ import annotations

import pytest

from tests.browser.conftest import log_in, save_screenshot

pytestmark = pytest.mark.browser


def test_filter_the_trail_and_follow_an_entry_to_its_parcel(browser, live_server, db):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN")
    page = context.new_page()
    log_in(page, live_server, "admin")
    page.click("nav.account >> text=用户管理")
    page.click("main >> text=审计日志")
    page.wait_for_load_state("networkidle")
    page.select_option("select[name=entity]", "parcel")
    page.select_option("select[name=action]", "complete_redevelopment")
    page.click("form.filters button[type=submit]")
    page.wait_for_load_state("networkidle")
    assert "entity=parcel" in page.url and "action=complete_redevelopment" in page.url
    completed = db("SELECT count(*) FROM audit_log WHERE entity = 'parcel' AND action = 'complete_redevelopment'")
    rows = page.locator("table.audit-trail > tbody > tr")
    assert completed > 0 and rows.count() == min(completed, 50)
    assert set(rows.locator("> td:nth-child(3)").all_inner_texts()) == {"完成二次开发"}
    first = rows.first
    first.locator("summary").click()
    assert first.locator("details table").is_visible() and "状态" in first.locator("details table").inner_text()
    save_screenshot(page, "audit-trail-filtered")
    code = first.locator("td:nth-child(4) a").inner_text()
    first.locator("td:nth-child(4) a").click()
    page.wait_for_load_state("networkidle")
    assert "/land/parcels/" in page.url and code in page.locator("h1").inner_text()
    assert "完成二次开发" in page.locator("section.history").inner_text()
    context.close()
