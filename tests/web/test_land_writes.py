"""Planners' land writes and reads given hostile input: precise 4xx answers, nothing half-written."""
from __future__ import annotations

import json
from decimal import Decimal

import pytest
from sqlalchemy import text


@pytest.fixture
def planner(login):
    return login("planner")


def outputs_of(session, parcel_id: int) -> list:
    return session.execute(text("SELECT year, source FROM parcel_outputs WHERE parcel_id = :p"), {"p": parcel_id}).all()


# ² passes str.isdigit() but int() refuses it; ١ (Arabic-Indic one) int() would read.
@pytest.mark.parametrize("year", ["²", "١", "2017²", "99999999999999999999"])
def test_land_output_refuses_a_year_that_is_not_ascii_digits(client, ids, planner, year):
    api = client.get(f"/api/v1/land/output?year={year}")
    assert api.status_code == 422 and api.get_json()["errors"] == {"year": f"必须是整数，实际为“{year}”"}
    page = client.get(f"/land/output?year={year}&lang=en")
    # said above the page, in the page's reading of a year (² reads as 2 there: out of range)
    assert page.status_code == 200 and "<li>year: must be " in page.get_data(as_text=True)


@pytest.mark.parametrize("others", ["²", "١", "{P2},²"])
def test_the_merge_form_refuses_ids_that_are_not_ascii_digits(client, ids, planner, session, others):
    response = client.post(f"/land/parcels/{ids['P1']}/merge", data={"with": others.format(P2=ids["P2"])})
    assert response.status_code == 422 and "with" in response.get_data(as_text=True)
    assert session.execute(text("SELECT count(*) FROM parcels WHERE valid_to IS NOT NULL")).scalar_one() == 1  # P6 only


def test_an_ogc_feature_id_that_is_not_ascii_digits_is_404(client, ids, planner):
    assert client.get("/ogc/collections/parcels/items/²").status_code == 404


def test_a_merge_names_the_impossible_id(client, ids, planner):
    response = client.post("/api/v1/land/merge", json={"parcel_ids": [ids["P1"], -5]})
    assert response.status_code == 404 and "-5" in response.get_json()["detail"]
    assert str(ids["P1"]) not in response.get_json()["detail"]


@pytest.mark.parametrize("source", [["x"], {"a": 1}, 5, "x" * 201])
def test_an_output_source_must_be_text(client, ids, planner, session, source):
    response = client.post(f"/api/v1/land/parcels/{ids['P7']}/outputs",
                           json={"year": 2017, "output_wan_yuan": 1, "source": source})
    assert response.status_code == 422 and set(response.get_json()["errors"]) == {"source"}
    assert outputs_of(session, ids["P7"]) == []


def test_an_output_keeps_its_text_source(client, ids, planner, session):
    response = client.post(f"/api/v1/land/parcels/{ids['P7']}/outputs",
                           json={"year": 2017, "output_wan_yuan": 1, "source": " 统计局 "})
    assert response.status_code == 200 and outputs_of(session, ids["P7"]) == [(2017, "统计局")]


def test_the_parcel_page_names_where_an_output_came_from_instead_of_showing_its_code(client, ids, planner):
    # "planner" (the form's default) and "redevelopment" (a completion) read as English codes on a
    # Chinese page, and widened a phone's page; a source typed by the planner is shown as typed.
    for year, source in ((2017, None), (2018, "统计局"), (2019, "redevelopment")):
        body = {"year": year, "output_wan_yuan": 1} | ({"source": source} if source else {})
        assert client.post(f"/api/v1/land/parcels/{ids['P7']}/outputs", json=body).status_code == 200
    page = client.get(f"/land/parcels/{ids['P7']}").get_data(as_text=True)
    table = page[page.index("<caption>"):page.index("</table>", page.index("<caption>"))]
    assert "规划人员录入" in table and "统计局" in table and "二次开发完成时填报" in table
    assert "planner" not in table and "redevelopment" not in table


