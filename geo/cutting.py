"""Cutting a parcel along a line a planner draws across it on the map (a split without typing
the parts): pure shapely, in the storage CRS (lon/lat), where a parcel's edges are straight too."""
from __future__ import annotations

from shapely.geometry import LineString, MultiLineString, Polygon
from shapely.geometry.base import BaseGeometry
from shapely.ops import split

from geo.geometry import polygonal_parts


def cut_along(area: BaseGeometry, line: LineString | MultiLineString) -> list[Polygon]:
    """The pieces ``line`` cuts ``area`` into. Each polygon of the area is cut on its own, so a
    polygon the line misses stays whole; a line that ends inside the area cuts nothing there."""
    return [piece for part in polygonal_parts(area) for piece in polygonal_parts(split(part, line))]


def cuts_something(area: BaseGeometry, pieces: list[Polygon]) -> bool:
    """Whether cutting made more pieces than ``area`` had polygons: a line that does not cross
    the area from outside to outside again leaves it as it was."""
    return len(pieces) > len(polygonal_parts(area))
