"""The app as ``scripts/run`` serves it: gunicorn with two sync workers and no SECRET_KEY.

While one worker imports an upload, the page's progress polls can only reach the other: they must
find the user signed in (one key for the installation, not one per worker) and the upload's
progress (kept in the database, not in the importing worker's memory).
"""
from __future__ import annotations

import json
import os
import re
import socket
import subprocess
import sys
import threading
import time
import urllib.parse
import urllib.request
import uuid
from http.cookiejar import CookieJar

from sqlalchemy.orm import Session

from registry import migrations
from registry.db import make_engine
from registry.domain.permissions import Actor
from registry.services import accounts
from tests.integration.imports.conftest import WGS84_DISTRICTS, run_import, squares, write_parcels


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _csrf(opener, url: str) -> str:
    return re.search(r'name="csrf_token"[^>]*value="([^"]+)"', opener.open(url).read().decode()).group(1)


def _multipart(fields: dict, file_name: str, data: bytes) -> tuple[bytes, str]:
    boundary = "----registry" + uuid.uuid4().hex
    body = b"".join(f'--{boundary}\r\nContent-Disposition: form-data; name="{k}"\r\n\r\n{v}\r\n'.encode()
                    for k, v in fields.items())
    body += (f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="{file_name}"\r\n\r\n'.encode()
             + data + f"\r\n--{boundary}--\r\n".encode())
    return body, f"multipart/form-data; boundary={boundary}"


def test_two_workers_share_the_sign_in_and_the_upload_progress(fresh_database_url, tmp_path):
    url = fresh_database_url("registry_test_workers")
    migrations.upgrade(url)
    engine = make_engine(url)
    with Session(engine) as session:
        assert run_import(session, WGS84_DISTRICTS, "districts").loaded
        accounts.create_user(session, Actor.system(), "w-staff", "worker-password-1", "district_staff", "310115")
        session.commit()
    engine.dispose()
    port = _free_port()
    env = {k: v for k, v in os.environ.items() if k != "SECRET_KEY"}
    env.update(DATABASE_URL=url, REGISTRY_VAR_DIR=str(tmp_path / "var"), REGISTRY_INSECURE_COOKIES="1")
    server = subprocess.Popen([sys.executable, "-m", "gunicorn", "--workers", "2", "--bind", f"127.0.0.1:{port}",
                               "registry:create_app()"], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(base + "/healthz", timeout=2).read()
                break
            except OSError:
                time.sleep(0.2)
        opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(CookieJar()))
        opener.open(base + "/login", urllib.parse.urlencode({
            "username": "w-staff", "password": "worker-password-1", "csrf_token": _csrf(opener, base + "/login")}).encode()).read()
        path = write_parcels(tmp_path / "w.gpkg", squares(30_000))
        token = "w-" + uuid.uuid4().hex[:12]
        body, content_type = _multipart({"csrf_token": _csrf(opener, base + "/imports/"), "token": token,
                                         "target": "parcels", "on_error": "abort", "dry_run": "1"},
                                        "w.gpkg", path.read_bytes())
        answer: list = []
        upload = threading.Thread(target=lambda: answer.append(opener.open(urllib.request.Request(
            f"{base}/imports/upload?token={token}", data=body,
            headers={"Content-Type": content_type, "X-Requested-With": "XMLHttpRequest"})).read().decode()))
        upload.start()
        polls = []
        while upload.is_alive():  # the importing worker is busy: the other one answers
            with opener.open(f"{base}/imports/progress/{token}") as response:
                polls.append((response.headers.get_content_type(), response.read().decode()))
            time.sleep(0.05)
        upload.join()
    finally:
        server.terminate()
        server.wait(timeout=30)
    assert "30,000" in answer[0] or "30000" in answer[0]
    assert polls and all(kind == "application/json" for kind, _ in polls), "a poll was sent to the login page"
    stages = [json.loads(text)["stage"] for _, text in polls]
    assert set(stages) & {"upload", "read", "check", "write", "done"}, stages
