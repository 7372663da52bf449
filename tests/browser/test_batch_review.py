"""Reviewing several projects at once in a real Chromium (批量审核, the project list's batch form and
static/js/batch.js): tick two, approve after the question, see them approved; tick all on the page;
the keyboard alone; a project changed since the page was drawn; a phone; paper. Each test lists
projects of its own, registered in the live database under a title of its own."""
from __future__ import annotations

import re
from urllib.parse import quote

import pytest

from tests.browser.conftest import Dialogs, flash, page_scroll_width, save_screenshot, signed_in

pytestmark = pytest.mark.browser

DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}


def listed(page, live_server: str, title: str, status: str = "") -> str:
    url = f"{live_server}/projects?q={quote(title)}&status={status}"
    page.goto(url)
    page.wait_for_load_state("networkidle")
    return url


def box(page, reference: str, title: str):
    return page.get_by_label(f"勾选 {reference} {title}")


def test_a_reviewer_ticks_two_approves_after_the_question_and_sees_them_approved(browser, live_server, register):
    projects = register("批量批准测试", 3)
    context, page = signed_in(browser, live_server, DESKTOP, user="reviewer")
    dialogs = Dialogs(page)
    url = listed(page, live_server, "批量批准测试", "submitted")
    approve = page.locator("button.batch-approve")
    assert approve.is_disabled()  # nothing ticked yet, and the page says so under the buttons
    assert page.inner_text("#batch-why") == "在列表中勾选项目后即可对其执行操作。"
    assert approve.get_attribute("aria-describedby") == "batch-why"
    for n, (_, reference) in enumerate(projects[:2], start=1):
        box(page, reference, f"批量批准测试 {n}").check()
    assert page.inner_text("#batch-count") == "已勾选 2 个项目。"
    assert approve.inner_text() == "批准（2）" and approve.is_enabled()
    assert page.inner_text("#batch-why") == "" and approve.get_attribute("aria-describedby") is None
    save_screenshot(page, "batch-two-ticked")

    asked = dialogs.answer(accept=False)
    approve.click()
    page.wait_for_load_state("networkidle")
    assert asked == ["confirm: 确定批准所勾选的 2 个项目吗？"] and page.url == url
    assert register.statuses([i for i, _ in projects]) == ["submitted"] * 3  # "Cancel" changed nothing

    asked = dialogs.answer(accept=True)
    with page.expect_navigation():
        approve.click()
    assert len(asked) == 1 and flash(page) == "已批准 2 个项目。"
    assert page.url == url  # the list again, with the same filters
    assert register.statuses([i for i, _ in projects]) == ["approved", "approved", "submitted"]
    rows = page.inner_text("table.project-list tbody")
    assert "批量批准测试 3" in rows and "批量批准测试 1" not in rows  # the approved ones left the filter
    context.close()


def test_tick_all_on_the_page_offers_the_steps_every_ticked_project_takes(browser, live_server, register):
    projects = register("全选测试", 3)
    register.step(projects[0][0], "approve")  # approved: it may be returned, not approved again
    context, page = signed_in(browser, live_server, DESKTOP, user="reviewer")
    listed(page, live_server, "全选测试")
    everything = page.get_by_label("勾选本页全部")
    everything.check()
    boxes = page.locator("input[name=selected]")
    assert boxes.count() == 3 and all(boxes.nth(n).is_checked() for n in range(3))
    assert page.locator("button.batch-approve").is_disabled()  # one ticked project is approved already
    assert page.inner_text("#batch-why") == "批准：所勾选的项目中有 1 个不能执行此操作，取消勾选后方可执行。"
    assert page.locator("button.batch-return").inner_text() == "退回并附意见（3）"
    box(page, projects[0][1], "全选测试 1").uncheck()
    assert everything.evaluate("e => e.indeterminate") and not everything.is_checked()
    assert page.locator("button.batch-approve").inner_text() == "批准（2）"
    everything.check()  # from "some" to all, as a click does
    assert all(boxes.nth(n).is_checked() for n in range(3))
    everything.uncheck()
    assert not any(boxes.nth(n).is_checked() for n in range(3)) and page.inner_text("#batch-count") == "已勾选 0 个项目。"
    context.close()


def test_the_keyboard_alone_ticks_the_page_returns_it_with_a_comment_and_answers_the_question(browser, live_server,
                                                                                               register):
    projects = register("键盘批量测试", 2)
    context, page = signed_in(browser, live_server, DESKTOP, user="reviewer")
    dialogs = Dialogs(page)
    listed(page, live_server, "键盘批量测试", "submitted")

    def tab_to(script: str) -> None:
        for _ in range(60):
            page.keyboard.press("Tab")
            if page.evaluate(f"(e => {script})(document.activeElement)"):
                return
        raise AssertionError(f"Tab never reached {script}")

    tab_to("e.id === 'select-all'")
    page.keyboard.press("Space")
    assert page.inner_text("#batch-count") == "已勾选 2 个项目。"
    tab_to("e.name === 'comment'")
    page.keyboard.type("请补充能源台账")
    tab_to("e.value === 'return'")
    assert page.evaluate("getComputedStyle(document.activeElement).outlineStyle") != "none"  # the focus is seen
    asked = dialogs.answer(accept=True)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert asked == ["confirm: 确定将所勾选的 2 个项目连同此意见退回各区吗？"]
    assert flash(page) == "已将 2 个项目连同您的意见退回各区。"
    assert register.statuses([i for i, _ in projects]) == ["returned", "returned"]
    context.close()


