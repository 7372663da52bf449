"""On English pages the names people typed in Chinese (enterprises, projects, a parcel's redevelopment)
are marked ``lang="zh-Hans"`` as a whole (the ``typed`` filter); the registry's own English texts that
name a Chinese term (Illustrative data (示意数据), equal value (等价值)) mark only the term (``chinese_marked``),
in the charts' legends too; a Chinese page marks nothing."""
from __future__ import annotations

import re

from sqlalchemy import text

from tests.integration import land_data, rollup_data

ZH = '<span lang="zh-Hans">{}</span>'


def test_enterprise_and_project_names_are_marked_chinese_on_the_english_lists_and_pages(client, login, session):
    ids = rollup_data.load(session)
    enterprise = session.execute(text("SELECT id FROM enterprises WHERE name = '示例企业'")).scalar_one()
    session.execute(text("UPDATE enterprises SET address = '上海市浦东新区世纪大道 1 号' WHERE id = :e"), {"e": enterprise})
    login("admin")
    directory = client.get("/enterprises/?lang=en").get_data(as_text=True)
    assert f'<a href="/enterprises/{enterprise}">{ZH.format("示例企业")}</a>' in directory
    page = client.get(f"/enterprises/{enterprise}?lang=en").get_data(as_text=True)
    assert f"<h1>{ZH.format('示例企业')}</h1>" in page and f"<dd>{ZH.format('上海市浦东新区世纪大道 1 号')}</dd>" in page
    projects = client.get("/projects?district=&lang=en").get_data(as_text=True)
    assert f'<a href="/projects/{ids["P1"]}">{ZH.format("项目 P1")}</a>' in projects
    assert f'<td class="enterprise">{ZH.format("示例企业")}<br>' in projects
    detail = client.get(f"/projects/{ids['P1']}?lang=en").get_data(as_text=True)
    assert re.search(r"<h1>" + re.escape(ZH.format("项目 P1")) + " ", detail)
    assert f'">{ZH.format("示例企业")}</a> <code>' in detail
    # the fixed English labels: only the Chinese term is marked
    assert f"<dt>Savings, equivalent value ({ZH.format('当量值')})</dt>" in detail
    assert f"<dt>Savings, equal value ({ZH.format('等价值')})</dt>" in detail
    chinese = client.get(f"/projects/{ids['P1']}?lang=zh_Hans_CN").get_data(as_text=True)
    assert "<h1>项目 P1 " in chinese and 'lang="zh-Hans">' not in chinese.split("</header>", 1)[-1]


def test_a_parcels_redevelopment_is_marked_chinese_on_its_english_page(client, login, session):
    # (the parcel list and page name a parcel's projects by reference: nothing typed in Chinese there)
    ids = land_data.seed_land(session)
    session.execute(text("INSERT INTO parcel_redevelopments (parcel_id, new_use, description, planned_on) "
                         "VALUES (:p, 'M1', '二次开发为研发楼', '2014-01-01')"), {"p": ids["P4"]})
    login("planner")
    parcel = client.get(f"/land/parcels/{ids['P4']}?lang=en").get_data(as_text=True)
    assert f"<dt>Description</dt><dd>{ZH.format('二次开发为研发楼')}</dd>" in parcel
    chinese = client.get(f"/land/parcels/{ids['P4']}?lang=zh_Hans_CN").get_data(as_text=True)
    assert "<dd>二次开发为研发楼</dd>" in chinese


def test_the_illustrative_note_and_the_chart_legends_mark_only_their_chinese_term(client, login, session):
    rollup_data.load(session)
    session.execute(text("UPDATE projects SET is_illustrative = true"))
    login("planner")
    rollup = client.get("/rollups?year=2013&lang=en").get_data(as_text=True)
    note = re.search(r'<p class="illustrative" role="note">(.*?)</p>', rollup).group(1)
    assert note.startswith(f"Illustrative data ({ZH.format('示意数据')}): zones, parcels")
    tspan = '<tspan lang="zh-Hans" xml:lang="zh-Hans">{}</tspan>'
    # every drawing's legend (the bars and the savings by year): Equivalent value / (当量值), Equal value / (等价值) *
    assert rollup.count(f">({tspan.format('当量值')})</text>") >= 2 and rollup.count(f">({tspan.format('等价值')}) *</text>") >= 2
    assert "<tspan" not in client.get("/rollups?year=2013&lang=zh_Hans_CN").get_data(as_text=True)
    overview = client.get("/?lang=en").get_data(as_text=True)
    assert f"Illustrative data ({ZH.format('示意数据')}): " in overview
