"""Every page's <title> is in the page's language: the English switch makes <html lang="en"> and
changes the title, whose every Chinese word is then one a person typed (an enterprise's or project's
name, which the page's body marks lang="zh-Hans" or holds in a field); the Chinese page is <html lang="zh-CN">.
Walks every page of the app (app.url_map; the JSON API, tiles and files aside), its ids real."""
from __future__ import annotations

import html as markup
import re

from tests.web.route_urls import url_of

SKIPPED = {"static", "assets.vendor", "auth.logout", "pages.set_language"}
CHINESE = re.compile(r"[\u3400-\u9fff\uff00-\uffef\u3000-\u303f]+")
TITLE = re.compile(r"<title>(.*?)</title>", re.S)


def _pages(app, real_ids):
    for rule in sorted(app.url_map.iter_rules(), key=lambda rule: rule.rule):
        if "GET" in rule.methods and rule.endpoint not in SKIPPED and not rule.rule.startswith("/api/"):
            yield rule.endpoint, url_of(rule, real_ids)


def _page(client, url: str, lang: str) -> str | None:
    response = client.get(f"{url}{'&' if '?' in url else '?'}lang={lang}")
    response.close()
    if response.mimetype != "text/html":
        return None
    return response.get_data(as_text=True)


def _title(html: str) -> str:
    # the head's own title, not an SVG's (a chart's <title> in the body)
    return markup.unescape(" ".join(TITLE.search(html[:html.index("</head>")]).group(1).split()))


def _untranslated(client, pages) -> tuple[list[tuple], int]:
    """The pages whose English title or language tag is not English, or whose Chinese one is not
    Chinese; and how many pages were checked."""
    untranslated, checked = [], 0
    for endpoint, url in pages:
        english, chinese = _page(client, url, "en"), _page(client, url, "zh_Hans_CN")
        if english is None or chinese is None or "</head>" not in english:  # a redirect, a file
            continue
        checked += 1
        # names people typed: marked Chinese in the body, or the value of a form's field (an edit page's)
        typed = set(re.findall(r'lang="zh-Hans"[^>]*>([^<]*)<', english) + re.findall(r'value="([^"]*)"', english))
        words = [w for w in CHINESE.findall(_title(english)) if not any(w in name for name in typed)]
        if not english.startswith('<!doctype html>\n<html lang="en">') or words or _title(english) == _title(chinese):
            untranslated.append((endpoint, url, _title(english), _title(chinese), words))
        if '<html lang="zh-CN">' not in chinese[:60]:
            untranslated.append((endpoint, url, "not lang=zh-CN", chinese[:60]))
    return untranslated, checked


def test_every_page_s_title_follows_the_language_switch(app, client, login, real_ids):
    login("admin")
    untranslated, checked = _untranslated(client, _pages(app, real_ids))
    assert untranslated == [], "\n".join(map(repr, untranslated))
    assert checked > 30  # every page asked, not stopped early


def test_the_pages_of_the_signed_out_follow_it_too(app, client, real_ids):
    # the sign-in page, help, and what the signed out are refused: its page is titled too
    untranslated, checked = _untranslated(client, _pages(app, real_ids))
    assert untranslated == [], "\n".join(map(repr, untranslated))
    assert checked > 5