def test_a_project_changed_since_the_page_was_drawn_is_not_approved_blind(browser, live_server, register):
    projects = register("变更后批准测试", 2)
    context, page = signed_in(browser, live_server, DESKTOP, user="reviewer")
    dialogs = Dialogs(page)
    listed(page, live_server, "变更后批准测试", "submitted")
    page.get_by_label("勾选本页全部").check()
    register.step(projects[1][0], "return", "台账不全")  # someone returns the second meanwhile
    dialogs.answer(accept=True)
    page.locator("button.batch-approve").click()
    page.wait_for_selector("#batch-error")
    alert = page.locator("#batch-error")
    assert alert.get_attribute("role") == "alert"
    assert alert.inner_text().startswith("未做任何更改：所选的 2 个项目中有 1 个不能执行“批准”。")
    assert alert.get_by_role("link").inner_text() == f"{projects[1][1]} 变更后批准测试 2"
    assert re.search(r"已于 .* 被修改（字段：", alert.inner_text())
    assert box(page, projects[0][1], "变更后批准测试 1").is_checked()  # kept ticked, ready to go again
    assert register.statuses([i for i, _ in projects]) == ["submitted", "returned"]
    save_screenshot(page, "batch-refused")
    context.close()


def test_on_a_phone_the_boxes_and_the_buttons_fit_and_the_table_scrolls_in_its_box(browser, live_server, register):
    projects = register("手机批量测试", 2)
    context, page = signed_in(browser, live_server, PHONE, user="reviewer", has_touch=True)
    listed(page, live_server, "手机批量测试", "submitted")
    first = box(page, projects[0][1], "手机批量测试 1")
    first.tap()
    assert first.is_checked()
    assert page_scroll_width(page) <= PHONE["width"]
    for element in (first, page.locator("button.batch-approve"), page.locator("button.batch-return")):
        found = element.bounding_box()
        assert found["x"] >= 0 and found["x"] + found["width"] <= PHONE["width"], found
    assert page.locator("td.pick").first.bounding_box()["width"] >= 24  # a box a thumb can hit
    save_screenshot(page, "batch-phone-390")
    context.close()


def test_in_english_a_step_and_its_count_are_two_words(browser, live_server, register):
    projects = register("English tally", 1)
    context, page = signed_in(browser, live_server, DESKTOP, lang="en", user="reviewer")
    listed(page, live_server, "English tally", "submitted")
    assert page.inner_text("#batch-why") == "Tick projects in the list to take a step on them."
    page.get_by_label(f"Tick {projects[0][1]} English tally 1").check()
    assert page.locator("button.batch-approve").inner_text() == "Approve (1)"  # was "Approve(1)"
    context.close()


def test_paper_shows_the_list_without_the_boxes_and_the_form(browser, live_server, register):
    register("打印批量测试", 1)
    context, page = signed_in(browser, live_server, DESKTOP, user="reviewer")
    listed(page, live_server, "打印批量测试")
    page.emulate_media(media="print")
    assert page.locator("table.project-list").is_visible()
    assert "打印批量测试 1" in page.inner_text("table.project-list")
    assert page.locator("#batch").is_hidden() and page.locator("th.pick").is_hidden()
    assert page.locator("td.pick").first.is_hidden()
    context.close()


def test_approving_ticked_projects_the_monitoring_flags_says_how_many_in_its_question(browser, live_server,
                                                                                     live_database_url, tmp_path):
    """确定批准所勾选的 2 个项目吗？ and nothing more, though one of the two claimed more consumption before
    its retrofit than its enterprise's whole monitored figure: its badge, one row among two hundred,
    was all that said so."""
    from sqlalchemy.orm import Session

    from registry.db import make_engine
    from registry.services import monitoring as monitoring_service
    from registry.services import projects as svc
    from tests.integration.monitoring_data import ADMIN, code, csv_file
    from tests.integration.project_data import PUDONG, draft

    engine = make_engine(live_database_url)
    with Session(engine) as session:  # motors claiming 33 tce before, of an enterprise monitored at 10 in 2012
        flagged, plain = (svc.register_project(session, PUDONG, draft(
            title=f"批量监测测试 {n}", credit_code=code(9000 + n), enterprise_name=f"批量监测测试企业{n}", new_parcels=()),
            submit=True) for n in (1, 2))
        monitoring_service.import_monitoring(session, ADMIN, csv_file(tmp_path, [(code(9001), 2012, "10", "测试")]))
    engine.dispose()
    context, page = signed_in(browser, live_server, DESKTOP, user="reviewer")
    dialogs = Dialogs(page)
    listed(page, live_server, "批量监测测试", "submitted")
    box(page, plain.reference, plain.title).check()
    asked = dialogs.answer(accept=False)
    page.locator("button.batch-approve").click()
    assert asked == ["confirm: 确定批准所勾选的 1 个项目吗？"]  # none of them flagged: the question alone
    box(page, flagged.reference, flagged.title).check()
    for step in ("approve", "return"):
        asked = dialogs.answer(accept=False)
        if step == "return":
            page.fill("textarea[name=comment]", "请核对")
        page.locator(f"button.batch-{step}").click()
        assert asked == ({"approve": ["confirm: 确定批准所勾选的 2 个项目吗？其中 1 个与监测数据偏差超限，请先逐一核对。"],
                          "return": ["confirm: 确定将所勾选的 2 个项目连同此意见退回各区吗？"]}[step])  # returning credits nothing
    context.close()
