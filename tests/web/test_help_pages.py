"""The help centre's pages (/help): every topic renders in both languages, readable signed out; the
index lists the reader's own topics first; every link a topic holds and every page's "? 帮助" link
leads somewhere. The texts themselves: tests/unit/test_help_texts.py."""
from __future__ import annotations

import re

import pytest

from registry.domain.help_topics import TOPICS, ordered_for
from registry.domain.permissions import ADMIN, CITY_REVIEWER, DISTRICT_STAFF, PLANNER
from registry.services import help as service

pytestmark = pytest.mark.usefixtures("districts")

TOPIC_HREF = re.compile(r'<li data-words="[^"]*"><a href="/help/([a-z0-9-]+)"')


def h1(html: str) -> str:
    return re.search(r"<h1>(.*?)</h1>", html, re.S).group(1).strip()


@pytest.mark.parametrize("lang", ["zh_Hans_CN", "en"])
@pytest.mark.parametrize("slug", [topic.slug for topic in TOPICS])
def test_every_topic_renders_in_both_languages_without_signing_in(client, slug, lang):
    response = client.get(f"/help/{slug}?lang={lang}")
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert h1(html) == service.topic(slug, lang).title
    assert f'<html lang="{"en" if lang == "en" else "zh-CN"}">' in html
    assert "<table>" not in html or 'class="table-scroll"' in html  # a wide table scrolls in its box


def test_the_english_page_shows_the_english_text_and_the_chinese_page_the_chinese(client):
    chinese = client.get("/help/review").get_data(as_text=True)
    english = client.get("/help/review?lang=en").get_data(as_text=True)
    assert "退回并附意见" in chinese and "Return with comment" not in chinese
    assert "Return with comment" in english and "退回并附意见" not in english


def test_the_index_shows_a_summarys_labels_in_bold_not_its_markup(client):
    html = client.get("/help?lang=en").get_data(as_text=True)
    assert "The <strong>Supporting documents</strong> on a project's page" in html
    assert "**" not in html


def test_an_unknown_topic_is_not_found_in_the_readers_language(client):
    response = client.get("/help/no-such-topic")
    assert response.status_code == 404
    assert "没有名为 no-such-topic 的帮助主题" in response.get_data(as_text=True)


def test_an_unknown_topic_leads_to_the_topics_and_other_missing_pages_do_not(client, login):
    # It offered only "Back to the overview": a reader following an old link to help was sent away from it.
    assert '<a href="/help">全部帮助主题</a>' in client.get("/help/registering-projects").get_data(as_text=True)
    login("planner")
    missing = client.get("/projects/999999")
    assert missing.status_code == 404 and "全部帮助主题" not in missing.get_data(as_text=True)


def test_signed_out_the_index_starts_with_signing_in_and_the_login_page_links_to_it(client):
    html = client.get("/help").get_data(as_text=True)
    assert TOPIC_HREF.findall(html)[0] == "signing-in"
    assert "从这里开始" in html
    login = client.get("/login").get_data(as_text=True)
    assert 'href="/help/signing-in"' in login and 'href="/help"' in login  # the topic, and the top bar's 帮助


@pytest.mark.parametrize("role, district", [(DISTRICT_STAFF, "310115"), (CITY_REVIEWER, None), (PLANNER, None),
                                            (ADMIN, None)])
def test_the_index_lists_the_readers_own_topics_first(client, login, role, district):
    login(role, district)
    html = client.get("/help").get_data(as_text=True)
    mine, others = ordered_for(role)
    assert TOPIC_HREF.findall(html) == [topic.slug for topic in mine + others]
    assert mine and len(mine) < len(TOPICS)


def test_a_planners_index_starts_with_freed_land_and_a_district_s_with_registering(client, login):
    # the rule above in words: what each role does first comes first
    login(PLANNER)
    assert TOPIC_HREF.findall(client.get("/help").get_data(as_text=True))[:2] == ["parcels", "freed-land"]
    assert "为您推荐（规划人员）" in client.get("/help").get_data(as_text=True)


