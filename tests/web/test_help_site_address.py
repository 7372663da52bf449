"""The QGIS help gives this registry's own addresses, to copy into QGIS as they are: it said
`http://服务器:5000/ogc` ("server"), which a GIS user had to rewrite by hand — host, port, and the
path under which a proxy serves the registry."""
from __future__ import annotations

import re

import pytest

pytestmark = pytest.mark.usefixtures("districts")


def codes(html: str) -> list[str]:
    return re.findall(r"<code>([^<]*)</code>", html)


@pytest.mark.parametrize("lang, placeholder", [("zh_Hans_CN", "服务器:5000"), ("en", "server:5000")])
def test_the_ogc_and_tile_addresses_are_this_sites(client, lang, placeholder):
    html = client.get(f"/help/freed-land?lang={lang}", base_url="https://gis.example.cn").get_data(as_text=True)
    assert placeholder not in html
    shown = codes(html)
    assert "https://gis.example.cn/ogc" in shown
    assert "https://gis.example.cn/tiles/freed/{z}/{x}/{y}.mvt" in shown
    assert any(c.startswith("https://gis.example.cn/tiles/freed/style.json?lang=") for c in shown)


def test_under_a_proxys_path_too(client):
    html = client.get("/help/freed-land", base_url="http://intranet.example/registry").get_data(as_text=True)
    assert "http://intranet.example/registry/ogc" in codes(html)
