"""GDAL's OAPIF driver (``ogrinfo`` from apt) reads the OGC API of a live server.

Tokens belong to another issue, so the test signs in like a browser and hands GDAL the session
cookie (``GDAL_HTTP_COOKIE``), with the same User-Agent as the sign-in (Flask-Login's "strong"
session protection ties a session to address and agent).
"""
from __future__ import annotations

import http.cookiejar
import re
import shutil
import subprocess
import urllib.parse
import urllib.request

import pytest
from sqlalchemy.orm import Session

from registry import create_app
from registry.db import make_engine
from registry.domain.permissions import Actor
from registry.services import accounts
from tests.integration.land_data import committed_land_database
from tests.live_http import serving

AGENT = "registry-ogc-test"
PASSWORD = "ogc-test-password"

pytestmark = pytest.mark.skipif(shutil.which("ogrinfo") is None, reason="GDAL (apt gdal-bin) is missing")


@pytest.fixture(scope="module")
def server(fresh_database_url):
    url = committed_land_database(fresh_database_url, "registry_test_ogc")
    engine = make_engine(url)
    with Session(engine) as session:
        accounts.create_user(session, Actor.system(), "ogc-planner", PASSWORD, "planner")
    app = create_app({"DATABASE_URL": url, "SECRET_KEY": "ogc-test", "SESSION_COOKIE_SECURE": False,
                      "WTF_CSRF_ENABLED": False})
    with serving(app) as base:
        yield base
    engine.dispose()


def session_cookie(base: str) -> str:
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    data = urllib.parse.urlencode({"username": "ogc-planner", "password": PASSWORD}).encode()
    request = urllib.request.Request(f"{base}/login", data=data, headers={"User-Agent": AGENT})
    with opener.open(request) as response:
        response.read()
    return "; ".join(f"{c.name}={c.value}" for c in jar)


def ogrinfo(base: str, *args: str, cookie: str | None) -> subprocess.CompletedProcess:
    config = ["--config", "GDAL_HTTP_USERAGENT", AGENT]
    if cookie:
        config += ["--config", "GDAL_HTTP_COOKIE", cookie]
    return subprocess.run(["ogrinfo", *config, "-ro", "-so", f"OAPIF:{base}/ogc", *args],
                          capture_output=True, text=True, timeout=120)


def test_ogrinfo_lists_the_collections(server):
    result = ogrinfo(server, cookie=session_cookie(server))
    assert result.returncode == 0, result.stderr
    layers = re.findall(r"^\d+: (\w+)", result.stdout, re.M)
    assert layers == ["parcels", "freed_land", "projects", "zones", "districts"]


@pytest.mark.parametrize("layer, count", [("parcels", 6), ("zones", 3), ("districts", 2), ("projects", 0)])
def test_ogrinfo_counts_the_features(server, layer, count):
    result = ogrinfo(server, layer, cookie=session_cookie(server))
    assert result.returncode == 0, result.stderr
    assert f"Feature Count: {count}" in result.stdout
    if count:
        assert "Geometry: Multi Polygon" in result.stdout


def test_ogrinfo_reads_features_with_chinese_attributes(server):
    cookie = session_cookie(server)
    result = subprocess.run(["ogrinfo", "--config", "GDAL_HTTP_USERAGENT", AGENT, "--config", "GDAL_HTTP_COOKIE",
                             cookie, "-ro", f"OAPIF:{server}/ogc", "districts"], capture_output=True, text=True,
                            timeout=120)
    assert result.returncode == 0, result.stderr
    assert "name_zh (String) = 测试A区" in result.stdout and "MULTIPOLYGON" in result.stdout
    # the district's code as a field of its own name, to join a layer's district_code to (GDAL made
    # the text id a field "id", the code's only place)
    assert "code (String) = 310101" in result.stdout


def test_without_a_session_gdal_is_refused(server):
    result = ogrinfo(server, cookie=None)
    assert result.returncode != 0 and "401" in result.stderr
    assert "请登录，或以“Authorization: Bearer …”发送 API 令牌。" in result.stderr  # readable, not \u escapes


def test_ogrinfo_types_the_dates_by_the_schema_though_the_first_page_holds_no_end_date(server):
    result = ogrinfo(server, "parcels", cookie=session_cookie(server))
    assert result.returncode == 0, result.stderr
    fields = dict(re.findall(r"^(\w+): (\w+)", result.stdout, re.M))
    assert fields["valid_to"] == fields["freed_on"] == fields["valid_from"] == "Date"
    assert fields["status"] == fields["status_name"] == fields["district_name"] == "String"
    assert fields["area_m2"] == "Real"


def test_ogrinfo_filters_freed_land_by_its_freed_date_and_zone_kind(server):
    # GDAL sends freed_on >= '2015-01-01' as datetime=2015-01-01T/.. and trusts the server with it:
    # it was refused (400); on freed_land it is the day freed.
    result = subprocess.run(
        ["ogrinfo", "--config", "GDAL_HTTP_USERAGENT", AGENT, "--config", "GDAL_HTTP_COOKIE", session_cookie(server),
         "-ro", "-where", "freed_on >= '2015-01-01' AND zone_kind = 'other'", f"OAPIF:{server}/ogc", "freed_land"],
        capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert sorted(re.findall(r"^  code \(String\) = (\S+)", result.stdout, re.M)) == ["T-P3", "T-P7"]
    assert "freed_on (Date) = 2015/07/01" in result.stdout and "area_mu (Real)" in result.stdout