def test_every_link_in_every_topic_leads_to_a_page(client, login):
    login(ADMIN)
    html_links = re.compile(r'<(?:a href|img src)="([^"]+)"')
    checked = set()
    for topic in TOPICS:
        for lang in ("zh_Hans_CN", "en"):
            body = client.get(f"/help/{topic.slug}?lang={lang}").get_data(as_text=True)
            article = body[body.index('<article'):body.index('</article>')]
            for href in html_links.findall(article):
                path = href.split("#")[0]
                if path in checked:
                    continue
                checked.add(path)
                assert not href.startswith(("http:", "https:", "//")), f"{topic.slug}: {href} leaves the intranet"
                with client.get(path) as response:  # a static file's answer holds the file open
                    assert response.status_code in (200, 302), f"{topic.slug} ({lang}) links to {href}"
    assert "/help/glossary" in checked and "/static/help/wizard-en.png" in checked


def test_a_topic_linking_out_of_the_registry_fails_to_render(app):
    from registry.web.help_text import to_html
    with app.test_request_context("/help/x"):
        assert 'href="/help/glossary#terms"' in to_html("[g](glossary.md#terms)", "t")
        with pytest.raises(ValueError, match="leads out of the registry"):
            to_html("[cdn](https://example.com/x)", "t")
        with pytest.raises(ValueError, match="no help topic"):
            to_html("[x](no-such-topic.md)", "t")


# the pages' "? 帮助" links: page → its topic, or the part of it about the page (``topic#part``)
PAGES = {
    "/projects/new": "registering", "/projects": "review", "/land/freed": "freed-land",
    "/land/matching": "freed-land#matching", "/land/output": "freed-land#land-output", "/rollups": "rollups",
    "/imports/": "bulk-import", "/account": "signing-in#password", "/account/tokens": "api-tokens",
    "/search": "search", "/reference": "savings#factors", "/monitoring": "review#monitoring",
}
HELP_LINK = re.compile(r'<a class="help-link screen-only" href="([^"]+)" aria-label="([^"]+)">')


@pytest.mark.parametrize("path, slug", PAGES.items())
def test_the_main_pages_link_to_their_topic(client, login, path, slug):
    login(DISTRICT_STAFF, "310115")
    html = client.get(path).get_data(as_text=True)
    href, name = HELP_LINK.search(html).groups()
    assert href == f"/help/{slug}"
    topic, _, part = slug.partition("#")
    assert name == f"帮助：{service.topic(topic, 'zh_Hans_CN').title}"
    answer = client.get(f"/help/{topic}")
    assert answer.status_code == 200 and (not part or f'id="{part}"' in answer.get_data(as_text=True))


def test_the_targets_page_links_to_the_rollups_topic_which_tells_how_to_set_them(client, login):
    """Its neighbours (the rollup, the factors) had their help beside the title; it had none."""
    login("admin")
    href, name = HELP_LINK.search(client.get("/targets?year=2016").get_data(as_text=True)).groups()
    assert href == "/help/rollups#targets" and name == f"帮助：{service.topic('rollups', 'zh_Hans_CN').title}"
    # to the topic's part on targets, in either language: the heading carries the anchor, not its {#…}
    for language, heading in (("zh", "目标"), ("en", "Targets")):
        client.get(f"/lang/{language}")
        assert f'<h2 id="targets">{heading}</h2>' in client.get("/help/rollups").get_data(as_text=True)


def test_the_project_page_links_to_the_review_workflow(client, project_url):
    html = client.get(project_url).get_data(as_text=True)
    assert HELP_LINK.search(html).group(1) == "/help/review"


def test_the_top_bar_offers_help_signed_in_and_out(client, login):
    assert '<a class="topbar-help" href="/help">帮助</a>' in client.get("/login").get_data(as_text=True)
    login(PLANNER)
    html = client.get("/").get_data(as_text=True)
    account = html[html.index('<nav class="account"'):]
    assert ('<a class="topbar-help" href="/help" title="帮助"><span class="help-word">帮助</span></a>'
            in account[:account.index("</nav>")])
