"""The help centre in Chromium: the index's filter keeps the topics that hold every typed word and
says how many (or that none does); the pages fit a phone; the top bar's 帮助 is in the phone's
folded menu; a page's "? 帮助" opens its topic; a topic prints without the page's tools."""
from __future__ import annotations

import pytest

from tests.browser.conftest import page_scroll_width, save_screenshot, signed_in

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}
LAPTOP = {"width": 1366, "height": 768}


def listed(page) -> list[str]:
    return [a.get_attribute("href").rsplit("/", 1)[1] for a in page.locator(".help-topics li:visible a").all()]


def test_the_filter_keeps_the_topics_holding_every_word_typed(browser, live_server):
    context = browser.new_context(viewport=LAPTOP, locale="zh-CN")
    page = context.new_page()
    page.goto(live_server + "/help")
    assert len(listed(page)) == 13 and listed(page)[0] == "signing-in"
    page.fill("#help-q", "退回")
    assert "review" in listed(page) and "glossary" not in listed(page) and len(listed(page)) < 13
    assert page.locator("#help-found").inner_text() == f"包含“退回”的主题：{len(listed(page))} 个。"
    page.fill("#help-q", "退回 批量")  # every word: only the topics holding both
    assert listed(page) == ["review"]
    save_screenshot(page, "help-1366-zh-filtered")
    page.fill("#help-q", "ＧＣＪ－０２")  # full-width, as an input method types it
    assert set(listed(page)) >= {"parcels", "bulk-import", "glossary"}
    page.fill("#help-q", "不存在的词")
    assert listed(page) == [] and page.locator(".help-group:visible").count() == 0
    assert "没有主题包含“不存在的词”" in page.locator("#help-found").inner_text()
    page.fill("#help-q", "")
    assert len(listed(page)) == 13 and page.locator("#help-found").inner_text() == ""
    context.close()


def test_the_english_filter_reads_the_english_texts(browser, live_server):
    context, page = signed_in(browser, live_server, LAPTOP, "en", user="planner")
    page.goto(live_server + "/help")
    assert listed(page)[:3] == ["parcels", "freed-land", "rollups"]  # a planner's own first
    page.fill("#help-q", "TCE")
    assert "savings" in listed(page) and "search" not in listed(page)
    assert page.locator("#help-found").inner_text().startswith("Topics holding “TCE”:")
    context.close()


def test_help_fits_a_phone_and_is_in_the_folded_menu(browser, live_server):
    context, page = signed_in(browser, live_server, PHONE, user="pudong")
    for path in ("/help", "/help/glossary", "/help/savings"):
        page.goto(live_server + path)
        assert page_scroll_width(page) <= PHONE["width"], path
    save_screenshot(page, "help-390-zh-savings")
    page.goto(live_server + "/projects")
    assert not page.locator(".topbar-help").is_visible()
    page.click(".menu-toggle")
    page.click(".topbar-help")
    page.wait_for_url("**/help")
    assert page.locator(".help-group h2").first.inner_text() == "为您推荐（区级工作人员）"
    context.close()


def test_a_pages_help_link_opens_its_topic(browser, live_server):
    context, page = signed_in(browser, live_server, LAPTOP, user="pudong")
    page.goto(live_server + "/projects/new")
    link = page.locator("a.help-link")
    assert link.is_visible() and link.inner_text().strip() == "帮助"  # its "?" is drawn by app.css
    assert link.evaluate("e => getComputedStyle(e, '::before').content") == '"?" / ""'
    link.click()
    page.wait_for_url("**/help/registering")
    assert page.locator("h1").inner_text() == "登记项目（向导）"
    context.close()


def test_a_topic_prints_its_text_without_the_pages_tools(browser, live_server):
    context = browser.new_context(viewport=LAPTOP, locale="zh-CN")
    page = context.new_page()
    page.goto(live_server + "/help/review")
    page.emulate_media(media="print")
    assert not page.locator(".topbar").is_visible() and not page.locator(".help-crumbs").is_visible()
    assert page.locator("article.help-text table").is_visible()
    assert page.pdf(format="A4")[:4] == b"%PDF"
    context.close()


NAV_AND_NAME_JS = """() => ({links: [...document.querySelectorAll('.main-nav a')].filter(a => a.offsetWidth > 0).length,
    all: document.querySelectorAll('.main-nav a').length, shown: document.querySelector('.brand').innerText,
    name: document.querySelector('.brand').title})"""


@pytest.mark.parametrize("user", ["reviewer", "admin", "planner", "pudong"])
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_roles_bar_keeps_one_row_at_a_laptops_width(browser, live_server, lang, user):
    # The bar folds what it holds until it is one row (js/topbar.js): the search box behind its button
    # (帮助 then shows only its "?"), the language switch to the other language, and in English the
    # registry's name to its short form — which leaves room to unfold the others again. With 企业 and
    # 地块 every role's English bar took two rows at 1280 px (74 px high) before the short name.
    context, page = signed_in(browser, live_server, {"width": 1280, "height": 768}, lang, user=user)
    for width in (1280, 1100, 1366):
        page.set_viewport_size({"width": width, "height": 768})
        page.goto(live_server + "/projects")
        assert page.locator(".topbar").bounding_box()["height"] <= 50, (width, lang, user)
        bar = page.evaluate(NAV_AND_NAME_JS)
        assert bar["links"] == bar["all"] == 7, bar  # 概览 项目 企业 年度汇总 腾出土地 地块 批量导入
        assert bar["name"] == ("上海市产业结构调整和节能项目登记系统" if lang == "zh"
                               else "Shanghai energy-saving and structural-adjustment registry")
        assert bar["shown"] == (bar["name"] if lang == "zh" or (width == 1366 and user in ("planner", "pudong"))
                                else "Energy registry"), (width, bar)
        word = page.locator(".topbar-help .help-word")
        assert page.locator(".topbar-help").is_visible() and page.locator(".topbar-help").get_attribute("title") == word.inner_text()
        assert page.locator(".lang a").is_visible()
    save_screenshot(page, f"help-1366-{lang}-{user}-bar")
    context.close()
