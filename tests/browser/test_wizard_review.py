"""The wizard's review step lists what is about to be saved: each parcel by its code (a new one by
its number) with its area, and an exit project's mode — it showed a count of parcels only."""
from __future__ import annotations

import re

import pytest

from tests.browser.conftest import log_in, save_screenshot
from tests.browser.wizard import choose_kind_and_enterprise, draw_square

pytestmark = pytest.mark.browser

SUMMARY = "#summary"
# two Pudong parcels of no project, for a draft that holds them
FREE_PARCELS = """SELECT string_agg(id::text, ',') FROM (SELECT pa.id FROM parcels pa WHERE pa.district_code = '310115'
  AND pa.valid_to IS NULL AND NOT EXISTS (SELECT 1 FROM project_parcels pp WHERE pp.parcel_id = pa.id)
  ORDER BY pa.id LIMIT 2) free"""
CODES = "SELECT string_agg(code, ',' ORDER BY code) FROM parcels WHERE id = ANY(CAST(:ids AS bigint[]))"


@pytest.fixture
def draft_with_parcels(live_database_url, db):
    """(id, parcel codes) of a Pudong draft holding two registered parcels, committed for the server."""
    from sqlalchemy.orm import Session

    from registry.db import make_engine
    from registry.services import projects as svc
    from tests.integration.project_data import PUDONG, draft

    ids = tuple(int(i) for i in db(FREE_PARCELS).split(","))
    engine = make_engine(live_database_url)
    with Session(engine) as session:
        view = svc.register_project(session, PUDONG, draft(title="浏览器测试：核对已有地块", new_parcels=(), parcel_ids=ids))
    engine.dispose()
    return view.id, db(CODES, ids=list(ids)).split(",")


def summary(page) -> dict[str, str]:
    terms = page.locator(f"{SUMMARY} dt").all_inner_texts()
    return dict(zip(terms, page.locator(f"{SUMMARY} dd").all_inner_texts()))


def test_an_exit_project_s_review_names_its_mode_and_its_new_parcel_with_its_area(page, live_server):
    log_in(page, live_server, "pudong")
    page.goto(live_server + "/projects/new")
    choose_kind_and_enterprise(page, "浏览器测试：核对地块与调整方式", kind="structural_adjustment")
    page.click("#steps-nav [data-step='1']")
    page.select_option("select[name=structural_mode]", "relocation")
    page.click("#steps-nav [data-step='3']")
    draw_square(page)
    page.click("#steps-nav [data-step='5']")
    facts = summary(page)
    assert facts["调整方式"] == "搬迁"
    assert re.fullmatch(r"新地块 1 · [\d,]+(\.\d+)? m²", facts["地块"]), facts
    save_screenshot(page, "wizard-review-parcels")


def test_an_edited_project_s_review_lists_its_parcels_by_code_and_area(page, live_server, draft_with_parcels):
    project, codes = draft_with_parcels
    log_in(page, live_server, "pudong")
    page.goto(f"{live_server}/projects/{project}/edit")
    page.click("#steps-nav [data-step='5']")
    listed = page.locator(f"{SUMMARY} ul.review-parcels li").all_inner_texts()
    assert sorted(item.split(" · ")[0] for item in listed) == codes
    assert all(re.fullmatch(r"\S+ · [\d,]+(\.\d+)? m²", item) for item in listed), listed
    assert "调整方式" not in summary(page)  # a motor upgrade has no mode of exit
