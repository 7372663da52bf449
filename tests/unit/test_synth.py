"""geo.synth: illustrative zones and parcels inside the real district outlines."""

from __future__ import annotations

import json
import re
from collections import Counter

import numpy as np
import pytest
import shapely
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pyproj import Geod
from shapely.geometry import MultiPolygon, shape
from shapely.strtree import STRtree

from geo.geometry import geodesic_area_m2
from geo.synth import LAND_USE_CLASSES, ZONE_KINDS, ParcelSpec, ZoneSpec, generate_parcels, generate_zones
from geo.synth.catalogue import CITY_CENTRE_LON_LAT, DEV_ZONE_ANCHORS
from tests.data import WGS84_DISTRICTS

DISTRICTS_FILE = WGS84_DISTRICTS
ZONE_SEED, PARCEL_SEED, PARCEL_COUNT = 42, 7, 4000
SUBURBAN = {"310112", "310113", "310114", "310115", "310116", "310117", "310118", "310120"}
CHONGMING, MINHANG, PUDONG = "310151", "310112", "310115"
TOLERANCE_DEG = 1e-9
WGS84_GEOD = Geod(ellps="WGS84")
KM2, HA = 1e6, 1e4


@pytest.fixture(scope="module")
def districts() -> list[tuple[str, str, str, MultiPolygon]]:
    features = json.loads(DISTRICTS_FILE.read_text(encoding="utf-8"))["features"]
    return [(str(f["properties"]["adcode"]), f["properties"]["name"], f["properties"]["name_en"],
             shape(f["geometry"])) for f in features]


@pytest.fixture(scope="module")
def district_by_code(districts) -> dict[str, MultiPolygon]:
    return {code: geom for code, _zh, _en, geom in districts}


@pytest.fixture(scope="module")
def zones(districts) -> list[ZoneSpec]:
    return generate_zones(districts, seed=ZONE_SEED)


@pytest.fixture(scope="module")
def parcels(zones, districts) -> list[ParcelSpec]:
    return list(generate_parcels(zones, districts, PARCEL_COUNT, seed=PARCEL_SEED))


def _of_kind(zones: list[ZoneSpec], kind: str) -> list[ZoneSpec]:
    return [z for z in zones if z.kind == kind]


def _areas_m2(geoms) -> np.ndarray:
    return np.array([geodesic_area_m2(g) for g in geoms])


def _interior_overlaps(geoms: list) -> list[tuple[int, int]]:
    """Pairs whose interiors meet (touching is fine)."""
    tree = STRtree(geoms)
    left, right = tree.query(geoms, predicate="intersects")
    pairs = left < right
    left, right = left[pairs], right[pairs]
    arr = np.asarray(geoms, dtype=object)
    meet = shapely.relate_pattern(arr[left], arr[right], "T********")
    return list(zip(left[meet].tolist(), right[meet].tolist()))


def _distance_from_centre_m(geom) -> float:
    point = geom.representative_point()
    _, _, distance = WGS84_GEOD.inv(*CITY_CENTRE_LON_LAT, point.x, point.y)
    return float(distance)


# --- zones ----------------------------------------------------------------------------------------
def test_generates_every_kind_in_plausible_numbers(zones) -> None:
    counts = Counter(z.kind for z in zones)
    assert set(counts) == set(ZONE_KINDS)
    assert 40 <= counts["block_104"] <= 104
    assert counts["region_195"] >= 50 and counts["region_198"] >= 100
    assert 10 <= counts["development_zone"] <= 20
    assert 1 <= counts["other"] <= 10


def test_zones_are_valid_nonempty_multipolygons_inside_their_district(zones, district_by_code) -> None:
    for zone in zones:
        assert isinstance(zone.geometry, MultiPolygon), zone.name_en
        assert zone.geometry.is_valid and not zone.geometry.is_empty, zone.name_en
        district = district_by_code[zone.district_code]
        assert district.buffer(TOLERANCE_DEG).covers(zone.geometry), zone.name_en


def test_104_195_198_and_other_zones_never_overlap(zones) -> None:
    exclusive = [z for z in zones if z.kind != "development_zone"]
    assert _interior_overlaps([z.geometry for z in exclusive]) == []


def test_development_zones_do_not_overlap_each_other_and_sit_inside_a_104_block(zones) -> None:
    dev = _of_kind(zones, "development_zone")
    assert _interior_overlaps([z.geometry for z in dev]) == []
    blocks = _of_kind(zones, "block_104")
    for zone in dev:
        enclosing = [b for b in blocks if b.geometry.intersects(zone.geometry)]
        covered = shapely.union_all([b.geometry for b in enclosing]).intersection(zone.geometry)
        assert covered.area >= 0.999 * zone.geometry.area, zone.name_en


