"""The parcel list's page (/land/parcels) through the Flask client: in both languages, its rows and
links, the projects beside a parcel, district staff opening on their district, the downloads and
their audit entry, and bad filter values answered as a field's problem (the page 200, its download 422), never a 500."""
from __future__ import annotations

import csv
import html
import io
import re
from urllib.parse import parse_qs, urlsplit

import pytest
from openpyxl import load_workbook
from sqlalchemy import select

from registry.domain.permissions import Actor
from registry.models import AuditEntry
from registry.services import projects as svc
from tests.integration.land_data import A, B
from tests.integration.project_data import draft
from tests.web.page_text import text_of

STAFF_A = Actor(None, "a-staff", "district_staff", A)


@pytest.fixture
def tied(session, ids):
    """Two drafts of district A: the first holds P1 and P5, the second P1; their references."""
    first = svc.register_project(session, STAFF_A, draft(district_code=A, new_parcels=(), parcel_ids=(ids["P1"], ids["P5"])))
    second = svc.register_project(session, STAFF_A, draft(district_code=A, new_parcels=(), parcel_ids=(ids["P1"],)))
    return first.reference, second.reference


def _rows(page: str) -> list[str]:
    table = page[page.index('id="parcel-table"'):page.index("</table>", page.index('id="parcel-table"'))]
    return re.findall(r'<td class="nowrap what"><a href="/land/parcels/\d+">([^<]+)</a>', table)


def test_the_list_shows_every_parcel_in_both_languages(client, ids, tied, login):
    login("city_reviewer")
    response = client.get("/land/parcels")
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert "<h1>地块清单" in page and "共 6 项" in text_of(page)
    assert _rows(page) == ["T-P1", "T-P2", "T-P3", "T-P4", "T-P5", "T-P7"]  # in use too, not the end-dated P6
    assert f'<a href="/land/parcels/{ids["P5"]}">T-P5</a>' in page and "在用" in page
    first, second = tied
    assert re.search(rf'<a href="/projects/\d+">{first}</a> 等 2 个', page)  # P1: two projects
    english = client.get("/land/parcels?lang=en").get_data(as_text=True)
    assert "<h1>Parcel list" in english and "6 found" in text_of(english)
    assert re.search(rf'<a href="/projects/\d+">{first}</a> and others, 2 in all', english)


def test_the_filters_and_a_sort_pick_the_rows(client, ids, tied, login):
    login("city_reviewer")
    by_area = client.get("/land/parcels?status=in_use&status=freed&sort=-area_m2&project=with").get_data(as_text=True)
    assert _rows(by_area) == ["T-P1", "T-P5"]  # ~42,300 m², ~10,600 m²
    without = client.get("/land/parcels?project=without&code=t-p").get_data(as_text=True)
    assert _rows(without) == ["T-P2", "T-P3", "T-P4", "T-P7"]
    assert '<th aria-sort="ascending"><a href="?project=without&amp;code=t-p&amp;sort=-code">' in without


def test_a_page_beyond_the_last_goes_to_the_last(client, ids, login):
    login("city_reviewer")
    response = client.get("/land/parcels?page=9&page_size=25&status=freed")
    assert response.status_code == 302
    assert parse_qs(urlsplit(response.headers["Location"]).query) == {"page": ["1"], "page_size": ["25"], "status": ["freed"]}


def test_district_staff_open_on_their_district_and_may_ask_for_every_one(client, ids, login):
    login("district_staff", B, username="b-staff")
    own = client.get("/land/parcels").get_data(as_text=True)
    assert _rows(own) == ["T-P2", "T-P3"]
    assert re.search(rf'<input type="checkbox" name="district" value="{B}" checked>', own)
    assert len(_rows(client.get("/land/parcels?district=").get_data(as_text=True))) == 6


@pytest.mark.parametrize("query, field", [
    ("status=demolished", "status"), ("project=maybe", "project"), ("area_min=abc", "area_min"),
    ("sort=freed_on", "sort"), ("page_size=30", "page_size"), ("page=0", "page"), ("district=pudong", "district")])
def test_a_bad_filter_value_is_named_beside_its_field_not_a_500(client, ids, login, query, field):
    login("city_reviewer")
    response = client.get(f"/land/parcels?{query}")
    assert response.status_code == 200  # the page, saying it; its download refuses it
    assert '<p class="field-error" role="alert">' in response.get_data(as_text=True)
    refused = client.get(f"/land/parcels/export?format=csv&{query}")
    assert refused.status_code == 422 and f"{field}：" in refused.get_data(as_text=True)


def _export_links(page: str) -> dict[str, dict[str, list[str]]]:
    links = re.findall(r'<a class="button secondary export" data-format="(\w+)" href="([^"]+)"', page)
    return {fmt: parse_qs(urlsplit(html.unescape(href)).query, keep_blank_values=True) for fmt, href in links}


def test_the_downloads_hold_what_the_filters_select_and_are_each_an_audit_entry(client, session, ids, tied, login):
    reviewer = login("city_reviewer")
    page = client.get("/land/parcels?district=310101&sort=-code&page_size=25").get_data(as_text=True)
    links = _export_links(page)
    assert set(links) == {"xlsx", "csv"}
    assert links["csv"] == {"district": ["310101"], "sort": ["-code"], "format": ["csv"]}
    response = client.get("/land/parcels/export?format=csv&district=310101&sort=-code")
    assert response.status_code == 200 and response.headers["Content-Type"] == "text/csv; charset=utf-8"
    assert re.search(r'attachment; filename="parcels-310101-\d{4}-\d\d-\d\d\.csv"', response.headers["Content-Disposition"])
    rows = list(csv.reader(io.StringIO(response.get_data().decode("utf-8-sig"))))
    project = rows[0].index("项目")  # then what the land was freed as (原用途), where it goes (新用途…), the geometry
    assert rows[0][:2] == ["地块编号", "面积（m²）"] and rows[0][project + 1] == "原用途代码"
    assert rows[0][project + 3] == "新用途代码"
    assert [r[0] for r in rows[1:]] == ["T-P7", "T-P5", "T-P4", "T-P1"]
    first, second = tied
    assert rows[-1][project] == f"{first}, {second}" and rows[2][project] == first and rows[1][project] == ""
    book = load_workbook(io.BytesIO(client.get("/land/parcels/export?format=xlsx&project=with&lang=en").get_data()))
    sheet = book.active
    assert sheet.title == "Parcel list" and sheet["A1"].value == "Parcel code" and sheet.max_row == 3
    entries = session.scalars(select(AuditEntry).where(AuditEntry.action == "export").order_by(AuditEntry.id)).all()
    assert [(e.entity, e.user_id) for e in entries] == [("parcel_list", reviewer.id)] * 2
    assert entries[0].changes == {"format": "csv", "rows": 4, "district_code": ["310101"], "sort": "code",
                                  "descending": True}
    assert entries[1].changes == {"format": "xlsx", "rows": 2, "projects": "with", "sort": "code", "descending": False}
