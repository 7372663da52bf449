"""The search box in the top bar and its page (/search): what it says with nothing typed, too much
typed or anything typed, straight to a record named whole, the matches grouped with their words."""
from __future__ import annotations

from urllib.parse import parse_qs, quote, urlsplit

import pytest
from sqlalchemy import text

from tests.integration.search_data import BAOGANG_CODE, PUDONG_DRAFT_TITLE, seed_search
from tests.web.page_text import text_of

pytestmark = pytest.mark.usefixtures("districts")


@pytest.fixture
def seeded(session):
    return seed_search(session)


def page(client, typed: str, **args) -> tuple[int, str]:
    response = client.get("/search", query_string={"q": typed, **args})
    return response.status_code, response.get_data(as_text=True)


def test_every_signed_in_page_has_the_box_in_its_top_bar(client, login):
    assert 'id="topbar-q"' not in client.get("/login").get_data(as_text=True)
    login("planner")
    for path in ("/", "/projects", "/land/freed", "/reference"):
        html = client.get(path).get_data(as_text=True)
        bar = html.split('<header class="topbar"')[1].split("</header>")[0]
        assert '<form class="topbar-search" method="get" action="/search" role="search">' in bar, path
        assert '<label for="topbar-q" class="visually-hidden">查找</label>' in bar
        assert 'placeholder="项目、企业、地块编号…"' in bar and 'aria-keyshortcuts="/"' in bar


@pytest.mark.parametrize("typed", ["", "   ", "\u3000\u3000", "\u200b"])
def test_nothing_typed_says_what_to_type(client, login, typed):
    login("planner")
    status, html = page(client, typed)
    assert status == 200
    assert "请输入要查找的内容" in text_of(html)
    assert 'class="search-summary"' not in html and "search-group" not in html


def test_too_much_typed_is_refused_politely_with_the_text_kept(client, login):
    login("planner")
    status, html = page(client, "宝" * 101)
    assert status == 200  # a page says what its address gives that it cannot use, and answers 200
    assert "查找内容 查找 共 101 个字符；最多可查找 100 个字符，例如一个名称、编号或代码" in text_of(html)
    assert 'value="' + "宝" * 101 + '"' in html and 'aria-invalid="true"' in html


@pytest.mark.parametrize("typed", ["%", "_", "\\", "%%", "%_\\", "'", '"', "' OR 1=1 --", "<script>alert(1)</script>",
                                   "\U0001f600", "ﷺ" * 60, "a" * 100, "%ZZ", "2013-", "——", "*", "(", "[", "|", "~*"])
def test_no_text_makes_an_error(client, login, seeded, typed):
    login("planner")
    status, html = page(client, typed)
    assert status == 200, (typed, status)
    assert "<script>alert" not in html


def test_a_nul_character_is_refused_with_the_field_named(client, login):
    login("planner")
    status, html = page(client, "宝\x00钢")
    assert status == 422 and "不能包含 NUL 字符" in text_of(html)  # refused before any page, for every address


@pytest.mark.parametrize("args", [{"kind": "zones"}, {"page": "abc"}, {"page": "-3"}, {"page": "9" * 30},
                                  {"kind": "parcels", "page": "999999999999"}])
def test_odd_arguments_are_no_error_either(client, login, seeded, args):
    login("planner")
    response = client.get("/search", query_string={"q": "srch", **args})
    assert response.status_code in (200, 302, 422), (args, response.status_code)


def test_a_whole_identifier_goes_straight_to_its_record(client, login, seeded):
    login("planner")
    grouped = f"{BAOGANG_CODE[:8]} {BAOGANG_CODE[8:]}".lower()
    for typed, location in ((seeded.pudong_approved.reference, f"/projects/{seeded.pudong_approved.id}"),
                            (grouped, f"/enterprises/{seeded.enterprises[BAOGANG_CODE]}"),
                            ("ｓｒｃｈ－１１", f"/land/parcels/{seeded.parcels['SRCH-11']}")):
        response = client.get("/search", query_string={"q": typed})
        assert (response.status_code, response.headers.get("Location")) == (302, location), typed


