"""The help centre's topics (帮助): which exist, in what order, for whom, and how a topic's text is
read. The texts themselves are Markdown files, one per topic and language
(``registry/help/<zh|en>/<slug>.md``, docs/development.md "Help"); this module only knows their
names and shape, so it stays pure.

A topic file starts with its title (``# …``), then one paragraph that says what the topic answers
(the index shows it under the title), then the body. **Bold** in a topic is kept for the names of
buttons, menus and fields as the UI shows them (tests/unit/test_help_labels.py holds them to the
catalogue and the templates).
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from registry.domain.permissions import ADMIN, CITY_REVIEWER, DISTRICT_STAFF, PLANNER


@dataclass(frozen=True)
class Topic:
    """A help topic: its file name and the roles whose daily work it describes (listed first for them)."""

    slug: str
    roles: frozenset[str]


def _topic(slug: str, *roles: str) -> Topic:
    return Topic(slug, frozenset(roles))


# In the order a newcomer would read them; a reader's own topics come first, in this order too.
TOPICS: tuple[Topic, ...] = (
    _topic("signing-in"),
    _topic("registering", DISTRICT_STAFF, ADMIN),
    _topic("parcels", DISTRICT_STAFF, PLANNER),
    _topic("review", DISTRICT_STAFF, CITY_REVIEWER, ADMIN),
    _topic("documents", DISTRICT_STAFF, CITY_REVIEWER),
    _topic("savings", DISTRICT_STAFF, CITY_REVIEWER),
    _topic("freed-land", PLANNER),
    # leaders read the rollups with a reviewer's, a planner's or an administrator's account
    _topic("rollups", CITY_REVIEWER, PLANNER, ADMIN),
    _topic("bulk-import", DISTRICT_STAFF, ADMIN),
    _topic("search"),
    _topic("api-tokens", ADMIN),
    _topic("audit-trail", ADMIN, CITY_REVIEWER),
    _topic("glossary"),
)
BY_SLUG = {topic.slug: topic for topic in TOPICS}
# What a visitor who is not signed in needs first: how to sign in (the login page links to it).
SIGNED_OUT_FIRST = ("signing-in",)


def ordered_for(role: str | None) -> tuple[tuple[Topic, ...], tuple[Topic, ...]]:
    """The topics as the index lists them for ``role`` (``None``: not signed in): the reader's own
    first, then the others, each part in ``TOPICS``' order."""
    if role is None:
        mine = tuple(BY_SLUG[slug] for slug in SIGNED_OUT_FIRST)
    else:
        mine = tuple(topic for topic in TOPICS if role in topic.roles)
    return mine, tuple(topic for topic in TOPICS if topic not in mine)


@dataclass(frozen=True)
class TopicText:
    """A topic file read: its title, the paragraph that sums it up, and the Markdown after the title."""

    title: str
    summary: str
    body: str


def read_topic(text: str) -> TopicText:
    """Split a topic file into title, summary and body; a file without a ``# `` title first, or
    without a summary paragraph after it, is refused (ValueError), since the index needs both."""
    lines = text.lstrip("\ufeff").splitlines()
    if not lines or not lines[0].startswith("# "):
        raise ValueError("a help topic starts with its title: '# …'")
    title = lines[0][2:].strip()
    body = "\n".join(lines[1:]).strip()
    summary = body.split("\n\n", 1)[0].strip()
    if not summary or summary.startswith(("#", "|", "-", "!", ">")):
        raise ValueError("a help topic's title is followed by one paragraph that sums it up")
    return TopicText(title, " ".join(summary.split()), body + "\n")


# A heading's anchor, ``## 目标 {#targets}`` (registry/web/help_text.py gives the heading its id).
ANCHOR = r"\{#(?P<name>[a-z0-9-]+)\}"
# Markdown's marks, link targets and a heading's anchor (the same word in every language: not the reader's).
_MARKUP = re.compile(rf"\]\([^)]*\)|{ANCHOR}|[*#`|>\[\]_!]+")


def searchable(text: TopicText) -> str:
    """The words of a topic as the index's filter matches them: its whole text without Markdown's
    marks and link targets, spaces folded, in lower case."""
    words = _MARKUP.sub(" ", f"{text.title} {text.body}")
    return " ".join(words.split()).lower()
