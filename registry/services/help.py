"""The help centre's texts (帮助, /help): each topic of ``registry.domain.help_topics`` is a Markdown
file per language, ``registry/help/zh/<slug>.md`` and ``registry/help/en/<slug>.md``, read when
asked (a few kB each; an edited file shows at the next request, no restart), and kept as read until
its time or size changes."""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from registry.config import PROJECT_ROOT
from registry.domain.errors import N_, NotFound
from registry.domain.help_topics import BY_SLUG, Topic, TopicText, ordered_for, read_topic, searchable

HELP_ROOT = PROJECT_ROOT / "registry" / "help"
# The UI's locale → the folder of its texts.
FOLDERS = {"zh_Hans_CN": "zh", "en": "en"}


@dataclass(frozen=True)
class HelpTopic:
    slug: str
    title: str
    summary: str
    body: str  # Markdown
    words: str  # what the index's filter matches (domain.help_topics.searchable)


@dataclass(frozen=True)
class HelpIndex:
    mine: list[HelpTopic]  # the reader's own topics (for a visitor not signed in: signing in)
    others: list[HelpTopic]


def topic_path(slug: str, locale: str) -> Path:
    return HELP_ROOT / FOLDERS[locale] / f"{slug}.md"


def _read(topic: Topic, locale: str) -> HelpTopic:
    """The topic's file as it is now: read again once it changed (its time or size), else as read —
    every page's help link names its topic (web/help.py ``help_topic_title``)."""
    path = topic_path(topic.slug, locale)
    written = path.stat()
    return _read_as_written(topic.slug, path, written.st_mtime_ns, written.st_size)


@lru_cache(maxsize=4 * len(BY_SLUG))  # every topic in both languages, and room for edits
def _read_as_written(slug: str, path: Path, _mtime_ns: int, _size: int) -> HelpTopic:
    text: TopicText = read_topic(path.read_text(encoding="utf-8"))
    return HelpTopic(slug, text.title, text.summary, text.body, searchable(text))


def topic(slug: str, locale: str) -> HelpTopic:
    """One topic in the reader's language; an unknown slug is NotFound."""
    found = BY_SLUG.get(slug)
    if found is None:
        raise NotFound(N_("There is no help topic %(topic)s."), topic=slug)
    return _read(found, locale)


def index(role: str | None, locale: str) -> HelpIndex:
    """Every topic in the reader's language, the reader's own first (``role`` None: not signed in)."""
    mine, others = ordered_for(role)
    return HelpIndex([_read(t, locale) for t in mine], [_read(t, locale) for t in others])

