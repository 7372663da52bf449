"""Refused requests are logged (OWASP ASVS 7.2): who, from where, what and why, in English, and
nothing secret — the security team's trail of access-control failures (the audit log holds changes)."""
from __future__ import annotations

import logging

from registry.domain.permissions import Actor
from registry.services import tokens


def _refusals(caplog) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.name == "registry.errors_web" and r.getMessage().startswith("refused")]


def test_a_role_refusal_names_the_user_the_address_and_the_reason(client, login, caplog):
    login("planner", username="planner-one")
    with caplog.at_level(logging.WARNING, logger="registry.errors_web"):
        assert client.get("/targets").status_code == 403
    assert _refusals(caplog) == ["refused 403 GET /targets for planner-one from 127.0.0.1: Your role may not do this."]


def test_a_missing_sign_in_and_a_read_only_token_are_logged_without_the_secret(client, session, make_user, caplog):
    make_user("reader", "planner")
    secret = tokens.create_token(session, Actor.system(), "reader", "gis", tokens.expiry(days=1), read_only=True).secret
    with caplog.at_level(logging.WARNING, logger="registry.errors_web"):
        assert client.get("/api/v1/districts").status_code == 401
        assert client.post("/api/v1/projects", json={}, headers={"Authorization": f"Bearer {secret}"}).status_code == 403
    lines = _refusals(caplog)
    assert lines[0] == "refused 401 GET /api/v1/districts for anonymous from 127.0.0.1: Unauthorized"
    assert lines[1].startswith("refused 403 POST /api/v1/projects for reader (API token ") and "may only read" in lines[1]
    assert secret not in caplog.text