@pytest.mark.parametrize("path, body", [
    ("plan", {"new_use": "A35", "new_usage": "B1"}),
    ("complete", {"completed_on": "2018-01-01", "actual_output": 5}),
    ("outputs", {"year": 2017, "output_wan_yuan": 1, "sourse": "x"}),
])
def test_lifecycle_bodies_refuse_unknown_fields(client, ids, planner, session, path, body):
    parcel = ids["P7"] if path == "outputs" else ids["P1"]
    if path == "complete":
        assert client.post(f"/api/v1/land/parcels/{parcel}/plan", json={"new_use": "A35"}).status_code == 200
    before = session.execute(text("SELECT status FROM parcels WHERE id = :p"), {"p": parcel}).scalar_one()
    response = client.post(f"/api/v1/land/parcels/{parcel}/{path}", json=body)
    assert response.status_code == 422, response.get_data(as_text=True)
    [unknown] = set(body) - {"new_use", "completed_on", "year", "output_wan_yuan"}
    assert response.get_json()["errors"][unknown] == "未知字段。"
    assert session.execute(text("SELECT status FROM parcels WHERE id = :p"), {"p": parcel}).scalar_one() == before


def test_the_planner_forms_still_pass_their_csrf_token(client, ids, planner):
    # The forms' own fields are all known (csrf_token is the form's, not the plan's).
    response = client.post(f"/land/parcels/{ids['P1']}/plan", data={
        "csrf_token": "x", "new_use": "A35", "planned_on": "2018-01-02", "investment_wan_yuan": "",
        "expected_output_wan_yuan": "", "description": "园区"})
    assert response.status_code == 302


def test_a_refused_plan_shows_the_form_again_as_typed_with_the_reason_by_its_label(client, ids, planner, session):
    response = client.post(f"/land/parcels/{ids['P1']}/plan", data={
        "new_use": "B2", "investment_wan_yuan": "一千", "description": "新建研发楼"})
    html = response.get_data(as_text=True)
    assert response.status_code == 422
    assert '<option value="B2" selected>' in html and 'value="一千"' in html and ">新建研发楼</textarea>" in html
    assert "投资（万元）：" in html and "investment_wan_yuan" not in html.split('name="investment_wan_yuan"')[0]
    assert session.execute(text("SELECT status FROM parcels WHERE id = :p"), {"p": ids["P1"]}).scalar_one() == "freed"


def test_amounts_written_as_the_parcel_page_shows_them_are_read(client, ids, planner, session):
    # The page shows an output as 1,629.70: typed so it was refused (必须是数字，实际为“1,629.7”).
    output = client.post(f"/land/parcels/{ids['P7']}/output", data={"year": "2017", "output_wan_yuan": "1,629.7"})
    assert output.status_code == 302, output.get_data(as_text=True)[:300]
    plan = client.post(f"/land/parcels/{ids['P1']}/plan", data={
        "new_use": "B2", "planned_on": "2018-01-02", "investment_wan_yuan": "125,437.5", "expected_output_wan_yuan": "１，２００"})
    assert plan.status_code == 302, plan.get_data(as_text=True)[:300]
    figures = session.execute(text(
        "SELECT (SELECT output_wan_yuan FROM parcel_outputs WHERE parcel_id = :o AND year = 2017), "
        "investment_wan_yuan, expected_output_wan_yuan FROM parcel_redevelopments WHERE parcel_id = :p"),
        {"o": ids["P7"], "p": ids["P1"]}).one()
    assert tuple(figures) == (Decimal("1629.7"), Decimal("125437.5"), Decimal("1200"))


