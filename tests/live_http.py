"""Serve a registry app on a free local port in a thread, for tests that need real HTTP
(headless Chromium, GDAL's OAPIF driver)."""
from __future__ import annotations

import threading
from contextlib import contextmanager
from typing import Iterator

from flask import Flask
from werkzeug.serving import make_server

from registry.db import dispose_engines


@contextmanager
def serving(app: Flask) -> Iterator[str]:
    """Yield the base URL while ``app`` is served; then stop it and close its database pool."""
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        server.server_close()
        dispose_engines(app)
