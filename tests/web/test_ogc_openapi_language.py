"""The OGC API's OpenAPI document in the reader's language: it is built per request, with the
collections' titles already translated, so its summaries and descriptions are too (they were
English in a Chinese document: "地块: features", "Features per page …")."""
from __future__ import annotations

import re

CJK = re.compile(r"[\u4e00-\u9fff]")


def texts(document: dict) -> list[tuple[str, str]]:
    """(where, text) of every summary and description a reader sees in the document."""
    found = [("info.description", document["info"]["description"])]
    for path, operations in document["paths"].items():
        for method, operation in operations.items():
            found.append((f"{method} {path} summary", operation["summary"]))
            found += [(f"{method} {path} {p['name']}", p["description"]) for p in operation["parameters"]]
            found += [(f"{method} {path} {status}", r["description"]) for status, r in operation["responses"].items()]
    found += [(f"tag {t['name']}", t.get("description", "")) for t in document["tags"]]
    found += [(f"security {name}", s["description"]) for name, s in document["components"]["securitySchemes"].items()
              if "description" in s]
    return found


def test_the_openapi_document_speaks_chinese_by_default(client, ids, login):
    login("planner")
    document = client.get("/ogc/openapi").get_json()
    english = [(where, text) for where, text in texts(document) if not CJK.search(text)]
    assert english == []
    items = document["paths"]["/collections/freed_land/items"]["get"]
    assert items["summary"] == "腾出土地：要素"
    assert {p["name"]: p["description"] for p in items["parameters"]}["zone_kind"] == "zone_kind 等于此值的要素。"


def test_and_english_after_the_switch(client, ids, login):
    login("planner")
    document = client.get("/ogc/openapi?lang=en").get_json()
    chinese = [(where, text) for where, text in texts(document) if CJK.search(text)]
    assert chinese == []
    items = document["paths"]["/collections/freed_land/items"]["get"]
    assert items["summary"] == "Freed land: features"
    assert {p["name"]: p["description"] for p in items["parameters"]}["limit"] == \
        "Features per page (larger values are capped)."
    # codes stay codes: operation ids, tags and parameter names are the same in every language
    zh = client.get("/ogc/openapi?lang=zh_Hans_CN").get_json()
    assert [t["name"] for t in zh["tags"]] == [t["name"] for t in document["tags"]]
    assert [op["operationId"] for ops in zh["paths"].values() for op in ops.values()] == \
        [op["operationId"] for ops in document["paths"].values() for op in ops.values()]


def test_every_address_offers_f_html_as_it_answers_a_page(client, ids, login):
    # every address offered f=json only, while the landing page, the collections, a collection, its
    # items and an item answered f=html with a page (registry/ogc_negotiation.py); then the conformance,
    # the OpenAPI document and the schemas got their pages too, and offered json only
    login("planner")
    paths = client.get("/ogc/openapi?lang=en").get_json()["paths"]

    def formats(path: str) -> tuple[list[str], list[str]]:
        operation = paths[path]["get"]
        f = next(p for p in operation["parameters"] if p["name"] == "f")
        return f["schema"]["enum"], sorted(operation["responses"]["200"]["content"])

    for path in paths:
        enum, media = formats(path)
        assert enum == ["json", "html"] and "text/html" in media, path
    for path in ("/", "/conformance", "/openapi", "/collections/parcels/schema", "/collections/parcels/items"):
        for f in formats(path)[0]:  # and they really answer as said
            answer = client.get(f"/ogc{path}?f={f}")
            assert answer.status_code == 200 and (answer.mimetype == "text/html") == (f == "html"), (path, f)