def test_zone_sizes_are_plausible(zones) -> None:
    blocks = _areas_m2(z.geometry for z in _of_kind(zones, "block_104")) / KM2
    assert blocks.min() >= 1.0 and blocks.max() <= 25.0
    assert 3.0 <= np.median(blocks) <= 12.0
    r195 = _areas_m2(z.geometry for z in _of_kind(zones, "region_195")) / KM2
    assert r195.min() >= 0.2 and r195.max() <= 3.0
    r198 = _areas_m2(z.geometry for z in _of_kind(zones, "region_198")) / KM2
    assert r198.min() >= 0.05 and r198.max() <= 1.0
    assert np.median(r198) < np.median(r195) < np.median(blocks)


def test_104_blocks_are_mostly_suburban_with_a_handful_in_chongming(zones) -> None:
    blocks = _of_kind(zones, "block_104")
    suburban = sum(z.district_code in SUBURBAN for z in blocks)
    assert suburban >= 0.9 * len(blocks)
    assert 1 <= sum(z.district_code == CHONGMING for z in blocks) <= 10


def test_195_regions_are_central_and_198_regions_outer(zones) -> None:
    r195 = [_distance_from_centre_m(z.geometry) for z in _of_kind(zones, "region_195")]
    r198 = [_distance_from_centre_m(z.geometry) for z in _of_kind(zones, "region_198")]
    assert max(r195) < 25_000
    assert min(r198) > 15_000


def test_development_zones_are_named_after_real_zones(zones) -> None:
    anchors = {a.name_zh: a for a in DEV_ZONE_ANCHORS}
    for zone in _of_kind(zones, "development_zone"):
        assert zone.name_zh in anchors
        assert zone.name_en == anchors[zone.name_zh].name_en
        assert zone.district_code == anchors[zone.name_zh].district_code
    names = {z.name_zh for z in _of_kind(zones, "development_zone")}
    assert {"漕河泾新兴技术开发区", "张江高科技园区", "上海化学工业经济技术开发区"} <= names


def test_zone_names_are_unique_and_follow_the_pattern(zones) -> None:
    assert len({z.name_zh for z in zones}) == len(zones)
    assert len({z.name_en for z in zones}) == len(zones)
    pattern_zh = re.compile(r"^104 产业区块 · \w+-\d{2}$")
    pattern_en = re.compile(r"^104 block · [\w' ]+-\d{2}$")
    for zone in _of_kind(zones, "block_104"):
        assert pattern_zh.match(zone.name_zh) and pattern_en.match(zone.name_en), zone.name_en
    assert "104 产业区块 · 闵行-03" in {z.name_zh for z in zones}
    assert "104 block · Minhang-03" in {z.name_en for z in zones}
    assert any(z.name_en.startswith("104 block · Pudong-") for z in zones)


def test_generate_zones_is_deterministic(districts, zones) -> None:
    again = generate_zones(districts, seed=ZONE_SEED)
    assert [(z.kind, z.name_zh, z.geometry.wkb) for z in again] == [
        (z.kind, z.name_zh, z.geometry.wkb) for z in zones]
    other = generate_zones(districts, seed=ZONE_SEED + 1)
    assert [z.geometry.wkb for z in other] != [z.geometry.wkb for z in zones]


def test_generate_zones_for_one_district_stays_in_it(districts) -> None:
    minhang = [d for d in districts if d[0] == MINHANG]
    zones = generate_zones(minhang, seed=3)
    assert {z.district_code for z in zones} == {MINHANG}
    assert len(_of_kind(zones, "block_104")) >= 5
    assert len(_of_kind(zones, "development_zone")) >= 3


# --- parcels --------------------------------------------------------------------------------------
def test_parcel_count_is_honoured_and_codes_are_unique(parcels) -> None:
    assert len(parcels) == PARCEL_COUNT
    codes = [p.code for p in parcels]
    assert len(set(codes)) == len(codes)
    for parcel in parcels:
        assert re.fullmatch(rf"SH-{parcel.district_code}-\d{{6}}", parcel.code), parcel.code


def test_parcels_are_valid_and_inside_their_district(parcels, district_by_code) -> None:
    geoms = np.array([p.geometry for p in parcels], dtype=object)
    assert all(isinstance(g, MultiPolygon) for g in geoms)
    assert shapely.is_valid(geoms).all() and not shapely.is_empty(geoms).any()
    for code in {p.district_code for p in parcels}:
        mine = np.array([p.geometry for p in parcels if p.district_code == code], dtype=object)
        assert shapely.covers(district_by_code[code].buffer(TOLERANCE_DEG), mine).all(), code


def test_parcels_never_overlap(parcels) -> None:
    assert _interior_overlaps([p.geometry for p in parcels]) == []


def test_parcel_sizes_look_like_industrial_land(parcels) -> None:
    areas_ha = _areas_m2(p.geometry for p in parcels) / HA
    assert areas_ha.min() >= 0.05
    assert 1.0 <= np.median(areas_ha) <= 3.0
    assert np.mean((areas_ha >= 0.2) & (areas_ha <= 20.0)) >= 0.85


