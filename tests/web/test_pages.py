"""The overview page: Chinese by default, English on request, every asset served locally."""
from __future__ import annotations

import json
import re

import pytest

from registry.config import PROJECT_ROOT
from registry.web.assets import VENDOR_DIRS


@pytest.fixture(autouse=True)
def signed_in(login):
    login("planner")


def test_overview_is_chinese_by_default(client):
    response = client.get("/")
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert '<html lang="zh-CN">' in html
    assert "上海市产业结构调整和节能项目登记系统" in html


def test_language_switch_to_english_is_remembered(client):
    response = client.get("/lang/en?next=/")
    assert response.status_code == 302
    html = client.get("/").get_data(as_text=True)
    assert '<html lang="en">' in html
    assert "Shanghai energy-saving and structural-adjustment registry" in html


def test_language_switch_refuses_offsite_redirects(client):
    response = client.get("/lang/en?next=https://example.com/")
    assert response.headers["Location"].endswith("/")
    assert "example.com" not in response.headers["Location"]


def test_page_loads_no_asset_from_another_host(client):
    html = client.get("/").get_data(as_text=True)
    urls = re.findall(r'(?:src|href)="([^"]+)"', html)
    assert urls, "expected the page to reference its assets"
    external = [u for u in urls if re.match(r"^(https?:)?//", u)]
    assert external == []


def test_vendor_assets_are_served_and_confined(client):
    with client.get("/vendor/leaflet/leaflet.js") as response:  # streamed file: close it
        assert response.status_code == 200
        assert response.mimetype == "text/javascript"
    assert client.get("/vendor/leaflet/../package.json").status_code == 404
    assert client.get("/vendor/unknown/x.js").status_code == 404


def test_dev_dependencies_are_never_served(client):
    """npm devDependencies (axe-core, the browser tests' accessibility checker) are installed by `npm ci`
    but stay out of the allow-list: the app serves only what its pages load."""
    dev_packages = json.loads((PROJECT_ROOT / "package.json").read_text())["devDependencies"]
    assert "axe-core" in dev_packages
    served = [folder for folder in VENDOR_DIRS.values()
              for name in dev_packages if folder.is_relative_to(PROJECT_ROOT / "node_modules" / name)]
    assert served == []
    assert client.get("/vendor/axe-core/axe.min.js").status_code == 404


def test_unknown_page_is_a_localised_404(client):
    response = client.get("/no-such-page")
    assert response.status_code == 404
    assert "未找到" in response.get_data(as_text=True)


@pytest.mark.parametrize("role, district", [("admin", None), ("city_reviewer", None), ("district_staff", "310115")])
def test_the_overview_lists_an_administrators_pages(client, login, role, district):
    """The top bar has room for 用户管理 only: the audit trail, targets, factors and monitoring were each
    reached from another page's corner. The overview lists them for administrators."""
    login(role, district)
    html = client.get("/").get_data(as_text=True)
    if role != "admin":
        assert "系统管理" not in html
        return
    nav = html.split('<nav class="admin-pages"')[1].split("</nav>")[0]
    assert re.findall(r'<a href="([^"]+)">', nav) == ["/admin/users", "/audit", "/targets", "/reference", "/monitoring",
                                                        "/imports/"]
    assert "系统管理" in nav and "折标系数与等价值" in nav and "能耗在线监测" in nav
