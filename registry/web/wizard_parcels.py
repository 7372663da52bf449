"""The chosen parcels a wizard opens with (an edited project's, a posted form's, a similar
project's): what its map draws and its review step lists — code, outline and area."""
from __future__ import annotations

import json
from typing import Any, Iterable


def chosen_parcels_json(parcels: Iterable[Any]) -> str:
    """``[{id, code, area_m2, geometry}]`` of parcels with ``id``, ``code``, ``area_m2`` and
    ``geometry_geojson``: the review step shows each code with its area before a save."""
    return json.dumps([{"id": p.id, "code": p.code, "area_m2": float(p.area_m2),
                        "geometry": json.loads(p.geometry_geojson)} for p in parcels], ensure_ascii=False)
