"""The demo's accounts: named as people, readable on Chinese and English pages alike."""
from __future__ import annotations

import re

from sqlalchemy import text

from registry.services.demo.accounts import DEMO_ACCOUNTS, FORMER_NAMES, ensure_demo_accounts


def test_demo_users_are_named_as_people_in_characters_and_pinyin_and_old_demo_names_are_replaced(session, districts):
    # They were role descriptions (市经信委审核员（示意）) that stayed Chinese on English pages.
    ensure_demo_accounts(session)
    session.execute(text("UPDATE users SET display_name = :old WHERE username = 'reviewer'"),
                    {"old": FORMER_NAMES["reviewer"]})
    session.execute(text("UPDATE users SET display_name = '赵六' WHERE username = 'planner'"))  # renamed by its owner
    assert ensure_demo_accounts(session) == 0
    names = dict(session.execute(text("SELECT username, display_name FROM users")).all())
    assert names["reviewer"] == "王敏 Wang Min" and names["planner"] == "赵六"
    for username, _role, _district, name in DEMO_ACCOUNTS:
        assert re.fullmatch(r"\w{2,3} [A-Z][a-z]+ [A-Z][a-z]+", name), username
