"""A help topic's Markdown as HTML (markdown-it-py, CommonMark with tables; raw HTML is not passed
through). Links are written as the files read on their own (in an editor or a repository's
preview) and rewritten here for the app:

- ``other-topic.md`` or ``other-topic.md#part`` → that topic's page (/help/other-topic);
- ``/projects/new``, any path from the root → that page of the app (under its script root);
- ``images/name.png`` → the screenshot in ``registry/static/help/`` (scripts/dev/help-screenshots);
- anything else (another site) is refused: the help works on an offline intranet.

A heading may end in ``{#name}``: the part's anchor, the same in every language (``## 目标 {#targets}``
and ``## Targets {#targets}``), so a page or another topic can link to it (``rollups.md#targets``).

Tables are put in the house's sideways-scrolling box, so a wide one never widens a phone's page.

An address of the registry in code (`http://服务器:5000/ogc`, `http://server:5000/tiles/…`: ``SITE``)
is shown as this site's own (scheme, host, port and the path a proxy serves it under), so a GIS user
copies it into QGIS as it is; the files keep the placeholder, which reads as an example on its own.
"""
from __future__ import annotations

import re
from functools import cache

from flask import request, url_for
from markdown_it import MarkdownIt
from markupsafe import Markup, escape

from registry.domain.help_topics import ANCHOR, BY_SLUG

_TOPIC_LINK = re.compile(r"^(?P<slug>[a-z0-9-]+)\.md(?P<part>#[\w-]+)?$")
_IMAGE = re.compile(r"^images/(?P<name>[\w.-]+\.png)$")
_ANCHOR = re.compile(rf"\s*{ANCHOR}$")
SITE = re.compile(r"http://(?:服务器|server):5000")  # the registry's own address, as the topics write it


@cache
def _parser() -> MarkdownIt:
    return MarkdownIt("commonmark", {"html": False, "typographer": False}).enable("table")


def target(href: str) -> str:
    """Where a link or image of a topic leads in the app (see the module's docstring); ValueError
    for one that leads nowhere the help may send a reader."""
    topic = _TOPIC_LINK.match(href)
    if topic:
        if topic["slug"] not in BY_SLUG:
            raise ValueError(f"no help topic {topic['slug']!r}")
        return url_for("help.topic", slug=topic["slug"]) + (topic["part"] or "")
    image = _IMAGE.match(href)
    if image:
        return url_for("static", filename=f"help/{image['name']}")
    if href.startswith("/") and not href.startswith("//"):
        return request.script_root + href
    if href.startswith("#"):
        return href
    raise ValueError(f"a help link leads out of the registry: {href!r}")


def anchors(markdown: str) -> list[str]:
    """The ``{#name}`` anchors of a topic's headings (tests check each language has the same)."""
    return [m["name"] for line in markdown.splitlines() if line.startswith("#") and (m := _ANCHOR.search(line))]


def links(markdown: str) -> list[str]:
    """Every link and image source a topic holds, as written (tests check each leads somewhere)."""
    found = []
    for block in _parser().parse(markdown):
        for token in block.children or ():
            if token.type == "link_open":
                found.append(str(token.attrGet("href")))
            elif token.type == "image":
                found.append(str(token.attrGet("src")))
    return found


def inline_html(markdown: str) -> Markup:
    """A topic's summary as the index shows it: its bold labels and code as HTML, on one line (a
    summary holds no link: tests/unit/test_help_texts.py)."""
    return Markup(_parser().renderInline(markdown))


def to_html(markdown: str, table_label: str) -> Markup:
    """The topic's body as HTML for templates/help/topic.html; ``table_label`` names each table's
    scrolling box for a screen reader."""
    parser = _parser()
    tokens = parser.parse(markdown)
    for heading, inline in zip(tokens, tokens[1:]):
        anchor = _ANCHOR.search(inline.content) if heading.type == "heading_open" else None
        if anchor:
            heading.attrSet("id", anchor["name"])
            inline.children[-1].content = _ANCHOR.sub("", inline.children[-1].content)
    site = request.host_url.rstrip("/") + request.script_root
    for block in tokens:
        if block.type in ("code_block", "fence"):
            block.content = SITE.sub(site, block.content)
        for token in block.children or ():
            if token.type == "code_inline":
                token.content = SITE.sub(site, token.content)
            elif token.type == "link_open":
                token.attrSet("href", target(str(token.attrGet("href"))))
            elif token.type == "image":
                token.attrSet("src", target(str(token.attrGet("src"))))
                token.attrSet("loading", "lazy")
    html = parser.renderer.render(tokens, parser.options, {})
    box = f'<div class="table-scroll" tabindex="0" role="region" aria-label="{escape(table_label)}"><table>'
    html = html.replace("<table>", box).replace("</table>", "</table></div>")
    return Markup(html)
