"""The administrator's page of a user reads the user once (it had looked them up by name three
times: for the account, the sign-ins and the tokens — and the name of each token's owner again)."""
from __future__ import annotations

import re

from registry.domain.permissions import Actor
from registry.services import tokens
from registry.services.demo.districts import shipped_districts
from registry.services.loading import load_dataset
from registry.services.records import Dataset
from tests.conftest import TEST_PASSWORD


def test_the_page_of_a_user_with_sign_ins_and_tokens_reads_the_user_once(app, client, login, make_user, session,
                                                                          statements):
    load_dataset(session, Dataset(districts=tuple(shipped_districts())))
    login("admin", username="admin-one")
    user = make_user("planner-one", "planner")
    for name in ("统计局导出", "能耗监测"):
        tokens.create_token(session, Actor.system(), "planner-one", name, tokens.expiry(days=30))
    app.test_client().post("/login", data={"username": "planner-one", "password": TEST_PASSWORD})
    statements.clear()
    page = client.get("/admin/users/planner-one").get_data(as_text=True)
    assert "<td>统计局导出</td>" in page and "<td>能耗监测</td>" in page and "已登录的浏览器" in page
    # the user's own row read by name or by id; the audit trail's subquery and the sign-in of the
    # administrator (read by the session's id) are not look-ups of the user shown
    reads = [sql for sql, params in statements
             if re.match(r"SELECT .* FROM users\b", sql) and " JOIN " not in sql and "(SELECT" not in sql
             and ("planner-one" in params.values() or user.id in params.values())]
    assert len(reads) == 1, reads
