"""Previews of a split and a merge on PostGIS (lineage.preview_split, lineage.preview_merge): what
they show is what the save then writes — the same pieces, codes and areas —, they refuse what the
save refuses with the same error, and they write nothing."""
from __future__ import annotations

import json

import pytest
from shapely.geometry import shape
from sqlalchemy import text

from registry.domain.errors import Conflict, NotFound, PermissionDenied, RegistryError, ValidationError
from registry.domain.permissions import Actor
from registry.services import lineage
from tests.integration.land_data import polygon

PLANNER = Actor(None, "planner", "planner")
STAFF = Actor(None, "pudong", "district_staff", "310115")
# across P1 (121.420–121.422) at three quarters, and a line bent above it that crosses it twice: three pieces
ACROSS_P1 = {"type": "LineString", "coordinates": [[121.4215, 31.2195], [121.4215, 31.2225]]}
BENT_ACROSS_P1 = {"type": "LineString", "coordinates": [[121.4205, 31.2195], [121.4205, 31.2225],
                                                        [121.4215, 31.2225], [121.4215, 31.2195]]}
HALVES_OF_P1 = [polygon(121.420, 31.220, 121.421, 31.222), polygon(121.421, 31.220, 121.422, 31.222)]
COUNTED = ("parcels", "parcel_lineage", "parcel_zones", "audit_log", "layer_changes")


def _counts(session) -> dict[str, int]:
    return {table: session.execute(text(f"SELECT count(*) FROM {table}")).scalar_one() for table in COUNTED}


def _stored(session, parcel_ids: list[int]) -> list[tuple[str, float, str]]:
    rows = session.execute(text("SELECT code, area_m2, ST_AsGeoJSON(geom) FROM parcels WHERE id = ANY(:ids) ORDER BY code"),
                           {"ids": parcel_ids})
    return [(code, float(area), geojson) for code, area, geojson in rows]


def _assert_preview_is_what_was_stored(preview: list[lineage.PlannedParcel], stored: list[tuple[str, float, str]]) -> None:
    assert [p.code for p in preview] == [code for code, _area, _geometry in stored]
    for planned, (_code, area_m2, geojson) in zip(preview, stored):
        assert planned.area_m2 == pytest.approx(area_m2, rel=1e-6)
        assert shape(planned.geometry).equals(shape(json.loads(geojson)))


@pytest.mark.parametrize("line, pieces", [(ACROSS_P1, 2), (BENT_ACROSS_P1, 3)])
def test_a_split_along_a_line_writes_the_pieces_its_preview_showed(session, ids, line, pieces):
    before = _counts(session)
    preview = lineage.preview_split(session, PLANNER, ids["P1"], line=line)
    assert len(preview) == pieces and _counts(session) == before  # the preview wrote nothing
    children = lineage.split_parcel_along(session, PLANNER, ids["P1"], line)
    _assert_preview_is_what_was_stored(preview, _stored(session, children))


def test_a_split_into_typed_parts_writes_the_parts_its_preview_showed(session, ids):
    preview = lineage.preview_split(session, PLANNER, ids["P1"], parts=[json.dumps(p) for p in HALVES_OF_P1])
    assert [p.code for p in preview] == ["T-P1-1", "T-P1-2"]
    children = lineage.split_parcel(session, PLANNER, ids["P1"], HALVES_OF_P1)
    _assert_preview_is_what_was_stored(preview, _stored(session, children))


def test_a_merge_writes_the_parcel_its_preview_showed(session, ids):
    halves = lineage.split_parcel(session, PLANNER, ids["P1"], HALVES_OF_P1)
    before = _counts(session)
    preview = lineage.preview_merge(session, PLANNER, halves, code="T-P1-again")
    assert _counts(session) == before
    assert preview.code == "T-P1-again" and shape(preview.geometry).geom_type == "MultiPolygon"
    merged = lineage.merge_parcels(session, PLANNER, halves, code="T-P1-again")
    _assert_preview_is_what_was_stored([preview], _stored(session, [merged]))
    assert preview.area_m2 == pytest.approx(sum(area for _c, area, _g in _stored(session, halves)), rel=1e-6)


