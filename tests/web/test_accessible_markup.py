"""Markup that screen readers depend on, checked on the server's pages (the browser tests run axe-core
on them too: tests/browser/test_accessibility.py)."""
from __future__ import annotations

import re


def headers(html: str) -> list[str]:
    return re.findall(r"<th[^>]*>.*?</th>", html, re.S)


def test_sorted_columns_say_their_order_on_the_header_cell(client, ids, login):
    login("planner")
    freed = headers(client.get("/land/freed?sort=-area_m2").get_data(as_text=True))
    sorted_ = [h for h in freed if "aria-sort" in h]
    assert len(sorted_) == 1 and sorted_[0].startswith('<th aria-sort="descending"><a href="?')
    assert '面积（m²）&nbsp;<span aria-hidden="true">▼</span></a>' in sorted_[0]
    assert not any(re.search(r"<a [^>]*aria-sort", h) for h in freed)  # not allowed on a link

    projects = headers(client.get("/projects?sort=year&dir=asc").get_data(as_text=True))
    sorted_ = [h for h in projects if "aria-sort" in h]
    assert len(sorted_) == 1 and sorted_[0].startswith('<th aria-sort="ascending"><a href="/projects?')
    assert '年度&nbsp;<span aria-hidden="true">▲</span></a></th>' in sorted_[0]


def test_the_language_switch_marks_each_language_name_in_its_own_language(client, login):
    login("planner")
    chinese = client.get("/").get_data(as_text=True)
    assert '<html lang="zh-CN">' in chinese and '<strong lang="zh-CN">简体中文</strong>' in chinese
    assert re.search(r'<a href="/lang/en\?next=[^"]+" hreflang="en" lang="en">English</a>', chinese)
    english = client.get("/?lang=en").get_data(as_text=True)
    assert '<html lang="en">' in english and '<strong lang="en">English</strong>' in english
    assert re.search(r'<a href="/lang/zh_Hans_CN\?next=[^"]+" hreflang="zh-CN" lang="zh-CN">简体中文</a>', english)
