"""Reading a page as its reader does: its text without tags, entities or runs of white space; the
notice of the values of its address it did not use, and what a refused download's page says."""
from __future__ import annotations

import html as markup
import re


def text_of(html: str) -> str:
    """The text of ``html``, tags replaced by a space, entities decoded, white space folded; a
    language's mark inside a text (equal value (<span lang="zh-Hans">等价值</span>)) is no break."""
    html = re.sub(r'<span lang="[^"]+">([^<]*)</span>', r"\1", html)
    return re.sub(r"\s+", " ", markup.unescape(re.sub(r"<[^>]+>", " ", html)))


def section(html: str, css_class: str) -> str:
    """The text of the first ``<section class="card {css_class}">``."""
    found = re.search(rf'<section class="card {css_class}">(.*?)</section>', html, re.S)
    assert found, css_class
    return text_of(found.group(1))


def said_above_the_list(html: str) -> list[str]:
    """The lines of the notice above a page (web/refused_query.py) of the values it did not use."""
    found = re.search(r'<div class="form-error refused-query" role="alert">(.*?)</div>', html, re.S)
    return [text_of(li).strip() for li in re.findall(r"<li>(.*?)</li>", found.group(1), re.S)] if found else []


def refusal(response) -> tuple[list[str], str]:
    """The problems a refused download's page lists, and its link back."""
    html = response.get_data(as_text=True)
    assert response.status_code == 422 and response.mimetype == "text/html", response.get_data(as_text=True)[:300]
    assert "<h1>未生成下载文件</h1>" in html
    problems = [text_of(li) for li in re.findall(r"<li>(.*?)</li>", html[html.index('<ul class="field-errors">'):])]
    back = re.search(r'<a href="([^"]*)">返回列表更正筛选条件</a>', html)
    assert back, html
    return problems[:problems.index("") if "" in problems else None], back.group(1).replace("&amp;", "&")
