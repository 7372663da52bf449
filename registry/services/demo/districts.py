"""The 16 real district boundaries shipped with the product (geo/data, see its README)."""
from __future__ import annotations

import json
from importlib import resources

from shapely.geometry import shape

from registry.services.records import DistrictRecord

DISTRICTS_FILE = "shanghai_districts_wgs84.geojson"


def shipped_districts() -> list[DistrictRecord]:
    text = resources.files("geo").joinpath("data", DISTRICTS_FILE).read_text(encoding="utf-8")
    return [
        DistrictRecord(str(f["properties"]["adcode"]), f["properties"]["name"], f["properties"]["name_en"],
                       shape(f["geometry"]))
        for f in json.loads(text)["features"]
    ]