def test_matches_are_grouped_by_kind_each_with_the_words_that_tell_it_apart(client, login, seeded):
    login("city_reviewer")
    status, html = page(client, "宝钢化工")
    said = text_of(html)
    assert status == 200
    assert "“宝钢化工”的查找结果：项目：4；企业：2；地块：0。" in said
    assert f'<a href="/projects/{seeded.pudong_approved.id}"><mark>宝钢化工</mark>园区电机改造</a>' in html
    assert f"{seeded.pudong_approved.reference}" in said
    assert "上海<mark>宝钢化工</mark>有限公司 · 浦东新区 · 2013 · 已批准" in text_of(html.replace("<mark>", "\x01").replace(
        "</mark>", "\x02")).replace("\x01", "<mark>").replace("\x02", "</mark>")
    assert f'<a href="/enterprises/{seeded.enterprises[BAOGANG_CODE]}">上海<mark>宝钢化工</mark>有限公司</a>' in html
    assert f"{BAOGANG_CODE} · 浦东新区" in said
    assert "地块" not in html.split("search-summary")[-1].split("</p>", 1)[1]  # no empty parcels section


def test_a_parcel_is_shown_by_code_district_area_use_and_status(client, login, seeded):
    login("planner")
    html = page(client, "srch")[1]
    assert f'<a href="/land/parcels/{seeded.parcels["SRCH-10"]}"><code><mark>SRCH</mark>-10</code></a>' in html
    assert "SRCH -10 浦东新区 · 10,578 m²（15.87 亩） · 一类工业用地（M1） · 使用中" in text_of(html)


def test_short_texts_say_where_they_were_looked_for(client, login, seeded):
    login("planner")
    assert "少于 3 个字符时，编号和代码只从开头匹配（名称仍在任意位置查找）。" in text_of(page(client, "宝钢")[1])
    assert "少于 3 个字符" not in text_of(page(client, "宝钢化")[1])


def test_more_than_a_thousand_matches_say_so(client, login, session, seeded):
    session.execute(text("INSERT INTO parcels (code, geom, land_use_class) SELECT 'LOTS-' || lpad(n::text, 4, '0'), "
                         "ST_Multi(ST_MakeEnvelope(121.5, 31.0, 121.501, 31.001, 4326)), 'M1' FROM generate_series(1, 1001) n"))
    login("planner")
    said = text_of(page(client, "lots")[1])
    assert "“lots”的查找结果：项目：0；企业：0；地块：超过 1,000。" in said and "地块 超过 1,000 项" in said
    assert "相符的超过 1,000 项：只列出最先找到的 1,000 项中最相符的。请输入更多内容缩小范围。" in said
    assert "查看最先找到的 1,000 个地块" in said


def test_nothing_found_says_what_to_try(client, login, seeded):
    login("planner")
    said = text_of(page(client, "没有这个企业")[1])
    assert "“没有这个企业”的查找结果：项目：0；企业：0；地块：0。" in said
    assert "没有找到相符的记录。请核对编号，或输入名称中较短的一部分。" in said


def test_the_page_is_english_for_an_english_reader(client, login, seeded):
    login("planner")
    client.get("/lang/en")
    said = text_of(page(client, "宝钢化工")[1])
    assert "Found for “宝钢化工”: Projects: 4; Enterprises: 2; Parcels: 0." in said
    assert "Pudong New Area · 2013 · Approved" in said


@pytest.fixture
def many_parcels(session, seeded):
    for n in range(25):
        session.execute(text("INSERT INTO parcels (code, geom, land_use_class, district_code) VALUES "
                             "(:c, ST_Multi(ST_MakeEnvelope(121.5, 31.0, 121.501, 31.001, 4326)), 'M1', '310115')"),
                        {"c": f"MANY-{n:03d}"})


