"""以此为模板登记 in a real Chromium: from a project's page, the button opens the wizard filled in from
it; passed through step by step and saved as a draft, the new project holds what it carried (the
kind, enterprise, parcel, savings inputs and investment) in the next year, and names its source."""
from __future__ import annotations

import re
from datetime import date
from decimal import Decimal

import pytest
from playwright.sync_api import expect
from sqlalchemy.orm import Session

from registry.db import make_engine
from registry.services import projects as svc
from tests.browser.conftest import flash, log_in, save_screenshot
from tests.integration.project_data import PUDONG, draft

pytestmark = pytest.mark.browser

TITLE = "2013年浏览器模板测试电机改造"


@pytest.fixture(scope="module")
def source(live_database_url, db) -> svc.ProjectView:
    """A Pudong motor upgrade of 2013 on a demo parcel no project holds, committed in the live database."""
    parcel_id = db("SELECT id FROM parcels p WHERE district_code = '310115' AND status = 'in_use' AND valid_to IS NULL "
                   "AND NOT EXISTS (SELECT 1 FROM project_parcels pp WHERE pp.parcel_id = p.id) ORDER BY id DESC LIMIT 1")
    engine = make_engine(live_database_url)
    with Session(engine) as session:
        view = svc.register_project(session, PUDONG, draft(
            title=TITLE, new_parcels=(), parcel_ids=(parcel_id,), investment_wan_yuan=Decimal("66"),
            planned_completion=date(2013, 10, 31)))
    engine.dispose()
    return view


def test_the_button_opens_the_wizard_filled_in_and_the_draft_holds_what_it_carried(page, live_server, db, source):
    log_in(page, live_server, "pudong")
    page.goto(f"{live_server}/projects/{source.id}")
    save_screenshot(page, "similar-project-source")
    with page.expect_navigation(url=re.compile(rf"/projects/new\?from={source.id}$")):
        page.click("#register-similar")
    expect(page.locator("#similar-source")).to_contain_text(f"以项目 {source.reference} 为模板")
    save_screenshot(page, "similar-project-wizard")
    # step 1: the kind chosen, the next year, the title without its year
    expect(page.locator("input[name=kind][value=motor_upgrade]")).to_be_checked()
    expect(page.locator("input[name=year]")).to_have_value("2014")
    expect(page.locator("input[name=title]")).to_have_value("浏览器模板测试电机改造")
    page.click("#next")
    expect(page.locator("#credit_code")).to_have_value(source.credit_code)
    page.click("#next")
    expect(page.locator("#parcel-list")).to_contain_text(source.parcels[0].code)  # the same parcel, chosen
    page.click("#next")
    expect(page.locator("input[name='motor-0-rated_kw']")).to_have_value("55")
    page.wait_for_selector(".preview-value")
    page.click("#next")
    expect(page.locator("#review-year")).to_have_text("2014")
    expect(page.locator("input[name=investment_wan_yuan]")).to_have_value("66")
    expect(page.locator("input[name=planned_completion]")).to_have_value("2014-10-31")
    with page.expect_navigation(url=re.compile(r"/projects/\d+$")):
        page.click("button[name=save][value=draft]")
    new_id = int(page.url.rsplit("/", 1)[1])
    reference = db("SELECT reference FROM projects WHERE id = :i", i=new_id)
    assert flash(page) == f"项目 {reference} 已登记为草稿。" and reference.startswith("2014-310115-")
    row = "SELECT {} FROM projects WHERE id = :i"
    assert db(row.format("status || ' ' || kind || ' ' || year || ' ' || title"), i=new_id) == \
        "draft motor_upgrade 2014 浏览器模板测试电机改造"
    assert db(row.format("enterprise_id"), i=new_id) == source.enterprise_id
    assert db(row.format("investment_wan_yuan"), i=new_id) == Decimal("66")
    assert db(row.format("planned_completion"), i=new_id) == date(2014, 10, 31)
    assert db(row.format("inputs->'motors'->0->>'rated_kw'"), i=new_id) == "55"
    assert db(row.format("(inputs->>'year')::int"), i=new_id) == 2014
    assert db("SELECT array_agg(parcel_id) FROM project_parcels WHERE project_id = :i", i=new_id) == [source.parcels[0].id]
    assert db("SELECT changes->'registered_from'->>1 FROM audit_log WHERE entity = 'project' AND action = 'create' "
              "AND entity_id = CAST(:i AS text)", i=new_id) == source.reference
