"""The help centre's rules (registry/domain/help_topics.py): the order of the index per role, and
how a topic file is read."""
from __future__ import annotations

import pytest

from registry.domain.help_topics import TOPICS, ordered_for, read_topic, searchable
from registry.domain.permissions import ADMIN, CITY_REVIEWER, DISTRICT_STAFF, PLANNER


def slugs(topics) -> list[str]:
    return [topic.slug for topic in topics]


def test_each_role_reads_its_own_topics_first_then_the_others_in_the_same_order():
    assert slugs(ordered_for(DISTRICT_STAFF)[0]) == ["registering", "parcels", "review", "documents", "savings",
                                                     "bulk-import"]
    assert slugs(ordered_for(CITY_REVIEWER)[0]) == ["review", "documents", "savings", "rollups", "audit-trail"]
    assert slugs(ordered_for(PLANNER)[0]) == ["parcels", "freed-land", "rollups"]
    assert slugs(ordered_for(ADMIN)[0]) == ["registering", "review", "rollups", "bulk-import", "api-tokens",
                                            "audit-trail"]
    for role in (DISTRICT_STAFF, CITY_REVIEWER, PLANNER, ADMIN, None):
        mine, others = ordered_for(role)
        assert sorted(slugs(mine + others)) == sorted(slugs(TOPICS))  # every topic, once
        assert slugs(others) == [t.slug for t in TOPICS if t not in mine]


def test_a_visitor_not_signed_in_starts_with_signing_in():
    mine, others = ordered_for(None)
    assert slugs(mine) == ["signing-in"] and others[0].slug == "registering"


def test_a_topic_file_gives_its_title_summary_and_body():
    text = read_topic("# 登录与密码\n\n如何登录\n系统。\n\n## 登录\n\n1. 打开 **登录** 页。\n")
    assert (text.title, text.summary) == ("登录与密码", "如何登录 系统。")
    assert text.body.startswith("如何登录") and "## 登录" in text.body
    assert searchable(text) == "登录与密码 如何登录 系统。 登录 1. 打开 登录 页。"


@pytest.mark.parametrize("text", ["登录与密码\n\n摘要", "# 标题\n\n## 小节\n", "# 标题\n", ""])
def test_a_topic_file_without_its_title_or_summary_is_refused(text):
    with pytest.raises(ValueError):
        read_topic(text)


def test_the_filter_words_leave_out_link_targets_and_markup():
    words = searchable(read_topic("# T\n\nSee [the glossary](glossary.md) and `/ogc`, **Save**.\n"))
    assert "glossary.md" not in words and "*" not in words
    assert "the glossary" in words and "save" in words
