"""Who recorded each target and each year's 等价值 as it stands, and when (录入人 / 录入时间): the newest
entry of each in the audit trail, read in one statement for the whole table, on the targets and
factors pages of an administrator; "—" and a note for a value written without an entry."""
from __future__ import annotations

import re

from sqlalchemy import text

from registry.clock import SHANGHAI

from tests.integration import rollup_data
from tests.web.page_text import text_of

TARGET = {"year": "2016", "scope": "city", "metric": "emc_projects", "kind": "plan", "value": "120"}
EQUAL_VALUE = {"year": "2015", "value_kgce_per_kwh": "0.315", "source": "国家统计局", "source_en": "NBS"}


def _rows(html: str, table_class: str) -> list[str]:
    table = re.search(rf'<table class="data {table_class}">(.*?)</table>', html, re.S).group(1)
    return [text_of(row).strip() for row in re.findall(r"<tr>(.*?)</tr>", table.split("<tbody>")[1], re.S)]


def _named(session, username: str, display_name: str) -> None:
    session.execute(text("UPDATE users SET display_name = :d WHERE username = :u"), {"d": display_name, "u": username})


def test_each_target_names_who_recorded_it_last_and_when(client, login, session):
    admin = login("admin")
    _named(session, admin.username, "陈静")
    assert client.post("/targets", data=TARGET).status_code == 302
    rollup_data.add_target(session, "retrofit_projects", "150", "项", year=2016)  # loaded: no entry of its own
    html = client.get("/targets?year=2016").get_data(as_text=True)
    assert "<th>录入人</th><th>录入时间</th>" in html
    loaded, entered = _rows(html, "targets cards")  # the programme's order: retrofit projects first
    assert loaded.startswith("全市 节能技术改造项目") and entered.startswith("全市 合同能源管理项目"), (loaded, entered)
    at = session.execute(text("SELECT at FROM audit_log WHERE entity = 'target' ORDER BY id DESC LIMIT 1")).scalar_one()
    at = at.astimezone(SHANGHAI)
    moment = f"{at.year}年{at.month}月{at.day}日 {at:%H:%M}"  # in Beijing time, as the page's other moments
    assert "陈静 网页" in entered and moment in entered, entered
    target_id = session.execute(text("SELECT id FROM targets WHERE metric = 'emc_projects'")).scalar_one()
    assert f'href="/audit?entity=target&amp;entity_id={target_id}"' in html  # the moment opens its entries
    assert loaded.endswith("项 — — 修改 移除"), loaded
    assert "审计日志中没有该目标自己的记录" in html

    # another administrator changes it: the newest entry names them
    client.post("/logout")
    second = login("admin", username="admin-two")
    _named(session, second.username, "王敏")
    client.post("/targets", data=TARGET | {"value": "130", "replaces": str(target_id)})  # its row's 修改
    entered = _rows(client.get("/targets?year=2016").get_data(as_text=True), "targets cards")[1]
    assert "王敏" in entered and "陈静" not in entered


def test_the_targets_page_reads_the_trail_once_for_every_row(client, login, session, statements):
    login("admin")
    for metric in ("emc_projects", "retrofit_projects", "boilers_replaced"):
        client.post("/targets", data=TARGET | {"metric": metric})
    statements.clear()
    html = client.get("/targets?year=2016").get_data(as_text=True)
    assert html.count('class="recorded-by"') == 3
    assert len([sql for sql, _ in statements if "audit_log" in sql]) == 1


def test_each_years_equal_value_names_who_recorded_it_and_a_seeded_one_says_it_has_no_entry(client, login, session):
    admin = login("admin")
    _named(session, admin.username, "陈静")
    client.post("/reference/equal-values", data=EQUAL_VALUE)
    html = client.get("/reference").get_data(as_text=True)
    table = html[html.index('id="equal-values"'):html.index('id="factors"')]
    rows = {row.split(" ")[0]: row for row in _rows(table, "cards")}
    assert "陈静 网页" in rows["2015"], rows["2015"]
    assert rows["2020"].startswith("2020 0.3055") and "— —" in rows["2020"]  # seeded by migration 0002
    assert "—：审计日志中没有记录：该数值随系统安装写入。" in text_of(table)

    english = client.get("/reference?lang=en").get_data(as_text=True)
    assert '<span lang="zh-Hans">陈静</span>' in english  # a name typed in Chinese, on an English page
    client.post("/logout")
    login("city_reviewer")  # reads no trail of equal values: no column of it
    assert "录入人" not in client.get("/reference").get_data(as_text=True)
