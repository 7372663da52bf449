"""A second browser beside the test's ``client``: another user signed in at the same time."""
from __future__ import annotations

from tests.conftest import TEST_PASSWORD


def second_client(app, make_user, username: str, role: str, district: str | None = None):
    """A new test client of ``app``, signed in as a new user ``username`` of ``role`` (``district``)."""
    other = app.test_client()
    make_user(username, role, district)
    assert other.post("/login", data={"username": username, "password": TEST_PASSWORD}).status_code == 302
    return other
