"""The demo's accounts: named as people, in characters, on Chinese and English pages alike."""
from __future__ import annotations

import re

from sqlalchemy import text

from registry.services.demo.accounts import DEMO_ACCOUNTS, FORMER_NAMES, ensure_demo_accounts


def test_demo_users_are_named_as_people_in_characters_and_former_demo_names_are_replaced(session, districts):
    # They were role descriptions (市经信委审核员（示意）) that stayed Chinese on English pages, then
    # characters and pinyin (王敏 Wang Min), pinyin on every Chinese page.
    ensure_demo_accounts(session)
    for username, old in (("reviewer", FORMER_NAMES["reviewer"][0]), ("admin", "陈静 Chen Jing")):
        session.execute(text("UPDATE users SET display_name = :old WHERE username = :user"), {"old": old, "user": username})
    session.execute(text("UPDATE users SET display_name = '赵六' WHERE username = 'planner'"))  # renamed by its owner
    assert ensure_demo_accounts(session) == 0
    names = dict(session.execute(text("SELECT username, display_name FROM users")).all())
    assert names["reviewer"] == "王敏" and names["admin"] == "陈静" and names["planner"] == "赵六"
    for username, _role, _district, name in DEMO_ACCOUNTS:
        assert re.fullmatch(r"[\u4e00-\u9fff]{2,3}", name), username
    renamed = session.execute(text("SELECT changes->'display_name' FROM audit_log WHERE entity = 'user' AND action = 'update'"
                                   " ORDER BY id")).scalars().all()
    assert renamed == [["陈静 Chen Jing", "陈静"], ["市经信委审核员（示意）", "王敏"]], renamed