def _refusal(call) -> tuple[type, str, list[tuple[str, str]]]:
    """What an error tells the user: its kind, its message and its fields' messages."""
    with pytest.raises(RegistryError) as caught:
        call()
    error = caught.value
    fields = [(e.field, e.render()) for e in error.field_errors] if isinstance(error, ValidationError) else []
    return type(error), error.render(), fields


@pytest.mark.parametrize("line", [
    {"type": "LineString", "coordinates": [[121.4215, 31.2195], [121.4215, 31.221]]},  # stops inside
    {"type": "LineString", "coordinates": [[121.43, 31.2195], [121.43, 31.2225]]},  # beside the parcel
    {"type": "LineString", "coordinates": [[121.4215, 95], [121.4215, 31.2225]]},  # not a latitude
    # cuts off a sliver of under 10 m²: an implausible parcel
    {"type": "LineString", "coordinates": [[121.42199995, 31.2195], [121.42199995, 31.2225]]},
    "not json",
])
def test_a_line_the_split_refuses_is_refused_by_its_preview_with_the_same_error(session, ids, line):
    before = _counts(session)
    previewed = _refusal(lambda: lineage.preview_split(session, PLANNER, ids["P1"], line=line))
    assert _counts(session) == before
    assert previewed == _refusal(lambda: lineage.split_parcel_along(session, PLANNER, ids["P1"], line))


def test_parts_the_split_refuses_are_refused_by_its_preview_with_the_same_error(session, ids):
    overlapping = [polygon(121.420, 31.220, 121.4215, 31.222), polygon(121.4205, 31.220, 121.422, 31.222)]
    previewed = _refusal(lambda: lineage.preview_split(session, PLANNER, ids["P1"], parts=overlapping))
    assert previewed[2][0][0] == "parts" and "overlap" in previewed[2][0][1]
    assert previewed == _refusal(lambda: lineage.split_parcel(session, PLANNER, ids["P1"], overlapping))


@pytest.mark.parametrize("actor, parcel, error", [
    (STAFF, "P1", PermissionDenied), (PLANNER, "P5", Conflict), (PLANNER, "P6", Conflict), (PLANNER, None, NotFound)])
def test_only_a_planner_previews_and_only_a_split_of_live_freed_land(session, ids, actor, parcel, error):
    parcel_id = ids[parcel] if parcel else 2 ** 40
    with pytest.raises(error):
        lineage.preview_split(session, actor, parcel_id, line=ACROSS_P1)
    with pytest.raises(error):
        lineage.split_parcel_along(session, actor, parcel_id, ACROSS_P1)


def test_a_merge_the_save_refuses_is_refused_by_its_preview_with_the_same_error(session, ids):
    # P1 and P4 are apart (and P4 is planned); P1 and P2 are apart and of two land uses; one parcel alone
    quarters = lineage.split_parcel(session, PLANNER, ids["P1"], [
        polygon(121.420, 31.220, 121.421, 31.221), polygon(121.421, 31.220, 121.422, 31.221),
        polygon(121.420, 31.221, 121.421, 31.222), polygon(121.421, 31.221, 121.422, 31.222)])
    corner_only = [quarters[0], quarters[3]]  # the union would be two polygons
    for parcel_ids, code in ((corner_only, None), ([ids["P1"], ids["P4"]], None), ([ids["P2"], quarters[0]], None),
                             ([quarters[0]], None), ([quarters[0], quarters[1]], "T-P1-2"), ([quarters[0], quarters[1]], "x" * 101)):
        previewed = _refusal(lambda: lineage.preview_merge(session, PLANNER, parcel_ids, code))
        assert previewed == _refusal(lambda: lineage.merge_parcels(session, PLANNER, parcel_ids, code))
    assert _refusal(lambda: lineage.preview_merge(session, PLANNER, corner_only))[2] == [
        ("parcel_ids", "the parcels do not adjoin: their union is not one polygon")]
    with pytest.raises(PermissionDenied):
        lineage.preview_merge(session, STAFF, quarters[:2])
