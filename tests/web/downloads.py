"""What every list's download answers with (registry/downloads.py, ``export_response``): a dated
attachment of its media type, its length, never cached, how many records it holds."""
from __future__ import annotations

from registry import clock


def assert_dated_download(response, stem: str, fmt: str, media_type: str, count: int) -> bytes:
    """``response`` is the file ``<stem>-<today>.<fmt>`` holding ``count`` records; its bytes."""
    assert response.status_code == 200
    assert response.headers["Content-Type"] == media_type
    name = f"{stem}-{clock.today().isoformat()}.{fmt}"
    assert response.headers["Content-Disposition"] == f"attachment; filename=\"{name}\"; filename*=UTF-8''{name}"
    assert response.headers["Cache-Control"] == "private, no-store" and response.headers["X-Registry-Exported"] == str(count)
    body = response.get_data()
    assert int(response.headers["Content-Length"]) == len(body)
    return body
