"""geo.synth: illustrative zones inside the real district outlines (their parcels: test_parcels.py)."""
from __future__ import annotations

import re
from collections import Counter

import numpy as np
import shapely
from pyproj import Geod
from shapely.geometry import MultiPolygon

from geo.synth import ZONE_KINDS, ZoneSpec, generate_zones
from geo.synth.catalogue import CITY_CENTRE_LON_LAT, DEV_ZONE_ANCHORS
from tests.unit.synth.measures import MINHANG, TOLERANCE_DEG, ZONE_SEED, areas_m2, interior_overlaps

SUBURBAN = {"310112", "310113", "310114", "310115", "310116", "310117", "310118", "310120"}
CHONGMING = "310151"
WGS84_GEOD = Geod(ellps="WGS84")
KM2 = 1e6


def _of_kind(zones: list[ZoneSpec], kind: str) -> list[ZoneSpec]:
    return [z for z in zones if z.kind == kind]


def _distance_from_centre_m(geom) -> float:
    point = geom.representative_point()
    _, _, distance = WGS84_GEOD.inv(*CITY_CENTRE_LON_LAT, point.x, point.y)
    return float(distance)


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
    assert interior_overlaps([z.geometry for z in exclusive]) == []


def test_development_zones_do_not_overlap_each_other_and_sit_inside_a_104_block(zones) -> None:
    dev = _of_kind(zones, "development_zone")
    assert interior_overlaps([z.geometry for z in dev]) == []
    blocks = _of_kind(zones, "block_104")
    for zone in dev:
        enclosing = [b for b in blocks if b.geometry.intersects(zone.geometry)]
        covered = shapely.union_all([b.geometry for b in enclosing]).intersection(zone.geometry)
        assert covered.area >= 0.999 * zone.geometry.area, zone.name_en


def test_zone_sizes_are_plausible(zones) -> None:
    blocks = areas_m2(z.geometry for z in _of_kind(zones, "block_104")) / KM2
    assert blocks.min() >= 1.0 and blocks.max() <= 25.0
    assert 3.0 <= np.median(blocks) <= 12.0
    r195 = areas_m2(z.geometry for z in _of_kind(zones, "region_195")) / KM2
    assert r195.min() >= 0.2 and r195.max() <= 3.0
    r198 = areas_m2(z.geometry for z in _of_kind(zones, "region_198")) / KM2
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
