"""The test server closes every response, even one whose client reset the connection at once
(the way Chromium drops a page's favicon request), so no opened static file is left to leak."""
import socket
import struct
import time

from flask import Flask, Response

from tests.live_http import serving

REQUESTS = 30


def _app_counting_closed_responses(closed: list[int]) -> Flask:
    app = Flask(__name__)

    @app.get("/")
    def index():
        answer = Response(iter([b"x"]))
        answer.call_on_close(lambda: closed.append(1))
        return answer
    return app


def _ask_then_reset(port: int) -> None:
    client = socket.create_connection(("127.0.0.1", port))
    client.sendall(b"GET / HTTP/1.1\r\nHost: test\r\n\r\n")
    client.recv(16)
    # linger 0: close() sends a reset, which werkzeug meets while draining the socket
    client.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    client.close()


def test_every_response_is_closed_even_when_the_client_resets_the_connection():
    closed: list[int] = []
    with serving(_app_counting_closed_responses(closed)) as base_url:
        port = int(base_url.rsplit(":", 1)[1])
        for _ in range(REQUESTS):
            _ask_then_reset(port)
    # the request threads may still be finishing after the server stopped: wait a moment for them
    deadline = time.monotonic() + 5
    while len(closed) < REQUESTS and time.monotonic() < deadline:
        time.sleep(0.05)
    assert len(closed) == REQUESTS
