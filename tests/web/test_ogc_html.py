"""The OGC API's HTML view (registry/api/ogc/pages.py): a browser (``f=html`` or an Accept that
prefers text/html) gets the registry's pages; QGIS, GDAL and scripts get the JSON as before, whose
links name the HTML alternates."""
from __future__ import annotations

import json
import re
from urllib.parse import parse_qs, urlsplit

import pytest
from sqlalchemy import text

from registry.api.ogc.params import EPSG_4490

BROWSER = {"Accept": "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"}
# what QGIS, GDAL and curl send (and the test client: nothing)
JSON_CLIENTS = [{}, {"Accept": "application/json"}, {"Accept": "application/geo+json, application/json"},
                {"Accept": "*/*"}, {"Accept": "text/html;q=0.5, application/json"}]
ITEMS = "/ogc/collections/parcels/items"


def pages(ids) -> list[str]:
    return ["/ogc", "/ogc/collections", "/ogc/collections/freed_land", ITEMS, f"{ITEMS}/{ids['P1']}"]


def local(href: str) -> str:
    parts = urlsplit(href)
    return parts.path + (f"?{parts.query}" if parts.query else "")


def html_of(client, url: str, status: int = 200, **kwargs) -> str:
    response = client.get(url, **kwargs)
    assert response.status_code == status, response.get_data(as_text=True)[:400]
    assert response.mimetype == "text/html"
    return response.get_data(as_text=True)


def browser_page(client, url: str) -> str:
    """The page a browser's Accept gets for ``url``: in the registry's layout, and the one ``f=html`` gets."""
    page = html_of(client, url, headers=BROWSER)
    assert '<nav class="main-nav"' in page  # the registry's layout (base.html)
    heading = re.search(r"<h1>.*?</h1>", page, re.S).group(0)
    assert heading in html_of(client, f"{url}?f=html")
    return page


def test_a_browser_gets_pages_and_gis_clients_json(client, ids, login):
    login("planner")
    for url in pages(ids):
        browser_page(client, url)
        for headers in JSON_CLIENTS:
            answer = client.get(url, headers=headers)
            assert answer.status_code == 200 and answer.mimetype in ("application/json", "application/geo+json")
        assert client.get(f"{url}?f=json", headers=BROWSER).mimetype in ("application/json", "application/geo+json")
        assert "Accept" in client.get(url).headers["Vary"]  # a cache keeps the two answers apart


def test_json_documents_link_their_html_view_and_the_pages_their_json(client, ids, login):
    login("planner")
    for url in pages(ids):
        document = client.get(url).get_json() if url != ITEMS else json.loads(client.get(url).get_data())
        alternates = [link for link in document["links"] if link["rel"] == "alternate"]
        assert [link["type"] for link in alternates] == ["text/html"], url
        page = html_of(client, local(alternates[0]["href"]))
        json_href = re.search(r'<link rel="alternate" type="application/(?:geo\+)?json" href="([^"]+)"', page).group(1)
        back = client.get(local(json_href.replace("&amp;", "&")), headers=BROWSER)
        assert back.mimetype in ("application/json", "application/geo+json")
        same = {k: v for k, v in json.loads(back.get_data()).items() if k not in ("links", "timeStamp")}
        assert same == {k: v for k, v in document.items() if k not in ("links", "timeStamp")}
    # the collections' list names each collection's alternate too
    listed = client.get("/ogc/collections").get_json()["collections"]
    assert all(any(link["rel"] == "alternate" and link["type"] == "text/html" for link in c["links"]) for c in listed)


def test_the_items_alternate_keeps_the_filters_and_page_but_not_the_format_or_crs(client, ids, login):
    login("planner")
    page = json.loads(client.get(f"{ITEMS}?f=json&status=freed&limit=2&offset=1&crs={EPSG_4490}").get_data())
    href = next(link["href"] for link in page["links"] if link["rel"] == "alternate")
    assert parse_qs(urlsplit(href).query) == {"status": ["freed"], "offset": ["1"], "limit": ["2"], "f": ["html"]}


