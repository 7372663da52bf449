"""No 500 from a form or a request body: every write of the app (web forms and JSON API), sent by
each role with a hostile value in every field the pages name (non-numbers where numbers go, huge
numbers, SQL and markup, a NUL, a very long text, a malformed geometry …), a garbage file where a
file goes, and JSON bodies of the wrong shape, answers below 500: a form with its message, a 4xx,
a redirect. Everything happens in the test's transaction, which is rolled back after it."""
from __future__ import annotations

import io
import json

import pytest

from tests.web.route_urls import url_of

# Every name="…" of the templates' forms, and the request bodies' keys.
FIELDS = (
    "access", "action", "active", "actual_output_wan_yuan", "area_max", "area_min", "area_unit", "as_of", "bbox",
    "code", "comment", "completed_on", "credit_code", "crs", "current_password", "days", "description",
    "display_name", "district", "district_code", "dry_run", "encoding", "enterprise_name", "entity", "entity_id",
    "expected_output_wan_yuan", "form_token", "industry_code", "inputs", "investment_wan_yuan", "kind", "land_use",
    "lat", "layer", "level", "line", "lon", "mapping", "metric", "min_area", "name", "new_parcels", "new_password",
    "new_use", "note", "on_error", "output_value_wan_yuan", "output_wan_yuan", "page_size", "parcel_ids", "parts",
    "password", "planned_completion", "planned_on", "polygon", "q", "radius_km", "reason", "reassign_parcels",
    "repair", "repeat_password", "role", "rule", "save", "scope", "selected", "since", "source", "source_en",
    "status", "structural_mode", "subsidy_requested_wan_yuan", "target", "title", "token", "until", "user",
    "username", "value", "value_kgce_per_kwh", "value_max", "version", "viewport", "with", "year", "year_from",
    "year_to", "zone_kind", "geometry", "parcels", "projects", "project_ids", "ids", "enterprise", "savings",
    "motors", "energies", "ledgers", "before", "after", "features", "type", "properties",
)
# A long text of 3,000 characters, not more: werkzeug's test client writes a multipart body over
# 500 KB (this one's ~110 fields) to a temporary file it never closes, a ResourceWarning of the test.
HOSTILE = ("", "-1", "99999999999999999999999", "NaN", "' OR 1=1 --<script>", "\x00", "x" * 3000,
           '{"type":"Polygon","coordinates":[[[0,0],[1,1],[0,0]]]}', "2017-02-30")
BODIES = ([], "text", 12, None, {"features": [{"geometry": {"type": "Polygon", "coordinates": "x"}}]})
GARBAGE_FILE = b"PK\x03\x04 not really a zip \x00\xff"
SKIPPED = {"auth.logout", "pages.set_language"}
ROLES = (("admin", None), ("district_staff", "310115"), ("city_reviewer", None), ("planner", None))


def _write_routes(app):
    return sorted(((rule, method) for rule in app.url_map.iter_rules() if rule.endpoint not in SKIPPED
                   for method in sorted(rule.methods & {"POST", "PUT", "DELETE", "PATCH"})),
                  key=lambda pair: (pair[0].rule, pair[1]))


def _requests(url: str):
    """(description, keyword arguments of client.open) for each hostile request to ``url``."""
    for hostile in HOSTILE:
        form = dict.fromkeys(FIELDS, hostile) | {"file": (io.BytesIO(GARBAGE_FILE), "x.zip")}
        yield f"form {hostile[:30]!r}", {"data": form, "content_type": "multipart/form-data"}
    # The API's bodies of the right shape with hostile values are schemathesis's (tests/live), from its schema.
    if url.startswith("/api/"):
        yield "json of every field", {"data": json.dumps(dict.fromkeys(FIELDS, HOSTILE[4])),
                                      "content_type": "application/json"}
    for body in BODIES:
        yield f"json body {body!r}"[:60], {"data": json.dumps(body), "content_type": "application/json"}
    yield "broken json", {"data": b'{"title": "x", ', "content_type": "application/json"}


@pytest.mark.parametrize("role, district", ROLES)
def test_no_form_or_body_makes_a_500(app, client, login, real_ids, role, district):
    failures, answered = [], 0
    for n, (rule, method) in enumerate(_write_routes(app)):
        login(role, district, username=f"hostile-{role}-{n}")  # afresh: a step before may have ended the sign-in
        url = url_of(rule, real_ids | {"action": "plan"})
        for description, request in _requests(url):
            response = client.open(url, method=method, **request)
            response.close()
            answered += 1
            if response.status_code >= 500:
                failures.append((rule.endpoint, method, url, description, response.status_code))
    assert failures == []
    assert answered > 400  # every route asked, not stopped early
