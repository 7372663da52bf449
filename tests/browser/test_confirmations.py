"""Irreversible actions ask first (static/js/confirm.js): "Cancel" leaves the record in the database,
"OK" performs the action and the next page says so once (flask.flash in base.html)."""
from __future__ import annotations

import pytest
from sqlalchemy import create_engine, pool, text

from tests.browser.conftest import Dialogs, flash, log_in, save_screenshot

pytestmark = pytest.mark.browser


def _target_of_its_own(database_url: str) -> int:
    """A plan target of 2015, a year the demo has none of: the test removes it, not a target of the
    seed documents that other browser tests read (2017's 1,000 exits on the rollup page)."""
    engine = create_engine(database_url, poolclass=pool.NullPool)
    try:
        with engine.begin() as connection:
            return connection.execute(text(
                "INSERT INTO targets (year, scope, metric, kind, value, unit, source) VALUES "
                "(2015, 'city', 'structural_adjustment_projects', 'plan', 800, '项', 'browser test') RETURNING id")).scalar()
    finally:
        engine.dispose()


def test_removing_a_target_asks_first(page, live_server, live_database_url, db):
    own = _target_of_its_own(live_database_url)
    log_in(page, live_server, "admin")
    dialogs = Dialogs(page)
    page.goto(live_server + "/targets?year=2015")
    target_id = int(page.locator("form[action$='/delete']").first.get_attribute("action").split("/")[-2])
    assert target_id == own
    exists = "SELECT count(*) FROM targets WHERE id = :i"
    asked = dialogs.answer(accept=False)
    page.locator("form[action$='/delete'] button").first.click()
    page.wait_for_load_state("networkidle")
    assert len(asked) == 1 and asked[0].startswith("confirm: 确定移除目标“") and "2015 年" in asked[0]
    assert db(exists, i=target_id) == 1 and page.url.endswith("/targets?year=2015")
    assert page.locator(".flashes").count() == 0

    asked = dialogs.answer(accept=True)
    with page.expect_navigation():
        page.locator("form[action$='/delete'] button").first.click()
    assert len(asked) == 1 and db(exists, i=target_id) == 0
    assert flash(page) == "目标已移除。"
    page.reload()
    assert page.locator(".flashes").count() == 0  # shown once


def test_closing_a_year_asks_first(page, live_server, db):
    log_in(page, live_server, "admin")
    dialogs = Dialogs(page)
    page.goto(live_server + "/rollups?year=2014")
    closed = "SELECT count(*) FROM rollup_closures WHERE year = 2014"
    assert db(closed) == 0
    button = page.get_by_role("button", name="年度结账并冻结报表")
    asked = dialogs.answer(accept=False)
    button.click()
    page.wait_for_load_state("networkidle")
    assert asked == ["confirm: 确定对 2014 年度结账并冻结其报表吗？此操作无法在此撤销：重新打开已结账年度需由数据库管理员处理。"]
    assert db(closed) == 0

    asked = dialogs.answer(accept=True)
    with page.expect_navigation():
        button.click()
    assert len(asked) == 1 and db(closed) == 1
    assert flash(page) == "2014 年度已结账：报表已冻结，可在下方下载。"
    save_screenshot(page, "year-closed-message-zh")


def test_a_new_token_survives_a_refresh_once_and_revoking_asks_first(page, live_server, db):
    log_in(page, live_server, "planner")
    dialogs = Dialogs(page)
    tokens = "SELECT count(*) FROM api_tokens t JOIN users u ON u.id = t.user_id WHERE u.username = 'planner'"
    revoked = tokens + " AND t.revoked_at IS NOT NULL"
    before = db(tokens)
    page.goto(live_server + "/account/tokens")
    page.fill("input[name=name]", "统计局导出")
    page.get_by_role("button", name="创建令牌").click()
    page.wait_for_load_state("networkidle")
    secret = page.locator("#token-secret").inner_text()
    assert secret.startswith("rgy_") and flash(page) == "已创建令牌“统计局导出”。"
    page.reload()  # POST-redirect-GET: a refresh neither creates a second token nor shows the secret again
    page.wait_for_load_state("networkidle")
    assert db(tokens) == before + 1 and page.locator("#token-secret").count() == 0
    assert secret not in page.content()

    asked = dialogs.answer(accept=False)
    page.get_by_role("button", name="吊销").click()
    page.wait_for_load_state("networkidle")
    assert asked == ["confirm: 确定吊销令牌“统计局导出”吗？使用它的系统将立即被拒绝访问；此操作无法撤销。"]
    assert db(revoked) == 0

    asked = dialogs.answer(accept=True)
    with page.expect_navigation():
        page.get_by_role("button", name="吊销").click()
    assert len(asked) == 1 and db(revoked) == 1
    assert flash(page) == "已吊销令牌“统计局导出”：它不能再访问 API。"


