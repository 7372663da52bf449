"""The demo's projects take their parcels over every kind of zone, so its freed land (腾出土地) lies
in 104 blocks, 195 and 198 regions, development zones and outside zones alike: a planner trying the
freed-land filter by zone kind on the demo finds parcels for each."""
from __future__ import annotations

from collections import Counter
from datetime import date

from geo.synth import generate_parcels, generate_zones
from registry.services.demo import DEFAULT_PARCELS, DEFAULT_SEED, build_demo_dataset
from registry.services.demo.districts import shipped_districts


def test_the_default_demo_frees_parcels_in_every_zone_kind_and_198_regions_in_their_share():
    districts = [(d.code, d.name_zh, d.name_en, d.geometry) for d in shipped_districts()]
    zones = generate_zones(districts, seed=DEFAULT_SEED)
    specs = {p.code: p for p in generate_parcels(zones, districts, DEFAULT_PARCELS, seed=DEFAULT_SEED)}

    def kind(code: str) -> str:
        index = specs[code].zone_index
        return "other" if index is None else zones[index].kind  # no zone: 'other', as the database has it

    freed = Counter(kind(code) for p in build_demo_dataset(today=date(2026, 12, 5)).projects
                    if p.kind == "structural_adjustment" and p.status in ("completed", "verified")
                    for code in p.parcel_codes)
    industrial = Counter(kind(p.code) for p in specs.values() if p.land_use_class.startswith(("M", "W")))
    assert set(freed) == set(industrial) == {"development_zone", "block_104", "region_195", "region_198", "other"}
    # taken in each district's proportion, a 198 region frees about its share of the industrial land
    share_198 = industrial["region_198"] / industrial.total()
    assert freed["region_198"] >= share_198 * freed.total() / 2, (freed, industrial)
