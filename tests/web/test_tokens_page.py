"""The API tokens page: create (shown once), list, revoke; the token then works on the API."""
from __future__ import annotations

import json
import logging
import re

from registry.services.demo.districts import shipped_districts
from registry.services.loading import load_dataset
from registry.services.records import Dataset
from tests.web.flashes import after, flashes


def test_create_use_and_revoke_a_token_from_the_page(client, login, session):
    load_dataset(session, Dataset(districts=tuple(shipped_districts())))
    login("district_staff", "310115")
    page = client.get("/account/tokens")
    assert page.status_code == 200 and "API 令牌" in page.get_data(as_text=True)
    created = client.post("/account/tokens", data={"name": "统计局导出", "days": "30"})
    html = client.get(created.headers["Location"]).get_data(as_text=True)
    secret = re.search(r'id="token-secret">(rgy_[^<]+)<', html).group(1)
    assert "只显示这一次" in html

    api = client.application.test_client()  # no cookie: the token alone
    assert api.get("/api/v1/districts", headers={"Authorization": f"Bearer {secret}"}).status_code == 200
    token_id = re.search(r"/account/tokens/(\d+)/revoke", html).group(1)
    assert 'data-confirm="确定吊销令牌“统计局导出”吗？' in html  # asked first (static/js/confirm.js)
    revoked = client.post(f"/account/tokens/{token_id}/revoke")
    assert after(client, revoked) == [("success", "已吊销令牌“统计局导出”：它不能再访问 API。")]
    assert api.get("/api/v1/districts", headers={"Authorization": f"Bearer {secret}"}).status_code == 401
    assert "已吊销" in client.get("/account/tokens").get_data(as_text=True)
    assert "<td>Revoked</td>" in client.get("/account/tokens?lang=en").get_data(as_text=True)  # sentence case


def test_creating_a_token_redirects_and_shows_its_secret_once(app, client, login, caplog):
    """A refresh of the page after creating a token must not create a second one (POST-redirect-GET),
    and the secret is on the next page view only: not in the redirect, not in clear in the session
    cookie in between, not in the log."""
    caplog.set_level(logging.DEBUG)
    login("planner")
    created = client.post("/account/tokens", data={"name": "统计局导出", "days": "30"})
    assert created.status_code == 303 and created.headers["Location"] == "/account/tokens"
    assert "rgy_" not in created.get_data(as_text=True)
    cookie = client.get_cookie(app.config["SESSION_COOKIE_NAME"]).value
    page = client.get("/account/tokens")
    html = page.get_data(as_text=True)
    secret = re.search(r'id="token-secret">(rgy_[^<]+)<', html).group(1)
    assert flashes(html) == [("success", "已创建令牌“统计局导出”。")]
    assert page.headers["Cache-Control"] == "no-store"
    again = client.get("/account/tokens")  # a refresh: no second token, the secret is gone
    assert secret not in again.get_data(as_text=True) and "id=\"new-token\"" not in again.get_data(as_text=True)
    assert "no-store" not in again.headers.get("Cache-Control", "")
    assert again.get_data(as_text=True).count("/revoke") == 1
    held = app.session_interface.get_signing_serializer(app).loads(cookie)
    assert "tokens.new_secret" in held and secret not in json.dumps(held) and secret[4:] not in cookie
    assert secret not in caplog.text and secret[4:] not in caplog.text


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
    assert '<html lang="en">' in docs  # our template, not flask-smorest's (which has no language)
    asset = client.get("/vendor/swagger-ui-dist/swagger-ui-bundle.js")
    assert asset.status_code == 200
    asset.close()


def test_a_sealed_secret_opens_only_under_its_key_and_only_once(app):
    from registry.web import once

    with app.test_request_context():
        once.keep("s", "rt_secret")
        assert once.take("s") == "rt_secret" and once.take("s") is None
        once.keep("s", "rt_secret")
        app.secret_key = "another key"  # e.g. a restart with a new SECRET_KEY: dropped, not garbled
        assert once.take("s") is None


def test_a_token_made_on_the_page_reads_only_unless_writing_is_asked_for(client, login):
    login("planner", username="planner-one")
    client.post("/account/tokens", data={"name": "GIS", "days": "30"})
    client.post("/account/tokens", data={"name": "sync", "days": "30", "access": "write"})
    html = client.get("/account/tokens").get_data(as_text=True)
    rows = {name: access for name, access in re.findall(r"<td>(GIS|sync)</td>.*?<td>(只读|读写)</td>", html, re.S)}
    assert rows == {"GIS": "只读", "sync": "读写"}
    assert '<option value="read" selected>只读</option>' in html


def test_a_refused_token_is_said_under_its_form_with_what_was_typed(client, login):
    """The reason stood above the table of tokens, a card away from the form it concerns."""
    login("planner")
    response = client.post("/account/tokens", data={"name": "   ", "days": "365", "access": "write"})
    html = response.get_data(as_text=True)
    assert response.status_code == 422
    listing, creating = html.split("<h2>创建令牌</h2>")
    assert "field-error" not in listing
    form, after_form = creating.split("</form>", 1)
    assert re.search(r'<p class="field-error" role="alert">名称：必填，最多 64[^<]*</p>', after_form.split("</section>")[0])
    assert re.search(r'<input type="text" name="name"[^>]*aria-invalid="true"', form)
    assert '<option value="write" selected>' in form and '<option value="365" selected>' in form
    refused = client.post("/account/tokens", data={"name": "导出", "days": "9999"}).get_data(as_text=True)
    creating = refused.split("<h2>创建令牌</h2>")[1]
    assert "有效期" in creating.split("</section>")[0] and "730" in creating.split("</section>")[0] and 'value="导出"' in creating
