"""The freed-land style's classes of a district's freed area tell apart the totals districts have:
the demo's 0.004–0.35 km² and a real district's few km² over the programme's years."""
from __future__ import annotations

from registry.services.tile_documents import style


def _matches(condition: list, properties: dict) -> bool:
    op, *args = condition
    if op == "all":
        return all(_matches(part, properties) for part in args)
    field, bound = args
    return {">=": properties[field] >= bound, "<": properties[field] < bound, "==": properties[field] == bound}[op]


def _class_of(freed_m2: float) -> list[str]:
    layers = style("freed", "http://localhost/tiles/freed/{z}/{x}/{y}.mvt", lambda s: s, True)["layers"]
    return [layer["id"] for layer in layers
            if layer["source-layer"] == "freed_district" and layer["type"] == "fill"
            and _matches(layer["filter"], {"freed_m2": freed_m2})]


def test_each_district_total_falls_in_one_class_and_the_demos_spread_over_several():
    # 2 ha, 10 ha and 35 ha freed (the demo's districts) and 3 km² (a suburban district's real total):
    # with classes from 2 km² up all four fell in the first
    found = [_class_of(m2) for m2 in (0.004e6, 0.1e6, 0.35e6, 3e6)]
    assert all(len(classes) == 1 for classes in found), found
    assert len({classes[0] for classes in found}) == 4, found


def test_no_total_falls_between_the_classes():
    for m2 in (0.0, 1.0, 19_999.9, 2e4, 2e5, 2e6, 5e7):
        assert len(_class_of(m2)) == 1, m2
