"""geo.synth: where the industrial parcels lie and how large they are, by district and by region.

Chongming (崇明, an ecological island with a handful of the 104 blocks) held the second most industrial
parcels of the city: the scattered parcels and the 198 regions were shared out by territory, and its
outline (tidal flats and water included) is the second largest. Every plot was drawn at a 2 ha median,
so the small workshops outside the blocks (198 regions, village industry) were as large as the
development zones' plants."""
from __future__ import annotations

from collections import Counter

import numpy as np

from tests.unit.synth.measures import areas_m2

CHONGMING, PUDONG = "310151", "310115"
INDUSTRIAL_SUBURBS = ("310112", "310113", "310114", "310116", "310117", "310118", "310120")  # 闵行 … 奉贤
HA = 1e4


def industrial(parcels):
    return [p for p in parcels if p.land_use_class[0] in "MW"]


def test_chongming_holds_few_industrial_parcels(parcels) -> None:
    by_district = Counter(p.district_code for p in industrial(parcels))
    # about its share of the 104 blocks (5 of 104, geo/synth/catalogue.py); it had held 11–12 %
    assert by_district[CHONGMING] / by_district.total() <= 0.06, by_district
    assert all(by_district[CHONGMING] < by_district[code] for code in (PUDONG, *INDUSTRIAL_SUBURBS)), by_district


def test_chongming_holds_few_198_regions(zones) -> None:
    regions = Counter(z.district_code for z in zones if z.kind == "region_198")
    assert regions[CHONGMING] / regions.total() <= 0.08, regions


def test_plots_outside_the_blocks_are_workshops_inside_them_plants(parcels, zones) -> None:
    def kind(p) -> str:
        return "scattered" if p.zone_index is None else zones[p.zone_index].kind

    areas = areas_m2(p.geometry for p in parcels) / HA
    kinds = np.array([kind(p) for p in parcels])
    median = {k: float(np.median(areas[kinds == k])) for k in set(kinds)}
    assert median["region_198"] <= 0.6 and median["scattered"] <= 0.6, median
    assert median["development_zone"] > median["block_104"] > median["region_195"] > median["region_198"], median
    # the small plots are many: a region holds as many as its land at their size
    assert np.mean(np.isin(kinds, ["region_198", "scattered"])) >= 0.3
