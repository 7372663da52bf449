"""Security headers on every answer; the pages' inline scripts carry the nonce the policy names."""
from __future__ import annotations

import re

import pytest

from registry.services.demo.districts import shipped_districts
from registry.services.loading import load_dataset
from registry.services.records import Dataset

PAGES = ["/", "/projects", "/rollups", "/land/freed", "/land/output", "/imports/", "/account/tokens", "/targets",
         "/projects/new", "/api/v1/docs", "/monitoring"]
INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*application/json)([^>]*)>", re.IGNORECASE)


@pytest.fixture(autouse=True)
def districts(session):
    load_dataset(session, Dataset(districts=tuple(shipped_districts())))


def _policy(response) -> dict[str, str]:
    parts = (part.strip().split(" ", 1) for part in response.headers["Content-Security-Policy"].split(";"))
    return {name: value for name, value in parts}


@pytest.mark.parametrize("path", PAGES)
def test_pages_forbid_framing_sniffing_and_scripts_without_the_nonce(client, login, path):
    login("admin")
    response = client.get(path)
    assert response.status_code == 200 and response.mimetype == "text/html"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["Referrer-Policy"] == "strict-origin-when-cross-origin"
    policy = _policy(response)
    assert policy["frame-ancestors"] == "'none'" and policy["object-src"] == "'none'"
    assert "unsafe-inline" not in policy["script-src"] and "unsafe-eval" not in policy["script-src"]
    assert policy["img-src"] == "'self' data: blob:"  # the offline basemap loads nothing from elsewhere
    inline = INLINE_SCRIPT.findall(response.get_data(as_text=True))
    nonces = {re.search(r'nonce="([^"]+)"', attributes).group(1) for attributes in inline if "nonce=" in attributes}
    assert all("nonce=" in attributes for attributes in inline)
    assert nonces <= {policy["script-src"].split("'nonce-")[1].rstrip("'")} if nonces else "nonce" not in policy["script-src"]


def test_each_page_gets_a_nonce_of_its_own(client, login):
    login("admin")
    first, second = (_policy(client.get("/"))["script-src"] for _ in range(2))
    assert first != second and "'nonce-" in first


def test_the_login_page_cannot_be_framed_either(client):
    response = client.get("/login")
    assert response.headers["X-Frame-Options"] == "DENY" and _policy(response)["frame-ancestors"] == "'none'"


@pytest.mark.parametrize("path", ["/api/v1/districts", "/ogc/collections", "/healthz", "/static/css/app.css"])
def test_data_and_files_get_a_policy_that_allows_nothing(client, login, path):
    login("planner")
    response = client.get(path)
    response.close()  # a static file is streamed from an open file
    assert response.status_code == 200
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert _policy(response)["default-src"] == "'none'"


def test_an_online_basemap_is_allowed_its_tiles(app, client, login):
    app.config["BASEMAP"] = "tianditu"
    login("admin")
    assert "https://*.tianditu.gov.cn" in _policy(client.get("/"))["img-src"]