def test_parcels_are_merged_by_the_codes_the_pages_show(client, ids, planner, session):
    from registry.domain.permissions import Actor
    from registry.services import lineage

    square = lambda west: {"type": "Polygon", "coordinates": [[[west, 31.220], [west + 0.001, 31.220],  # noqa: E731
                                                              [west + 0.001, 31.222], [west, 31.222], [west, 31.220]]]}
    left, right = lineage.split_parcel(session, Actor(planner.id, "planner", "planner"), ids["P1"],
                                       [square(121.420), square(121.421)])
    right_code = session.execute(text("SELECT code FROM parcels WHERE id = :p"), {"p": right}).scalar_one()
    unknown = client.post(f"/land/parcels/{left}/merge", data={"with": "NO-SUCH-1，NO-SUCH-2"})
    assert unknown.status_code == 422 and "NO-SUCH-1、NO-SUCH-2" in unknown.get_data(as_text=True)
    page = client.get(f"/land/parcels/{left}").get_data(as_text=True)
    assert f'<input type="checkbox" name="with" value="{right_code}">' in page  # offered: it shares an edge
    # the ticked neighbour and the typed codes arrive as one field named twice
    merged = client.post(f"/land/parcels/{left}/merge", data={"with": ["", right_code], "code": "T-P1-again"})
    assert merged.status_code == 302
    assert session.execute(text("SELECT count(*) FROM parcels WHERE code = 'T-P1-again' AND valid_to IS NULL")).scalar_one() == 1


def test_a_split_into_a_part_of_implausible_area_is_refused_on_the_page_and_by_the_api(client, ids, planner, session):
    from tests.integration.land_data import polygon

    parts = [polygon(121.420, 31.220, 121.42199995, 31.222), polygon(121.42199995, 31.220, 121.422, 31.222)]
    page = client.post(f"/land/parcels/{ids['P1']}/split", data={"parts": json.dumps(parts)})
    assert page.status_code == 422 and "m² 不合理（允许 10 m² 至 50 km²）" in page.get_data(as_text=True)
    english = client.post(f"/land/parcels/{ids['P1']}/split?lang=en", data={"parts": json.dumps(parts)})
    assert english.status_code == 422 and "m² (allowed 10 m² to 50 km²)" in english.get_data(as_text=True)
    api = client.post(f"/api/v1/land/parcels/{ids['P1']}/split", json={"parts": parts})
    assert api.status_code == 422 and list(api.get_json()["errors"]) == ["parts[1]"]
    assert session.execute(text("SELECT count(*) FROM parcels WHERE valid_to IS NOT NULL")).scalar_one() == 1  # P6 only


ACROSS_P1 = {"type": "LineString", "coordinates": [[121.4215, 31.2195], [121.4215, 31.2225]]}


def test_a_line_drawn_across_the_parcel_splits_it_from_the_page_and_the_api(client, ids, planner, session):
    page = client.post(f"/land/parcels/{ids['P1']}/split", data={"line": json.dumps(ACROSS_P1), "parts": ""})
    assert page.status_code == 302
    children = session.execute(text("SELECT code FROM parcels WHERE code LIKE 'T-P1-%' ORDER BY code")).scalars().all()
    assert children == ["T-P1-1", "T-P1-2"]
    child = client.get(page.headers["Location"]).get_data(as_text=True)
    assert "T-P1</a>（拆分）" in child  # where it came from, in Chinese punctuation
    api = client.post(f"/api/v1/land/parcels/{ids['P2']}/split",
                      json={"line": {"type": "LineString", "coordinates": [[121.5205, 31.219], [121.5205, 31.222]]}})
    assert api.status_code == 201 and len(api.get_json()["children"]) == 2


def test_a_line_that_does_not_cross_the_parcel_is_refused_in_the_users_words(client, ids, planner, session):
    short = {"type": "LineString", "coordinates": [[121.4215, 31.2195], [121.4215, 31.221]]}
    page = client.post(f"/land/parcels/{ids['P1']}/split", data={"line": json.dumps(short)})
    assert page.status_code == 422 and "未横穿地块" in page.get_data(as_text=True)
    api = client.post(f"/api/v1/land/parcels/{ids['P1']}/split?lang=en", json={"line": short})
    assert api.status_code == 422 and "does not cut across the parcel" in api.get_json()["errors"]["line"]
    assert session.execute(text("SELECT count(*) FROM parcels WHERE valid_to IS NOT NULL")).scalar_one() == 1  # P6 only

