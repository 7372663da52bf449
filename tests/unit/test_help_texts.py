"""The help centre's texts (registry/help/<zh|en>/<slug>.md): every topic in both languages and no
file beside them, each shaped as the index reads it, short, and quoting the UI as the UI says it —
a button, menu or field the help names in **bold** or 「」 is a Chinese translation (zh) or a msgid
(en) of the catalogue, or text of a template, so a label reworded in the UI fails here until the
help follows it."""
from __future__ import annotations

import functools
import re
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from registry.domain.help_topics import BY_SLUG, TOPICS, read_topic
from registry.services.help import FOLDERS, HELP_ROOT

ROOT = Path(__file__).resolve().parents[2]
CATALOGUE = ROOT / "registry" / "translations" / "zh_Hans_CN" / "LC_MESSAGES" / "messages.po"
LANGUAGES = sorted(set(FOLDERS.values()))
QUOTED = re.compile(r"\*\*(.+?)\*\*|「(.+?)」")


def texts(folder: str) -> dict[str, str]:
    return {path.stem: path.read_text(encoding="utf-8") for path in sorted((HELP_ROOT / folder).glob("*"))}


@functools.cache
def ui_words() -> dict[str, frozenset[str]]:
    """What the UI can show, by help folder: the catalogue's Chinese (zh) or its msgids (en), and the
    literal text of the templates (a few words are written there as they are)."""
    with CATALOGUE.open("rb") as fh:
        catalogue = read_po(fh, locale="zh_Hans_CN")
    templates = " ".join(path.read_text(encoding="utf-8") for path in (ROOT / "templates").rglob("*.html"))
    literal = frozenset(re.findall(r">([^<>{}]+)<", templates))
    zh = {m.string for m in catalogue if m.id and isinstance(m.string, str)}
    en = {m.id for m in catalogue if m.id and isinstance(m.id, str)}
    return {"zh": frozenset(zh) | literal, "en": frozenset(en) | literal}


def test_every_topic_is_written_in_every_language_and_nothing_else_is():
    slugs = {topic.slug for topic in TOPICS}
    for folder in LANGUAGES:
        files = set(texts(folder))
        assert not slugs - files, f"help topics without their {folder} text: {sorted(slugs - files)}"
        assert not files - {f"{slug}" for slug in slugs}, \
            f"files in registry/help/{folder} that are no topic (registry/domain/help_topics.py TOPICS): {sorted(files - slugs)}"
        assert all(path.suffix == ".md" for path in (HELP_ROOT / folder).iterdir())


def test_a_topic_missing_in_one_language_is_found(tmp_path, monkeypatch):
    # the check above, on a copy where the English glossary is gone
    for folder in LANGUAGES:
        (tmp_path / folder).mkdir()
        for slug, text in texts(folder).items():
            if (folder, slug) != ("en", "glossary"):
                (tmp_path / folder / f"{slug}.md").write_text(text, encoding="utf-8")
    monkeypatch.setattr(f"{__name__}.HELP_ROOT", tmp_path)
    with pytest.raises(AssertionError, match="without their en text: \\['glossary'\\]"):
        test_every_topic_is_written_in_every_language_and_nothing_else_is()


@pytest.mark.parametrize("folder", LANGUAGES)
def test_each_topic_has_a_title_a_summary_and_stays_short(folder):
    for slug, text in texts(folder).items():
        topic = read_topic(text)  # raises for a file without its title or summary
        assert topic.title and len(topic.summary) >= 10, slug
        assert "](" not in topic.summary, f"{folder}/{slug}.md: the index shows the summary inside no link of its own"
        assert len(text.splitlines()) < 300, f"{folder}/{slug}.md: keep a topic under 300 lines, or split it"


@pytest.mark.parametrize("folder", LANGUAGES)
def test_the_labels_a_topic_quotes_are_the_uis_own(folder):
    known = ui_words()[folder]
    unknown = []
    for slug, text in texts(folder).items():
        for bold, bracketed in QUOTED.findall(text):
            label = (bold or bracketed).strip()
            if label not in known:
                unknown.append(f"{slug}: {label}")
    assert unknown == [], f"labels the help quotes that the UI does not show ({folder}): {unknown}"


def test_the_label_check_finds_a_label_the_ui_does_not_show():
    assert "提交审核" in ui_words()["zh"] and "Submit for review" in ui_words()["en"]
    assert "提交申请" not in ui_words()["zh"] and "Send for review" not in ui_words()["en"]


