"""Parcel geometry through the API: polygons without area, Z values, swapped coordinates and
GEOS's reasons, each answered precisely in the client's language, never a 500."""
from __future__ import annotations

from sqlalchemy import func, select

from registry.models import Parcel
from tests.integration.project_data import SQUARE
from tests.web.api.test_problems import BOW_TIE, problem_of

CHECK = "/api/v1/parcels/check"
TWO_POINTS = {"type": "Polygon", "coordinates": [[[121.62, 31.21], [121.621, 31.211], [121.62, 31.21]]]}
COLLINEAR = {"type": "Polygon", "coordinates": [[[121.62, 31.21], [121.621, 31.21], [121.622, 31.21], [121.62, 31.21]]]}
EN = {"Accept-Language": "en"}


def with_z(polygon: dict, *extra: float) -> dict:
    return {"type": "Polygon", "coordinates": [[[x, y, *extra] for x, y in ring] for ring in polygon["coordinates"]]}


def test_a_ring_of_two_points_is_a_precise_422(client, pudong, project_body):
    body = problem_of(client.post(CHECK, json={"district_code": "310115", "geometry": TWO_POINTS}, headers=pudong), 422)
    assert body["errors"] == {"geometry": "多边形没有面积：其边界环不足 3 个不同的点"}
    body = problem_of(client.post(CHECK, json={"district_code": "310115", "geometry": TWO_POINTS}, headers=pudong | EN), 422)
    assert body["errors"] == {"geometry": "the polygon has no area: its ring has fewer than 3 distinct points"}
    project_body["new_parcels"][0]["geometry"] = TWO_POINTS
    body = problem_of(client.post("/api/v1/projects", json=project_body, headers=pudong | EN), 422)
    assert body["errors"] == {"new_parcels[0].geometry": "the polygon has no area: its ring has fewer than 3 distinct points"}


def test_collinear_points_are_a_precise_422(client, pudong):
    body = problem_of(client.post(CHECK, json={"district_code": "310115", "geometry": COLLINEAR}, headers=pudong | EN), 422)
    assert body["errors"] == {"geometry": "the polygon has no area: its points lie on one line"}


def test_z_and_m_are_dropped_alike_by_the_check_and_the_save(client, pudong, project_body, session):
    checked = client.post(CHECK, json={"district_code": "310115", "geometry": with_z(SQUARE, 5.0)}, headers=pudong)
    assert checked.status_code == 200 and checked.get_json()["ok"] is True
    assert all(len(p) == 2 for p in checked.get_json()["geometry"]["coordinates"][0][0])
    project_body["new_parcels"][0]["geometry"] = with_z(SQUARE, 5.0, 7.0)
    created = client.post("/api/v1/projects", json=project_body, headers=pudong)
    assert created.status_code == 201, created.get_data(as_text=True)
    assert session.scalar(select(func.max(func.ST_NDims(Parcel.geom)))) == 2


def test_swapped_longitude_and_latitude_are_named(client, pudong, project_body):
    swapped = {"type": "Polygon", "coordinates": [[[y, x] for x, y in SQUARE["coordinates"][0]]]}
    body = client.post(CHECK, json={"district_code": "310115", "geometry": swapped}, headers=pudong).get_json()
    assert body["ok"] is False and body["problem"].startswith("多边形位于上海以外——经度和纬度是否写反了？")
    english = client.post(CHECK, json={"district_code": "310115", "geometry": swapped}, headers=pudong | EN).get_json()
    assert english["problem"].startswith("The polygon lies outside Shanghai — are longitude and latitude swapped?")
    project_body["new_parcels"][0]["geometry"] = swapped
    body = problem_of(client.post("/api/v1/projects", json=project_body, headers=pudong | EN), 422)
    assert body["errors"]["new_parcels[0].geometry"].startswith("The polygon lies outside Shanghai")


def test_coordinates_that_are_not_numbers_are_a_precise_422(client, pudong):
    text = '{"district_code": "310115", "geometry": {"type": "Polygon", "coordinates": ' \
           '[[[Infinity, 31.2], [121.601, 31.2], [121.601, 31.201], [121.6, 31.2]]]}}'
    body = problem_of(client.post(CHECK, data=text, content_type="application/json", headers=pudong | EN), 422)
    assert body["errors"] == {"geometry": "every coordinate must be a finite number"}


def test_geos_reasons_are_translated_keeping_the_location(client, pudong, project_body):
    project_body["new_parcels"][0]["geometry"] = BOW_TIE
    body = problem_of(client.post("/api/v1/projects", json=project_body, headers=pudong), 422)
    assert body["errors"] == {"new_parcels[0].geometry": "边界在 121.6005 31.2005 处自相交"}
    body = problem_of(client.post("/api/v1/projects", json=project_body, headers=pudong | EN), 422)
    assert body["errors"] == {"new_parcels[0].geometry": "the boundary crosses itself at 121.6005 31.2005"}
    checked = client.post(CHECK, json={"district_code": "310115", "geometry": BOW_TIE}, headers=pudong | EN).get_json()
    assert checked["invalid_reason"] == "the boundary crosses itself at 121.6005 31.2005"
