"""The OGC API's conformance, OpenAPI and schema documents read in a browser: pages in the registry's
layout, as the landing page, collections and items already were — they answered raw JSON, which
the landing page linked. QGIS, GDAL and scripts get the very same JSON as before."""
from __future__ import annotations

import json
import re

import pytest

from registry.api.ogc import core, openapi
from registry.services import features as service
from tests.web.test_ogc_html import BROWSER, JSON_CLIENTS, browser_page, html_of, local

DOCUMENTS = ["/ogc/conformance", "/ogc/openapi", "/ogc/collections/freed_land/schema"]
MEDIA = {"/ogc/conformance": "application/json", "/ogc/openapi": "application/vnd.oai.openapi+json",
         "/ogc/collections/freed_land/schema": "application/schema+json"}


def test_a_browser_gets_pages_and_gis_clients_the_json_as_before(client, ids, login):
    login("planner")
    schema_url = "http://localhost/ogc/collections/freed_land/schema"
    expected = {  # the JSON as core builds it: the page's negotiation must not touch it
        "/ogc/conformance": json.dumps({"conformsTo": core.CONFORMANCE}, ensure_ascii=False),
        "/ogc/collections/freed_land/schema": json.dumps(openapi.feature_schema(
            schema_url, "腾出土地", service.collection("freed_land")), ensure_ascii=False),
    }
    for url in DOCUMENTS:
        browser_page(client, url)
        for headers in JSON_CLIENTS:
            answer = client.get(url, headers=headers)
            assert answer.status_code == 200 and answer.mimetype == MEDIA[url], (url, headers)
            if url in expected:
                assert answer.get_data(as_text=True) == expected[url]
            # the document's page, named as the other documents name theirs (here in a Link header: the
            # body stays as it was)
            assert answer.headers["Link"] == f'<http://localhost{url}?f=html>; rel="alternate"; type="text/html"'
        as_json = client.get(f"{url}?f=json", headers=BROWSER)
        assert as_json.mimetype == MEDIA[url] and as_json.get_data() == client.get(url).get_data()
        assert "Accept" in client.get(url).headers["Vary"]


def test_the_landing_page_and_a_collection_link_the_pages_of_these_documents(client, ids, login):
    login("planner")
    landing = client.get("/ogc").get_json()["links"]
    pages = {link["rel"]: link["href"] for link in landing if link["type"] == "text/html"}
    assert {"conformance", "service-doc"} <= set(pages)
    assert "符合性类别" in html_of(client, local(pages["conformance"]))
    assert "/collections/{collectionId}/items".replace("{collectionId}", "parcels") in \
        html_of(client, local(pages["service-doc"]))
    # the JSON ones are still there, first, for QGIS and GDAL
    assert [link["type"] for link in landing if link["rel"] == "conformance"] == ["application/json", "text/html"]
    # a collection's links stay as GDAL reads them (its schema's page is named by the schema's Link header)
    schema = client.get("/ogc/collections/freed_land/schema")
    assert 'id="ogc-schema"' in html_of(client, local(re.match(r"<([^>]+)>", schema.headers["Link"]).group(1)))
    # and the HTML pages follow them to pages, not to raw JSON
    page = html_of(client, "/ogc?f=html")
    for path in ("/ogc/conformance", "/ogc/openapi"):  # the page, and the JSON beside it asked for as JSON
        assert re.search(rf'href="http://localhost{path}\?f=html"', page), path
        assert re.search(rf'href="http://localhost{path}\?f=json"', page), path
    collection = html_of(client, "/ogc/collections/freed_land?f=html")
    assert 'href="/ogc/collections/freed_land/schema?f=html"' in collection
    assert 'href="http://localhost/ogc/collections/freed_land/schema?f=json"' in collection


def test_the_conformance_page_lists_each_class_by_name_with_its_link(client, ids, login):
    login("planner")
    page = html_of(client, "/ogc/conformance?f=html")
    listed = page[page.index('id="ogc-conformance"'):]
    for uri in core.CONFORMANCE:
        assert f'<a href="{uri}">' in listed
    assert "第 1 部分：核心" in listed and "第 2 部分：按引用指定坐标参考系" in listed
    english = html_of(client, "/ogc/conformance?f=html&lang=en")
    assert "Part 1: Core" in english and "<h1>Conformance classes" in english


