"""A live server on a committed demo database, with Pudong and Minhang staff tokens, that
records every request made with the Pudong token (tests/live: fuzzing and the docs' examples)."""
from __future__ import annotations

import logging
import threading
from dataclasses import dataclass

import pytest
from werkzeug.serving import make_server

from registry import create_app, migrations


@dataclass(frozen=True)
class LiveApi:
    base_url: str
    database_url: str
    secrets: dict[str, str]  # username → bearer secret
    recorder: "Recorder"
    app: object


class Recorder:
    """WSGI middleware noting (method, URL rule, status) of every request made with ``token``."""

    def __init__(self, app, token: str) -> None:
        self.app, self.wsgi_app, self.header = app, app.wsgi_app, f"Bearer {token}"
        self.seen: list[tuple[str, str, int]] = []

    def rule_of(self, environ) -> str:
        try:
            rule, _ = self.app.url_map.bind("localhost").match(environ["PATH_INFO"], environ["REQUEST_METHOD"],
                                                               return_rule=True)
            return rule.rule
        except Exception:
            return "(no route)"

    def __call__(self, environ, start_response):
        if environ.get("HTTP_AUTHORIZATION") != self.header:
            return self.wsgi_app(environ, start_response)

        def recording(status, headers, exc_info=None):
            self.seen.append((environ["REQUEST_METHOD"], self.rule_of(environ), int(status.split()[0])))
            return start_response(status, headers, exc_info)

        return self.wsgi_app(environ, recording)


@pytest.fixture(scope="session")
def fuzz_server(fresh_database_url):
    from sqlalchemy.orm import Session

    from registry.db import dispose_engines, make_engine
    from registry.domain.permissions import Actor
    from registry.services import tokens
    from registry.services.demo import load_demo

    logging.getLogger("werkzeug").setLevel(logging.WARNING)  # one line per request would drown the report
    url = fresh_database_url("registry_test_api_fuzz")
    migrations.upgrade(url)
    engine = make_engine(url)
    with Session(engine) as session:
        load_demo(session, parcels=300, projects=80)
        secrets = {name: tokens.create_token(session, Actor.system(), name, "fuzz", tokens.expiry(days=1)).secret
                   for name in ("pudong", "minhang")}
    app = create_app({"DATABASE_URL": url, "SECRET_KEY": "fuzz", "SESSION_COOKIE_SECURE": False,
                      "API_RATE_LIMIT": "1000000 per minute"})
    recorder = Recorder(app, secrets["pudong"])
    app.wsgi_app = recorder
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield LiveApi(f"http://127.0.0.1:{server.server_port}", url, secrets, recorder, app)
    server.shutdown()
    server.server_close()
    dispose_engines(app)
    engine.dispose()


