"""geo.synth: illustrative parcels in the generated zones (the zones: test_zones.py)."""
from __future__ import annotations

import re
from collections import Counter

import numpy as np
import pytest
import shapely
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from shapely.geometry import MultiPolygon

from geo.synth import LAND_USE_CLASSES, ZoneSpec, generate_parcels, generate_zones
from tests.unit.synth.measures import MINHANG, PARCEL_COUNT, PARCEL_SEED, TOLERANCE_DEG, areas_m2, interior_overlaps

PUDONG = "310115"
HA = 1e4


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
    assert interior_overlaps([p.geometry for p in parcels]) == []


def test_parcel_sizes_look_like_industrial_land(parcels) -> None:
    areas_ha = areas_m2(p.geometry for p in parcels) / HA
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
    assert (areas_m2(geoms) >= 0.05 * HA).all()
    assert shapely.covers(district_by_code[PUDONG].buffer(TOLERANCE_DEG), geoms).all()
    assert interior_overlaps(list(geoms)) == []


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
        assert interior_overlaps(geoms) == []


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