@pytest.mark.parametrize("folder", LANGUAGES)
def test_chinese_topics_are_chinese_and_english_topics_english(folder):
    # a topic pasted into the other language's folder would pass every check above
    for slug, text in texts(folder).items():
        title = read_topic(text).title
        has_han = re.search(r"[\u4e00-\u9fff]", title) is not None
        assert has_han == (folder == "zh"), f"{folder}/{slug}.md is titled {title!r}"


def test_every_picture_says_what_it_shows_and_the_pictures_stay_small():
    images = ROOT / "registry" / "static" / "help"
    for folder in LANGUAGES:
        for slug, text in texts(folder).items():
            for alt, name in re.findall(r"!\[([^\]]*)\]\(images/([^)]+)\)", text):
                assert alt.strip(), f"{folder}/{slug}.md: a picture without its text ({name})"
                assert (images / name).is_file(), f"{folder}/{slug}.md: {name} is not in registry/static/help"
                assert name.endswith(f"-{folder}.png"), f"{folder}/{slug}.md shows the other language's {name}"
    total = sum(path.stat().st_size for path in images.glob("*.png"))
    assert total < 1_500_000, f"the help's pictures take {total:,} bytes (scripts/dev/help-screenshots)"


def test_a_topic_has_the_same_heading_anchors_in_every_language_and_links_only_to_anchors_it_has():
    from registry.web.help_text import anchors, links

    texts = {(lang, path.stem): path.read_text(encoding="utf-8")
             for lang in LANGUAGES for path in (HELP_ROOT / lang).glob("*.md")}
    by_topic = {slug: anchors(text) for (lang, slug), text in texts.items() if lang == "zh"}
    for (lang, slug), text in texts.items():
        assert anchors(text) == by_topic[slug], (lang, slug)
        for link in links(text):
            if ".md#" in link:
                topic, part = link.split(".md#")
                assert part in by_topic[topic], (lang, slug, link)


def test_a_headings_anchor_is_not_among_the_words_a_search_finds():
    from registry.domain.help_topics import TopicText, searchable

    assert searchable(TopicText("年度汇总", "汇总。", "## 目标 {#targets}\n\n设定目标。")) == "年度汇总 目标 设定目标。"


# A page's help link: {{ help_link('topic') }} or {{ help_link('topic', 'part') }} (templates/_macros.html).
HELP_LINK = re.compile(r"help_link\('(?P<slug>[a-z-]+)'(?:, '(?P<part>[a-z0-9-]+)')?\)")


def test_every_pages_help_link_opens_a_topic_and_a_part_it_has():
    from registry.web.help_text import anchors

    calls = [(path.relative_to(ROOT), m["slug"], m["part"])
             for path in sorted((ROOT / "templates").rglob("*.html"))
             for m in HELP_LINK.finditer(path.read_text(encoding="utf-8"))]
    parts = {slug for _, slug, part in calls if part}
    assert len(parts) >= 5, calls  # the pages link into the parts of several topics, not only their tops
    for path, slug, part in calls:
        assert slug in BY_SLUG, (path, slug)
        if part:
            for lang in LANGUAGES:
                assert part in anchors((HELP_ROOT / lang / f"{slug}.md").read_text(encoding="utf-8")), (path, lang, slug, part)


def test_a_topic_is_read_again_only_once_its_file_changed(tmp_path, monkeypatch):
    """Every page's help link names its topic: the file was read and made searchable at each view."""
    from registry.services import help as service

    (tmp_path / "zh").mkdir()
    topic = tmp_path / "zh" / "review.md"
    topic.write_text("# 审核\n\n审核项目的步骤。\n", encoding="utf-8")
    monkeypatch.setattr(service, "HELP_ROOT", tmp_path)
    reads = []
    monkeypatch.setattr(service, "read_topic", lambda text: reads.append(text) or read_topic(text))
    assert [service.topic("review", "zh_Hans_CN").title for _ in range(3)] == ["审核"] * 3 and len(reads) == 1
    topic.write_text("# 项目审核\n\n审核项目的步骤。\n", encoding="utf-8")  # an edit: shown at the next request
    assert service.topic("review", "zh_Hans_CN").title == "项目审核" and len(reads) == 2
