"""The project list's count kept until its data changes (services/projects/list_counts.py), through
the page and the API, which share it: a project registered through the API and an enterprise renamed
on its page both show in the next count, the API's total and the page's "found" alike."""
from __future__ import annotations

import re

from sqlalchemy import text

from registry.report_caches import PROJECT_COUNT_CACHE
from tests.web.api.conftest import PROJECT


def _found(client, query: str) -> int:
    page = client.get(f"/projects?{query}&lang=en").get_data(as_text=True)
    return int(re.search(r"([\d,]+) found", page).group(1).replace(",", ""))


def test_writes_through_the_api_and_the_pages_show_in_the_next_count(app, client, login, bearer, session):
    pudong, reviewer = bearer("api-pudong", "district_staff", "310115"), bearer("api-reviewer", "city_reviewer")
    api = app.test_client()
    total = lambda: api.get("/api/v1/projects?q=电机改造", headers=reviewer).get_json()["total"]  # noqa: E731
    assert api.post("/api/v1/projects", json=PROJECT | {"new_parcels": []}, headers=pudong).status_code == 201
    assert total() == 1 == total()
    assert len(PROJECT_COUNT_CACHE.of(app)) == 1  # kept, and given again
    assert api.post("/api/v1/projects", json=PROJECT | {"new_parcels": [], "title": "锅炉电机改造"},
                    headers=pudong).status_code == 201
    assert total() == 2

    login("admin")
    assert _found(client, "q=测试电机") == 2 == _found(client, "q=测试电机&page=1")
    firm = session.execute(text("SELECT id, name, industry_code, district_code, address, version FROM enterprises")).one()
    renamed = client.post(f"/enterprises/{firm.id}/edit", data={
        "name": "上海新名有限公司", "industry_code": firm.industry_code, "district_code": firm.district_code,
        "address": firm.address or "", "version": str(firm.version)})
    assert renamed.status_code == 302
    assert _found(client, "q=测试电机") == 0 and _found(client, "q=新名") == 2
    assert api.get("/api/v1/projects?q=测试电机", headers=reviewer).get_json()["total"] == 0
