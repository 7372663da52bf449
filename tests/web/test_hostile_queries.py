"""No 500 from a query string: every page and API read of the app, asked with each of a set of
hostile values in every query parameter the app reads (non-numbers where numbers go, huge numbers,
SQL and markup, a NUL, a very long text, a reversed range …), answers below 500 — a page with a
message, a 4xx, or the page with the bad filter set aside. Its ids are real, so the pages are
drawn, not 404s. (The JSON API is fuzzed from its OpenAPI document as well: tests/live.)"""
from __future__ import annotations

from urllib.parse import quote

import pytest

from tests.web.route_urls import url_of

# Every query parameter the app reads (grep "args.get" in registry/), and a few it might.
PARAMETERS = (
    "year", "kind", "q", "district", "status", "page", "format", "sort", "dir", "page_size", "action", "next",
    "level", "frozen", "comment", "bbox", "as_of", "token", "projects", "polygon", "geometry", "district_code",
    "completed_on", "code", "zone_kind", "year_from", "year_to", "area_min", "area_max", "area_unit", "land_use",
    "lon", "lat", "radius_km", "text", "region", "zone", "limit", "offset", "lang", "entity", "entity_id", "user",
    "username", "date_from", "date_to", "from", "to", "f", "properties", "datetime", "crs", "bbox-crs", "filter",
    "channel", "since", "until", "action", "id", "project", "industry", "projects", "overdue", "check", "monitoring",
    "enterprise",
)
HOSTILE = (
    "", "-1", "99999999999999999999999", "NaN", "１２３🙂", "' OR 1=1 --<script>alert(1)</script>", "\x00%",
    "x" * 5000, "POLYGON((0 0,1 1,0 0))", "200,100,-300,-400", "2017-02-30",
)
SKIPPED = {"static", "assets.vendor", "auth.logout", "pages.set_language"}


def _get_routes(app):
    return sorted((rule for rule in app.url_map.iter_rules()
                   if "GET" in rule.methods and rule.endpoint not in SKIPPED), key=lambda rule: rule.rule)


@pytest.mark.parametrize("role, district", [("admin", None), ("district_staff", "310115")])
def test_no_query_string_makes_a_500(app, client, login, real_ids, role, district):
    login(role, district, username=f"hostile-{role}")
    failures, drawn, routes = [], set(), _get_routes(app)
    for rule in routes:
        url = url_of(rule, real_ids)
        for hostile in HOSTILE:
            query = "&".join(f"{name}={quote(hostile)}" for name in PARAMETERS)
            response = client.get(f"{url}?{query}")
            response.close()
            if response.status_code == 200:
                drawn.add(rule.endpoint)
            if response.status_code >= 500:
                failures.append((rule.endpoint, url, hostile[:40], response.status_code))
    assert failures == []
    assert len(drawn) > len(routes) // 2, "the ids are not real: most routes drew no page at all"
