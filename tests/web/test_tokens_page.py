"""The API tokens page: create (shown once), list, revoke; the token then works on the API."""
from __future__ import annotations

import re

from registry.services.demo.districts import shipped_districts
from registry.services.loading import load_dataset
from registry.services.records import Dataset


def test_create_use_and_revoke_a_token_from_the_page(client, login, session):
    load_dataset(session, Dataset(districts=tuple(shipped_districts())))
    login("district_staff", "310115")
    page = client.get("/account/tokens")
    assert page.status_code == 200 and "API 令牌" in page.get_data(as_text=True)
    created = client.post("/account/tokens", data={"name": "统计局导出", "days": "30"})
    assert created.status_code == 201
    html = created.get_data(as_text=True)
    secret = re.search(r'id="token-secret">(rgy_[^<]+)<', html).group(1)
    assert "只显示这一次" in html
    assert secret not in client.get("/account/tokens").get_data(as_text=True)  # shown once

    api = client.application.test_client()  # no cookie: the token alone
    assert api.get("/api/v1/districts", headers={"Authorization": f"Bearer {secret}"}).status_code == 200
    token_id = re.search(r"/account/tokens/(\d+)/revoke", html).group(1)
    assert client.post(f"/account/tokens/{token_id}/revoke").status_code == 302
    assert api.get("/api/v1/districts", headers={"Authorization": f"Bearer {secret}"}).status_code == 401
    assert "已吊销" in client.get("/account/tokens").get_data(as_text=True)


def test_a_bad_validity_is_refused_on_the_page(client, login):
    login("planner")
    response = client.post("/account/tokens", data={"name": "x", "days": "9999"})
    assert response.status_code == 422 and "730" in response.get_data(as_text=True)


def test_the_api_docs_page_and_document_are_served_locally(client, login):
    login("planner")
    spec = client.get("/api/v1/openapi.json")
    assert spec.status_code == 200 and spec.get_json()["openapi"].startswith("3.")
    assert "bearerAuth" in spec.get_json()["components"]["securitySchemes"]
    docs = client.get("/api/v1/docs").get_data(as_text=True)
    assert "/vendor/swagger-ui-dist/swagger-ui-bundle.js" in docs and "https://" not in docs
    asset = client.get("/vendor/swagger-ui-dist/swagger-ui-bundle.js")
    assert asset.status_code == 200
    asset.close()