def test_most_parcels_lie_inside_the_zone_they_name(parcels, zones) -> None:
    in_zones = [p for p in parcels if p.zone_index is not None]
    assert len(in_zones) / len(parcels) == pytest.approx(0.85, abs=0.01)
    for parcel in in_zones:
        assert zones[parcel.zone_index].geometry.covers(parcel.geometry), parcel.code
    # Scattered parcels lie outside every zone.
    zone_union = shapely.union_all([z.geometry for z in zones])
    scattered = np.array([p.geometry for p in parcels if p.zone_index is None], dtype=object)
    assert not shapely.relate_pattern(zone_union, scattered, "T********").any()


def test_bigger_zones_get_more_parcels(parcels, zones) -> None:
    per_zone = Counter(p.zone_index for p in parcels if p.zone_index is not None)
    kinds = Counter()
    for index, n in per_zone.items():
        kinds[zones[index].kind] += n
    assert kinds["block_104"] > kinds["region_195"] > kinds["other"]


def test_land_use_is_mostly_industrial(parcels) -> None:
    classes = Counter(p.land_use_class for p in parcels)
    assert set(classes) <= set(LAND_USE_CLASSES)
    total = len(parcels)
    industrial = sum(classes[c] for c in ("M1", "M2", "M3"))
    warehouse = sum(classes[c] for c in ("W1", "W2"))
    assert industrial / total >= 0.6
    assert 0.05 <= warehouse / total <= 0.3
    assert 0 < (total - industrial - warehouse) / total <= 0.2


def test_generate_parcels_is_deterministic(zones, districts, parcels) -> None:
    again = list(generate_parcels(zones, districts, PARCEL_COUNT, seed=PARCEL_SEED))
    assert [(p.code, p.land_use_class, p.zone_index, p.geometry.wkb) for p in again] == [
        (p.code, p.land_use_class, p.zone_index, p.geometry.wkb) for p in parcels]
    other = list(generate_parcels(zones, districts, PARCEL_COUNT, seed=PARCEL_SEED + 1))
    assert [p.geometry.wkb for p in other] != [p.geometry.wkb for p in parcels]


def test_dense_request_shrinks_parcels_but_keeps_every_invariant(zones, districts,
                                                                 district_by_code) -> None:
    pudong = [d for d in districts if d[0] == PUDONG]
    pudong_zones = [z for z in zones if z.district_code == PUDONG]
    dense = list(generate_parcels(pudong_zones, pudong, 20_000, seed=11))
    assert len(dense) == 20_000 and len({p.code for p in dense}) == 20_000
    geoms = np.array([p.geometry for p in dense], dtype=object)
    assert (_areas_m2(geoms) >= 0.05 * HA).all()
    assert shapely.covers(district_by_code[PUDONG].buffer(TOLERANCE_DEG), geoms).all()
    assert _interior_overlaps(list(geoms)) == []


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(count=st.integers(0, 400), seed=st.integers(0, 2**32 - 1))
def test_any_small_request_gives_exactly_count_disjoint_parcels(districts, count: int,
                                                                seed: int) -> None:
    minhang = [d for d in districts if d[0] == MINHANG]
    zones = generate_zones(minhang, seed=seed)
    result = list(generate_parcels(zones, minhang, count, seed=seed))
    assert len(result) == count
    assert len({p.code for p in result}) == count
    geoms = [p.geometry for p in result]
    assert all(g.is_valid for g in geoms)
    assert shapely.covers(minhang[0][3].buffer(TOLERANCE_DEG), np.asarray(geoms, dtype=object)).all()
    if geoms:
        assert _interior_overlaps(geoms) == []


def test_zero_parcels_is_an_empty_iterator(zones, districts) -> None:
    assert list(generate_parcels(zones, districts, 0, seed=1)) == []


def test_rejects_a_negative_count(zones, districts) -> None:
    with pytest.raises(ValueError):
        list(generate_parcels(zones, districts, -1, seed=1))


def test_rejects_a_zone_in_an_unknown_district(zones, districts) -> None:
    minhang = [d for d in districts if d[0] == MINHANG]
    pudong_zone = next(z for z in zones if z.district_code == PUDONG)
    with pytest.raises(ValueError, match="unknown district"):
        list(generate_parcels([pudong_zone], minhang, 10, seed=1))


def test_rejects_more_parcels_than_the_territory_holds(districts) -> None:
    huangpu = [d for d in districts if d[0] == "310101"]
    with pytest.raises(ValueError, match="do not fit"):
        list(generate_parcels([], huangpu, 1_000_000, seed=1))


def test_bad_arguments_fail_at_call_time_not_on_first_iteration(districts) -> None:
    with pytest.raises(ValueError):
        generate_parcels([], districts, -5, seed=1)
    with pytest.raises(ValueError, match="no districts"):
        generate_parcels([], [], 10, seed=1)


def test_zone_spec_rejects_an_unknown_kind(zones) -> None:
    with pytest.raises(ValueError, match="unknown zone kind"):
        ZoneSpec("block_105", "x", "x", MINHANG, zones[0].geometry)