def test_the_schema_page_is_a_table_of_the_properties(client, ids, login):
    login("planner")
    page = html_of(client, "/ogc/collections/freed_land/schema?f=html")
    table = page[page.index('id="ogc-schema"'):]
    rows = {m.group(1): m.group(2) for m in re.finditer(r'<tr><td><code>([a-z_0-9]+)</code></td>(.*?)</tr>', table, re.S)}
    properties = openapi.feature_schema("", "", service.collection("freed_land"))["properties"]["properties"]["properties"]
    assert list(rows) == list(properties)  # every property, in the document's order
    assert "腾出日期" in rows["freed_on"] and "日期" in rows["freed_on"] and ">date</code>" in rows["freed_on"]
    assert "数值" in rows["area_mu"] and ">number</code>" in rows["area_mu"]
    assert "<code>?zone_kind=…</code>" in rows["zone_kind"]  # a queryable names its filter
    assert "<code>?area_mu=" not in rows["area_mu"]
    assert "区域类型（名称）" in rows["zone_kind_name"]
    english = html_of(client, "/ogc/collections/freed_land/schema?f=html&lang=en")
    assert "Freed on" in english and "Zone kind (name)" in english
    assert html_of(client, "/ogc/collections/roads/schema?f=html", status=404)


def test_the_openapi_page_lists_paths_methods_and_parameters_offline(client, ids, login):
    login("planner")
    document = client.get("/ogc/openapi").get_json()
    page = html_of(client, "/ogc/openapi?f=html")
    listed = page[page.index('id="ogc-paths"'):]
    for path, operations in document["paths"].items():
        assert f'<code class="ogc-path">{path}</code>' in listed
        for operation in operations.values():
            assert operation["summary"] in listed
            others = [p["name"] for p in operation["parameters"] if p["name"] != "f"]
            if others:  # the parameters of each operation that takes more than f (every one takes f)
                section = page[page.index(f'id="{operation["operationId"]}"'):]
                section = section[:section.index("</section>")]
                assert [name for name in others if f"<code>{name}</code>" not in section] == []
    assert "<dt><code>f</code></dt>" in page  # said once for all
    assert "GET" in page and "每页的要素数（超过上限时按上限）。" in page
    assert 'href="http://localhost/ogc/openapi?f=json"' in page  # the document itself
    assert not re.search(r'(src|href)="(https?:)?//(?!localhost)', page)  # nothing from elsewhere (no CDN)
    english = html_of(client, "/ogc/openapi?f=html&lang=en")
    assert "Features per page (larger values are capped)." in english


def test_signed_out_browsers_are_sent_to_sign_in_and_gis_clients_get_401(client, ids):
    for url in DOCUMENTS:
        answer = client.get(url, headers=BROWSER)
        assert answer.status_code == 302 and answer.headers["Location"].startswith("/login?next=")
        assert client.get(url).status_code == 401


@pytest.mark.parametrize("url", DOCUMENTS)
def test_an_unknown_format_is_refused_naming_both(client, ids, login, url):
    login("planner")
    answer = client.get(f"{url}?f=xml")
    assert answer.status_code == 400 and answer.mimetype == "application/problem+json"
    assert "（可用 json 或 html）" in answer.get_json()["detail"]



def test_the_html_conformance_class_is_declared_and_every_document_of_core_has_its_page(client, ids, login):
    """OGC API – Features Part 1, /conf/html: every resource of Core also as an HTML 5 page."""
    login("planner")
    assert "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/html" in client.get("/ogc/conformance").get_json()["conformsTo"]
    item = client.get("/ogc/collections/parcels/items?limit=1").get_json()["features"][0]["id"]
    for url in ("/ogc", "/ogc/conformance", "/ogc/openapi", "/ogc/collections", "/ogc/collections/parcels",
                "/ogc/collections/parcels/items", f"/ogc/collections/parcels/items/{item}"):
        answer = client.get(f"{url}?f=html")
        assert answer.status_code == 200 and answer.mimetype == "text/html", url
        assert answer.get_data(as_text=True).lstrip().lower().startswith("<!doctype html>"), url