def test_a_kind_with_more_matches_links_to_all_of_them_page_by_page(client, login, many_parcels):
    login("planner")
    html = page(client, "many")[1]
    assert html.count('href="/land/parcels/') == 20
    assert '<a href="/search?q=many&amp;kind=parcels">查看全部 25 个地块</a>' in html
    status, all_of_them = page(client, "many", kind="parcels", page="2")
    assert status == 200 and all_of_them.count('href="/land/parcels/') == 5 and "第 2 页，共 2 页" in text_of(all_of_them)
    beyond = client.get("/search", query_string={"q": "many", "kind": "parcels", "page": "7"})
    assert beyond.status_code == 302 and parse_qs(urlsplit(beyond.headers["Location"]).query)["page"] == ["2"]


def test_more_projects_than_shown_link_to_the_project_list_with_the_same_text_in_every_district(
        client, login, session, seeded):
    session.execute(text("INSERT INTO projects (reference, kind, year, status, title, enterprise_id, district_code, inputs) "
                         "SELECT '2015-310115-' || lpad(n::text, 4, '0'), 'motor_upgrade', 2015, 'approved', '宝钢化工补充' || n, "
                         "enterprise_id, district_code, inputs FROM projects, generate_series(1, 20) n "
                         "WHERE id = :id"), {"id": seeded.pudong_approved.id})
    login("district_staff", "310112")
    html = page(client, "宝钢化工")[1]
    assert "项目：23" in text_of(html)  # 20 more, the two approved and Minhang's own draft
    link = f'/projects?q={quote("宝钢化工")}&amp;district='
    assert f'<a href="{link}">在项目列表中查看全部 23 个</a>' in html
    listed = client.get(link.replace("&amp;", "&")).get_data(as_text=True)
    assert "项目 共 23 项" in text_of(listed)


def test_minhang_staff_find_no_trace_of_a_pudong_draft(client, login, seeded):
    login("district_staff", "310112")
    for typed in (PUDONG_DRAFT_TITLE, seeded.pudong_draft.reference, "浦东未公开"):
        response = client.get("/search", query_string={"q": typed})
        body = response.get_data(as_text=True)
        assert response.status_code == 200, typed  # no redirect to a record it may not read
        summary, found = body.split('class="search-summary"')[1].split("</p>", 1)  # what was typed aside
        assert "项目：0" in summary, typed
        assert PUDONG_DRAFT_TITLE not in found and seeded.pudong_draft.reference not in found, typed


@pytest.mark.parametrize("typed", ["闵行", "闵行区", "Minhang", "310112"])
def test_a_district_named_is_found_first_with_the_pages_that_list_what_lies_in_it(client, login, seeded, typed):
    login("district_staff", "310115")  # another district's: its lists show them what they may read there
    html = page(client, typed)[1]
    said = text_of(html)
    assert f"“{typed}”的查找结果：行政区：1；项目：" in said
    found = html.split('id="found-districts"')[1].split("</section>")[0]
    assert 'href="/projects?district=310112"' in found and 'href="/land/parcels?district=310112"' in found
    assert 'href="/land/freed?district=310112"' in found and 'href="/rollups?district=310112"' in found
    assert "闵行区的项目" in text_of(found) and "闵行区的年度汇总" in text_of(found)
    assert "没有找到相符的记录" not in said
    assert html.index('id="found-districts"') < html.find('id="found-projects"') or 'id="found-projects"' not in html


def test_a_district_is_named_in_the_readers_language(client, login, seeded):
    login("planner")
    client.get("/lang/en")
    html = page(client, "浦东")[1]
    found = text_of(html.split('id="found-districts"')[1].split("</section>")[0])
    assert "Pudong New Area 310115" in found and "Projects in Pudong New Area" in found
    assert "Districts: 1" in text_of(html)


def test_a_part_of_a_district_name_names_no_district(client, login, seeded):
    login("planner")
    assert 'id="found-districts"' not in page(client, "区")[1]
