"""Serve a registry app on a free local port in a thread, for tests that need real HTTP
(headless Chromium, GDAL's OAPIF driver)."""
from __future__ import annotations

import threading
from contextlib import contextmanager
from typing import Iterable, Iterator

from flask import Flask
from werkzeug.serving import WSGIRequestHandler, make_server

from registry.db import dispose_engines

_answer = threading.local()  # the response the app gave on this request thread


class _OnceClosable:
    """The app's response, closed at most once however many times ``close`` is called."""

    def __init__(self, body: Iterable[bytes]) -> None:
        self._body = body
        self._closed = False

    def __iter__(self) -> Iterator[bytes]:
        return iter(self._body)

    def close(self) -> None:
        if not self._closed:
            self._closed = True
            if hasattr(self._body, "close"):
                self._body.close()


def _remembering_answers(app: Flask):
    def wsgi(environ, start_response):
        _answer.body = _OnceClosable(app(environ, start_response))
        return _answer.body
    return wsgi


class _ClosingRequestHandler(WSGIRequestHandler):
    """Closes the app's response even when the browser drops the connection. Werkzeug drains the
    socket before it closes the response; a reset there (a browser closing a page just after a 304
    for the favicon) skips the close, and the static file it opened leaks, an unraisable
    ResourceWarning that fails whichever test is running when it is collected."""

    def run_wsgi(self) -> None:
        _answer.body = None
        try:
            super().run_wsgi()
        finally:
            body, _answer.body = _answer.body, None
            if body is not None:
                body.close()


@contextmanager
def serving(app: Flask) -> Iterator[str]:
    """Yield the base URL while ``app`` is served; then stop it and close its database pool."""
    server = make_server("127.0.0.1", 0, _remembering_answers(app), threaded=True,
                         request_handler=_ClosingRequestHandler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        server.server_close()
        dispose_engines(app)
