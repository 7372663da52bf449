"""Checking a drawn or uploaded parcel geometry before it is stored (the server decides;
the browser only helps): validity with an offered repair, the user's district, overlaps
with active parcels, a plausible geodesic area, shown in m², 亩 and ha."""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, Callable, Mapping

from shapely import to_wkb
from shapely.geometry import mapping, shape
from shapely.geometry.base import BaseGeometry

from geo import queries
from geo.geometry import (as_multipolygon, coordinates_2d, coordinates_finite, coordinates_in_range, explain_invalid,
                          fewest_shell_points, gcj02_to_wgs84, geodesic_area_m2, looks_swapped, repair)
from registry.domain.errors import N_, FieldError, InvalidGeometry, Listed, NotFound, ValidationError
from registry.domain.geometry_reasons import invalid_reason_message
from registry.domain.land import MAX_PARCEL_M2, MIN_PARCEL_M2, area_ha, area_mu
from registry.domain.permissions import Actor, require_own_district

# Overlaps smaller than this are digitising noise along shared edges, not a conflict.
OVERLAP_TOLERANCE_M2 = 10.0


@dataclass(frozen=True)
class Overlap:
    parcel_id: int
    code: str
    overlap_m2: float
    geometry_geojson: str


@dataclass(frozen=True)
class GeometryCheck:
    """What the server found; ``ok`` means it may be stored (overlaps still need a reason)."""

    ok: bool
    geometry: dict[str, Any] | None  # the geometry as it would be stored (WGS84 GeoJSON)
    area_m2: float | None = None
    area_mu: float | None = None
    area_ha: float | None = None
    problem: str | None = None  # msgid-rendered reason when not ok
    invalid_reason: str | None = None  # GEOS's explanation of an invalid geometry (English, with a location)
    repaired: dict[str, Any] | None = None  # offered for the user's confirmation, never stored silently
    overlaps: list[Overlap] = field(default_factory=list)

    def to_dict(self, translate: Callable[[str], str]) -> dict[str, Any]:
        """The check for a client, its messages in the user's language, overlaps with GeoJSON."""
        return {
            "ok": self.ok, "geometry": self.geometry, "area_m2": self.area_m2, "area_mu": self.area_mu,
            "area_ha": self.area_ha, "problem": translate(self.problem) if self.problem else None,
            "invalid_reason": invalid_reason_message(self.invalid_reason).render(translate) if self.invalid_reason else None,
            "repaired": self.repaired,
            "overlaps": [vars(o) | {"geometry": json.loads(o.geometry_geojson)} for o in self.overlaps],
        }


def parse_geometry(value: Any, field_name: str = "geometry") -> BaseGeometry:
    """GeoJSON (object or text) → shapely, or ValidationError naming the field."""
    try:
        if isinstance(value, str):
            value = json.loads(value)
        if isinstance(value, Mapping) and value.get("type") == "Feature":
            value = value.get("geometry")
        if isinstance(value, Mapping) and "coordinates" in value:
            # Z (and M) are dropped here, for the check and the save alike: parcels are stored in 2D.
            value = {**value, "coordinates": coordinates_2d(value["coordinates"])}
        geom = shape(value)
    except Exception:  # malformed GeoJSON raises assorted types inside shapely
        raise InvalidGeometry.single(field_name, N_("is not a readable GeoJSON polygon"))
    if geom.is_empty or geom.geom_type not in ("Polygon", "MultiPolygon"):
        raise InvalidGeometry.single(field_name, N_("must be a polygon or multipolygon, got “%(type)s”"),
                                     type=geom.geom_type)
    return geom


def check_geometry(session, actor: Actor, district_code: str, geometry: BaseGeometry, gcj02: bool = False,
                   exclude_parcel_ids=(), field_name: str = "geometry") -> GeometryCheck:
    """Validate ``geometry`` (EPSG:4326, or GCJ-02 when ``gcj02``) for a parcel in ``district_code``.

    Raises InvalidGeometry naming ``field_name`` when there is nothing to check or repair (coordinates
    that are not numbers, a polygon without area); every other finding is in the returned check.
    """
    require_own_district(actor, district_code)
    if not coordinates_finite(geometry):
        raise InvalidGeometry.single(field_name, N_("every coordinate must be a finite number"))
    if looks_swapped(geometry):
        return GeometryCheck(False, mapping(geometry), problem=SWAPPED)
    if not coordinates_in_range(geometry):
        return GeometryCheck(False, mapping(geometry), problem=N_(
            "The coordinates are not longitude (-180 to 180) and latitude (-90 to 90) in WGS84 (EPSG:4326)."))
    if gcj02:
        geometry = gcj02_to_wgs84(geometry)
    reason = explain_invalid(geometry)
    try:
        fixed = repair(geometry) if reason else None
        multi = as_multipolygon(geometry) if not reason else None
    except ValueError:  # nothing with an area is left: there is no repair to offer
        raise _no_area(geometry, field_name) from None
    if reason:
        return GeometryCheck(False, mapping(geometry), problem=N_("The polygon is invalid."),
                             invalid_reason=reason, repaired=mapping(fixed) if not fixed.is_empty else None)
    area = geodesic_area_m2(multi)
    sizes = dict(area_m2=area, area_mu=float(area_mu(Decimal(str(area)))), area_ha=float(area_ha(Decimal(str(area)))))
    if not MIN_PARCEL_M2 <= area <= MAX_PARCEL_M2:
        return GeometryCheck(False, mapping(multi), problem=N_("The area is implausible: parcels are 10 m² to 50 km²."),
                             **sizes)
    wkb = to_wkb(multi)
    covered = queries.district_covers(session, district_code, wkb)
    if covered is None:
        raise NotFound(N_("no district with code %(code)s"), code=district_code)
    if not covered:
        return GeometryCheck(False, mapping(multi), problem=N_("The polygon lies outside your district."), **sizes)
    overlaps = [Overlap(*row) for row in queries.overlapping_parcels(session, wkb, OVERLAP_TOLERANCE_M2, exclude_parcel_ids)]
    return GeometryCheck(True, mapping(multi), overlaps=overlaps, **sizes)


SWAPPED = N_("The polygon lies outside Shanghai — are longitude and latitude swapped? GeoJSON gives longitude first.")


def _no_area(geometry: BaseGeometry, field_name: str) -> InvalidGeometry:
    if fewest_shell_points(geometry) < 3:
        return InvalidGeometry.single(field_name, N_("the polygon has no area: its ring has fewer than 3 distinct points"))
    return InvalidGeometry.single(field_name, N_("the polygon has no area: its points lie on one line"))


def require_storable(check: GeometryCheck, field_name: str, overlap_reason: str | None) -> None:
    """Raise unless the checked geometry may be stored (overlaps need a stated reason)."""
    if not check.ok:
        if check.invalid_reason:
            raise InvalidGeometry([FieldError(field_name, invalid_reason_message(check.invalid_reason))])
        raise InvalidGeometry.single(field_name, check.problem)
    reason = overlap_reason if isinstance(overlap_reason, str) else ""
    if check.overlaps and not reason.strip():
        raise ValidationError.single(
            field_name, N_("overlaps %(count)s existing parcel(s) (%(codes)s): confirm with a reason"),
            count=len(check.overlaps), codes=Listed(tuple(o.code for o in check.overlaps[:5])))