def test_making_a_user_an_administrator_asks_first(page, live_server, db):
    """Every other role is a click away from 管理员 in the role list, and an administrator holds every
    page: giving it (to a new user or an existing one) asks, any other role does not."""
    log_in(page, live_server, "admin")
    dialogs = Dialogs(page)
    question = "confirm: 确定授予管理员角色吗？管理员可管理用户、目标、等价值和导入，并可阅读全部审计日志。"
    page.goto(live_server + "/admin/users/planner")
    page.select_option("select[name=role]", "admin")
    asked = dialogs.answer(accept=False)
    page.get_by_role("button", name="保存角色").click()
    page.wait_for_load_state("networkidle")
    assert asked == [question] and db("SELECT role FROM users WHERE username = 'planner'") == "planner"
    page.goto(live_server + "/admin/users")
    page.fill("input[name=username]", "admin-by-mistake")
    page.select_option("#new-user select[name=role]", "admin")
    asked = dialogs.answer(accept=False)
    page.get_by_role("button", name="创建用户").click()
    page.wait_for_load_state("networkidle")
    assert asked == [question] and db("SELECT count(*) FROM users WHERE username = 'admin-by-mistake'") == 0
    page.select_option("#new-user select[name=role]", "planner")  # no question for another role
    asked = dialogs.answer(accept=False)
    with page.expect_navigation():
        page.get_by_role("button", name="创建用户").click()
    assert asked == [] and db("SELECT role FROM users WHERE username = 'admin-by-mistake'") == "planner"


def test_importing_district_boundaries_asks_first_naming_what_it_replaces(page, live_server, tmp_path):
    """Boundaries replace those of the districts of the same codes (and, asked for, every parcel's
    district): the upload asks first, a dry run and another kind of file do not."""
    path = tmp_path / "districts.geojson"
    path.write_text('{"type": "FeatureCollection", "features": []}', encoding="utf-8")
    log_in(page, live_server, "admin")
    dialogs = Dialogs(page)
    sent = []
    page.on("request", lambda request: sent.append(request.url) if "/imports/upload" in request.url else None)
    page.goto(live_server + "/imports/")
    page.select_option("#import-form select[name=target]", "districts")
    page.set_input_files("#import-form input[name=file]", str(path))
    button = page.locator("#import-form button[type=submit]")
    asked = dialogs.answer(accept=False)
    button.click()
    page.wait_for_load_state("networkidle")
    assert asked == ["confirm: 确定导入行政区边界吗？文件中每个区的边界和名称将替换系统中代码相同的区的边界和名称，"
                     "此操作无法在此撤销。"] and sent == []
    page.check("#import-form input[name=reassign_parcels]")
    asked = dialogs.answer(accept=False)
    button.click()
    page.wait_for_load_state("networkidle")
    assert len(asked) == 1 and asked[0].endswith("随后还将按新边界重新确定每个地块的所属区。") and sent == []
    page.check("#import-form input[name=dry_run]")  # checked only: nothing to replace, nothing asked
    asked = dialogs.answer(accept=False)
    button.click()
    page.wait_for_selector("#import-progress[data-stage=failed], #import-progress[data-stage=done]")  # its answer
    assert asked == [] and len(sent) == 1
    page.uncheck("#import-form input[name=dry_run]")
    page.select_option("#import-form select[name=target]", "zones")
    assert page.get_attribute("#import-form", "data-confirm") is None
