"""Schemathesis hooks for tests/live/test_api_fuzz.py (loaded through SCHEMATHESIS_HOOKS).

``no_cross_district_write``: every write that succeeds with the fuzzing district-staff token is
replayed, byte for byte, with another district's staff token; the replay must not succeed.
"""
from __future__ import annotations

import os

import requests
import schemathesis

WRITE_METHODS = {"POST", "PUT", "PATCH", "DELETE"}
# Writes that touch no district's data: a savings preview stores nothing and is anyone's to run.
NOT_DISTRICT_BOUND = ("/api/v1/savings/preview",)


@schemathesis.check
def no_cross_district_write(ctx, response, case):
    request = response.request
    if request.method not in WRITE_METHODS or not 200 <= response.status_code < 300:
        return None
    if request.url.split("?")[0].endswith(NOT_DISTRICT_BOUND):
        return None
    headers = dict(request.headers)
    headers["Authorization"] = f"Bearer {os.environ['OTHER_DISTRICT_TOKEN']}"
    headers.pop("Idempotency-Key", None)
    with requests.Session() as session:
        replay = session.send(requests.Request(request.method, request.url, headers=headers, data=request.body).prepare(),
                              timeout=30)
    if 200 <= replay.status_code < 300:
        raise AssertionError(f"{request.method} {request.url} succeeded with another district's token "
                             f"({replay.status_code})")
    return None
