"""A transaction PostgreSQL cancels to break a deadlock or a serialisation conflict is the user's
"try again", not an internal error (registry/errors_web.py, CONTENDED): 409 in their language,
nothing saved. Any other OperationalError (the database gone) stays a 500."""
from __future__ import annotations

import psycopg.errors
import pytest
from sqlalchemy.exc import OperationalError

from registry.services import projects as svc


def _failing_with(orig: Exception):
    def fail(*args, **kwargs):
        raise OperationalError("UPDATE parcels …", {}, orig)

    return fail


@pytest.mark.parametrize("lang, words", [
    ("zh_Hans_CN", "另一项对相同记录的修改正在同时保存，您的内容未被保存。请再提交一次。"),
    ("en", "Another change to the same records was being saved at the same moment, so nothing of yours was saved."),
])
@pytest.mark.parametrize("cancelled", [psycopg.errors.DeadlockDetected, psycopg.errors.SerializationFailure])
def test_a_cancelled_transaction_is_a_conflict_to_send_again(client, login, monkeypatch, lang, words, cancelled):
    login("city_reviewer")
    monkeypatch.setattr(svc, "get_project", _failing_with(cancelled("deadlock detected")))
    page = client.get(f"/projects/1?lang={lang}")
    assert page.status_code == 409 and words in page.get_data(as_text=True)
    answer = client.get(f"/projects/1?lang={lang}", headers={"Accept": "application/json"})
    assert answer.status_code == 409 and answer.mimetype == "application/problem+json"
    assert answer.get_json()["detail"].startswith(words[:12])


def test_any_other_operational_error_is_still_an_internal_error(client, login, monkeypatch):
    login("city_reviewer")
    monkeypatch.setattr(svc, "get_project", _failing_with(psycopg.errors.AdminShutdown("terminating connection")))
    assert client.get("/projects/1").status_code == 500