def test_the_items_page_shows_a_paged_table_in_the_readers_formats(client, ids, login):
    login("planner")
    page = html_of(client, f"{ITEMS}?f=html&limit=2&code=T-P1&status=")  # an empty field filters nothing
    assert "第 1–1 个要素，共 1 个" in page
    table = page[page.index('id="ogc-items"'):]
    assert ">T-P1<" in table and "2014年5月1日" in table  # freed_on as every page shows a day
    assert '<span title="development_zone">开发区</span>' in table  # the name, its code on hover
    assert re.search(r'<td class="num">4\d,\d{3}</td>', table)  # m² grouped, no decimals
    form = html_of(client, f"{ITEMS}?f=html&status=freed")
    assert '<option value="freed" selected>' in form[form.index('<select name="status">'):]  # codes by name
    first = html_of(client, f"{ITEMS}?limit=2", headers=BROWSER)
    assert "第 1–2 个要素，共 6 个" in first
    following = re.search(r'href="([^"]+)" rel="next"', first).group(1).replace("&amp;", "&")
    assert "f=html" in following and "offset=2" in following
    assert "第 3–4 个要素，共 6 个" in html_of(client, local(following))
    features = json.loads(re.search(r'id="ogc-features">(.*?)</script>', first).group(1))
    assert len(features["features"]) == 2 and features["features"][0]["geometry"]["type"] == "MultiPolygon"


def test_a_collection_page_names_its_queryables_downloads_and_qgis_help(client, ids, login):
    login("planner")
    page = html_of(client, "/ogc/collections/freed_land?f=html")
    queryables = page[page.index('id="ogc-queryables"'):]
    assert "<code>zone_kind</code>" in queryables and "区域类型" in queryables
    assert 'href="/land/freed"' in page and "/help/freed-land#gis" in page
    assert "2013年9月1日" in page  # the first day freed, its temporal extent


def test_the_pages_speak_english_after_the_switch(client, ids, login):
    login("planner")
    page = html_of(client, f"{ITEMS}?f=html&lang=en&limit=2")
    assert "Features 1–2 of 6" in page and "<th>Freed on</th>" in page and "May 1, 2014" in page


def test_signed_out_browsers_are_sent_to_sign_in_and_gis_clients_get_401(client, ids):
    for url in pages(ids):
        answer = client.get(url, headers=BROWSER)
        assert answer.status_code == 302 and answer.headers["Location"].startswith("/login?next=")
        assert client.get(url).status_code == 401
        assert client.get(url, headers={"Accept": "application/json"}).status_code == 401


def test_a_token_reads_the_pages_too(client, session, ids, make_user):
    from registry.domain.permissions import Actor
    from registry.services import tokens

    make_user("qgis", "planner")
    created = tokens.create_token(session, Actor.system(), "qgis", "QGIS", tokens.expiry(days=30))
    assert "T-P1" in html_of(client, f"{ITEMS}?f=html&limit=10",
                             headers={"Authorization": f"Bearer {created.secret}"})


def test_district_staff_do_not_see_another_districts_draft_in_html_either(client, session, ids, login):
    enterprise = session.execute(text(
        "INSERT INTO enterprises (credit_code, name) VALUES ('91110000600037341L', '测试') RETURNING id")).scalar_one()
    draft = session.execute(text(
        "INSERT INTO projects (reference, kind, year, status, title, enterprise_id, district_code, inputs) VALUES "
        "('2017-310101-0001', 'motor_upgrade', 2017, 'draft', '草稿', :e, '310101', '{}') RETURNING id"),
        {"e": enterprise}).scalar_one()
    login("district_staff", "310115")
    assert "2017-310101-0001" not in html_of(client, "/ogc/collections/projects/items?f=html")
    assert "2017-310101-0001" not in html_of(client, f"/ogc/collections/projects/items/{draft}?f=html", status=404)


@pytest.mark.parametrize("url, said", [
    (f"{ITEMS}?f=html&limit=abc", "参数 limit 必须是整数，实际为“abc”"),
    ("/ogc/collections/roads?f=html", "roads"),
])
def test_bad_requests_are_pages_in_the_readers_language(client, ids, login, url, said):
    login("planner")
    response = client.get(url)
    assert response.status_code in (400, 404) and response.mimetype == "text/html"
    assert said in response.get_data(as_text=True)
    assert client.get(url.replace("f=html&", "").replace("?f=html", "")).mimetype == "application/problem+json"


def test_the_freed_lands_former_use_is_a_named_column_and_chosen_by_name(client, ids, login):
    # fix/formeruse added former_use to the layer beside fix/ogchtml's pages: it came out as a bare code
    # under its property name, its name in a column of its own ("former_use_name"), typed as a code
    login("planner")
    page = html_of(client, "/ogc/collections/freed_land/items?f=html&lang=en")
    assert "<th>Former use</th>" in page and "former_use_name" not in page
    assert re.search(r'<select[^>]*name="former_use"', page)
