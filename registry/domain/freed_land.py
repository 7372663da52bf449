"""The freed-land query (腾出土地查询): its filters, read from a query string, checked in full.

Freed land = live parcels (``valid_to`` empty) whose status is past ``in_use``: freed by a
completed structural-adjustment project, then planned for and redeveloped. Areas are given in
m², 亩 or ha and kept in m²; spatial filters (a drawn polygon, a radius around a point, the map
view) are kept as plain numbers and GeoJSON text — the geometry itself is checked at the edge.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from decimal import Decimal

from registry.domain.errors import N_, NOT_A_DISTRICT_CODE, Listed, UNKNOWN_VALUE
from registry.domain.fields import Errors
from registry.domain.land import M2_PER_HA, area_m2_from_mu, area_mu
from registry.domain.numbers import decimal_from
from registry.domain.query_args import Args, codes, number, one, values, whole_number, year
from registry.domain.vocabulary import LAND_USE_CLASSES, PARCEL_STATUSES, ZONE_KINDS
from registry.domain.years import YEARS

FREED_STATUSES = tuple(s for s in PARCEL_STATUSES if s != "in_use")
AREA_UNITS = {"m2": N_("m²"), "mu": N_("mu (亩)"), "ha": N_("ha")}
SORTABLE = ("code", "area_m2", "freed_on", "district_code", "land_use_class", "status", "zone_kind", "former_use")
MAX_LIMIT = 10000
DEFAULT_LIMIT = 200
MAX_RADIUS_KM = 100
MAX_POLYGON_CHARS = 200_000
SHANGHAI_LON = (120.0, 123.0)
SHANGHAI_LAT = (30.0, 32.5)
DISTRICT_CODE = re.compile(r"^[1-8][0-9]{5}$")


@dataclass(frozen=True)
class Radius:
    lon: float
    lat: float
    km: float


@dataclass(frozen=True)
class Scope:
    """The parcels a query ranges over — live ones of ``statuses``, among which its status filter
    picks — and how its list may be sorted: the freed land (``FREED``) or every parcel
    (``registry.domain.parcel_list``), one query and one SQL for both."""

    statuses: tuple[str, ...]
    sortable: tuple[str, ...]
    sort: str  # the default order
    descending: bool
    # What its land-use filter (``land_use``) reads: the use the land was freed with (原用途, which a
    # redevelopment's new use does not replace: freed land is looked for by what it was), or the
    # parcel's land use today (the parcel list, which holds parcels never freed).
    land_use_as_freed: bool = False


FREED = Scope(FREED_STATUSES, SORTABLE, "freed_on", False, land_use_as_freed=True)  # the oldest freed first


@dataclass(frozen=True)
class LandQuery:
    """Every filter of the freed-land query (and of the parcel list, ``scope``); empty tuples and
    ``None`` mean 'any'."""

    district_codes: tuple[str, ...] = ()
    zone_kinds: tuple[str, ...] = ()
    year_from: int | None = None
    year_to: int | None = None
    area_min_m2: Decimal | None = None
    area_max_m2: Decimal | None = None
    land_use_classes: tuple[str, ...] = ()
    statuses: tuple[str, ...] = ()
    polygon_geojson: str | None = None  # EPSG:4326 Polygon/MultiPolygon, checked by the service
    radius: Radius | None = None
    bbox: tuple[float, float, float, float] | None = None  # minlon, minlat, maxlon, maxlat
    sort: str = "freed_on"
    descending: bool = True
    limit: int = DEFAULT_LIMIT
    offset: int = 0
    area_unit: str = "m2"  # how the user gave areas; echoed back in forms
    scope: Scope = FREED
    code_prefix: str | None = None  # as the search box reads it (domain/search.py); the parcel list's
    projects: str | None = None  # "with" / "without": tied to a project the reader may read, or to none

    @property
    def statuses_or_all(self) -> tuple[str, ...]:
        return self.statuses or self.scope.statuses

    def page(self, limit: int, offset: int = 0) -> "LandQuery":
        from dataclasses import replace

        return replace(self, limit=limit, offset=offset)


def to_m2(value: Decimal, unit: str) -> Decimal:
    """An area given in ``unit`` (m2, mu, ha) in m²."""
    if unit == "mu":
        return area_m2_from_mu(value)
    if unit == "ha":
        return value * M2_PER_HA
    return value


def _areas(errors: Errors, args: Args) -> tuple[Decimal | None, Decimal | None, str]:
    unit = one(args, "area_unit") or "m2"
    if unit not in AREA_UNITS:
        errors.add("area_unit", UNKNOWN_VALUE, value=unit[:20],
                   allowed=Listed(tuple(AREA_UNITS)))
        unit = "m2"
    bounds = []
    for name in ("area_min", "area_max"):
        value = number(errors, args, name)
        if value is not None and value < 0:
            errors.add(name, N_("must not be negative"))
            value = None
        bounds.append(to_m2(value, unit) if value is not None else None)
    low, high = bounds
    if low is not None and high is not None and low > high:
        errors.add("area_max", N_("must not be smaller than the minimum"))
    return low, high, unit


def _float_in(errors: Errors, name: str, text: str, low: float, high: float) -> float | None:
    value = errors.capture(decimal_from, text, name)
    if value is None:
        return None
    if not low <= value <= high:
        errors.add(name, N_("must be between %(low)s and %(high)s"), low=low, high=high)
        return None
    return float(value)


def _radius(errors: Errors, args: Args) -> Radius | None:
    given = [one(args, n) for n in ("lon", "lat", "radius_km")]
    if not any(given):
        return None
    if not all(given):
        errors.add("radius_km", N_("give longitude, latitude and radius together"))
        return None
    lon = _float_in(errors, "lon", given[0], *SHANGHAI_LON)
    lat = _float_in(errors, "lat", given[1], *SHANGHAI_LAT)
    km = _float_in(errors, "radius_km", given[2], 0.0, MAX_RADIUS_KM)
    if None in (lon, lat, km):
        return None
    return Radius(lon, lat, km)


def parse_bbox(errors: Errors, text: str | None, name: str = "bbox") -> tuple[float, float, float, float] | None:
    """``minlon,minlat,maxlon,maxlat`` (degrees) or ``None``; problems go to ``errors``."""
    if text is None:
        return None
    parts = [p.strip() for p in text.split(",")]
    if len(parts) != 4:
        errors.add(name, N_("must be four numbers: min longitude, min latitude, max longitude, max latitude"))
        return None
    values = [_float_in(errors, name, p, -180.0, 180.0) for p in parts]
    if None in values:
        return None
    minx, miny, maxx, maxy = values
    if minx > maxx or miny > maxy or abs(miny) > 90 or abs(maxy) > 90:
        errors.add(name, N_("must be four numbers: min longitude, min latitude, max longitude, max latitude"))
        return None
    return minx, miny, maxx, maxy


def _polygon(errors: Errors, args: Args) -> str | None:
    text = one(args, "polygon")
    if text is None:
        return None
    if len(text) > MAX_POLYGON_CHARS:
        errors.add("polygon", N_("is too large (at most %(n)s characters)"), n=MAX_POLYGON_CHARS)
        return None
    try:
        document = json.loads(text)
    except ValueError:
        errors.add("polygon", N_("must be a GeoJSON polygon"))
        return None
    if isinstance(document, dict) and document.get("type") == "Feature":
        document = document.get("geometry")
    if not isinstance(document, dict) or document.get("type") not in ("Polygon", "MultiPolygon"):
        errors.add("polygon", N_("must be a GeoJSON polygon"))
        return None
    return json.dumps(document)


# Every parameter ``read_land_query`` reads (tests/unit/test_cli_filter_errors.py holds the two
# together): the page passes over any other, as a URL carries more than its query; the command line
# refuses them, where an unknown name is a misspelt filter that would export every parcel.
LAND_QUERY_PARAMETERS = ("district", "year_from", "year_to", "area_unit", "area_min", "area_max", "sort",
                         "order", "zone_kind", "land_use", "status", "polygon", "lon", "lat", "radius_km",
                         "bbox", "limit", "offset")


def parse_land_query(args: Args) -> LandQuery:
    """The query a form or URL asks for; ``ValidationError`` naming every bad parameter."""
    errors = Errors()
    query = read_land_query(errors, args, FREED)
    errors.raise_if_any()
    return query


def read_land_query(errors: Errors, args: Args, scope: Scope, page_size: int = DEFAULT_LIMIT) -> LandQuery:
    """The query of ``args`` over ``scope``'s parcels, its problems recorded in ``errors``; ``page_size``
    rows a page unless ``limit`` says (the API's 200, the freed land's page the parcel list's 50)."""
    districts = tuple(dict.fromkeys(values(args, "district")))
    for code in districts:
        if not DISTRICT_CODE.match(code):
            errors.add("district", NOT_A_DISTRICT_CODE, value=code[:40])
    year_from = year(errors, args, "year_from", *YEARS)
    year_to = year(errors, args, "year_to", *YEARS)
    if year_from is not None and year_to is not None and year_from > year_to:
        errors.add("year_to", N_("must not be before the first year"))
    area_min, area_max, unit = _areas(errors, args)
    sort = one(args, "sort")
    descending = sort.startswith("-") if sort else scope.descending
    sort = (sort or scope.sort).lstrip("-")
    if sort not in scope.sortable:
        errors.add("sort", UNKNOWN_VALUE, value=sort[:40],
                   allowed=Listed(scope.sortable))
        sort = scope.sort
    order = one(args, "order")
    if order in ("asc", "desc"):
        descending = order == "desc"
    elif order is not None:  # passed over unsaid, the list in its own order
        errors.add("order", UNKNOWN_VALUE, value=order[:40],
                   allowed=Listed(("asc", "desc")))
    return LandQuery(
        district_codes=districts,
        zone_kinds=codes(errors, args, "zone_kind", ZONE_KINDS),
        year_from=year_from, year_to=year_to, area_min_m2=area_min, area_max_m2=area_max,
        land_use_classes=codes(errors, args, "land_use", LAND_USE_CLASSES),
        statuses=codes(errors, args, "status", {s: PARCEL_STATUSES[s] for s in scope.statuses}),
        polygon_geojson=_polygon(errors, args),
        radius=_radius(errors, args),
        bbox=parse_bbox(errors, one(args, "bbox")),
        sort=sort, descending=descending,
        limit=whole_number(errors, args, "limit", 1, MAX_LIMIT) or page_size,
        offset=whole_number(errors, args, "offset", 0, 10**8) or 0,
        area_unit=unit, scope=scope,
    )


NAMED_DISTRICTS = 3  # a download names at most this many districts' codes, more by their number


def download_stem(base: str, query: LandQuery) -> str:
    """``freed-land-310115-2015-2020``: ``base`` and what sets the download apart from the day's
    others — its districts' codes (``4-districts`` past three), its completion years (``2018``,
    ``from-2018``, ``to-2020``) and ``filtered`` when any other filter narrows it. ASCII, as every
    download's name (the rollup's, the land output's): any client keeps it."""
    parts = [base]
    codes = sorted(set(query.district_codes))
    if len(codes) > NAMED_DISTRICTS:
        parts.append(f"{len(codes)}-districts")
    else:
        parts += codes
    first, last = query.year_from, query.year_to
    if first is not None and first == last:
        parts.append(str(first))
    elif first is not None or last is not None:
        parts.append(f"{first}-{last}" if first is not None and last is not None
                     else f"from-{first}" if first is not None else f"to-{last}")
    narrowed = (query.zone_kinds, query.area_min_m2, query.area_max_m2, query.land_use_classes, query.statuses,
                query.polygon_geojson, query.radius, query.bbox, query.code_prefix, query.projects)
    if any(value not in (None, (), "") for value in narrowed):
        parts.append("filtered")
    return "-".join(parts)


@dataclass(frozen=True)
class Totals:
    """Count and area of a set of parcels, in every unit a planner reads."""

    count: int
    area_m2: Decimal
    area_mu: Decimal = field(init=False)
    area_ha: Decimal = field(init=False)
    area_km2: Decimal = field(init=False)

    def __post_init__(self) -> None:
        area = Decimal(self.area_m2)
        object.__setattr__(self, "area_mu", area_mu(area))
        object.__setattr__(self, "area_ha", area / 10000)
        object.__setattr__(self, "area_km2", area / 1000000)
