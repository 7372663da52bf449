"""Query parameters of OGC API – Features: limit, offset, bbox (+ bbox-crs), datetime, crs, f.

Bad values are a ``InvalidParameter`` (HTTP 400, as Part 1 requires), naming the parameter.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime
from typing import Mapping, Sequence

from registry.domain.days import missing_day
from registry.domain.errors import N_, RegistryError
from registry.domain.fields import Errors
from registry.domain.freed_land import parse_bbox
from registry.domain.errors import ValidationError

CRS84 = "http://www.opengis.net/def/crs/OGC/1.3/CRS84"
EPSG_4326 = "http://www.opengis.net/def/crs/EPSG/0/4326"
EPSG_4490 = "http://www.opengis.net/def/crs/EPSG/0/4490"
# CRS84 is lon/lat; the EPSG geographic CRSs are lat/lon by definition (their axis order).
SUPPORTED_CRS = {CRS84: False, EPSG_4326: True, EPSG_4490: True}
DEFAULT_LIMIT = 10
MAX_LIMIT = 10000
ITEMS_PARAMS = {"limit", "offset", "bbox", "bbox-crs", "datetime", "crs", "f", "lang"}
JSON_FORMATS = {"json", "geojson", "application/json", "application/geo+json"}


class InvalidParameter(RegistryError):
    """A query parameter the API does not accept (mapped to 400 Bad Request)."""


@dataclass(frozen=True)
class ItemsParams:
    limit: int
    offset: int
    bbox: tuple[float, float, float, float] | None  # lon/lat, whatever bbox-crs said
    interval: tuple[date | None, date | None] | None
    crs: str
    equals: tuple[tuple[str, str | int], ...]

    @property
    def flip_axes(self) -> bool:
        return SUPPORTED_CRS[self.crs]


Args = Mapping[str, Sequence[str]]


def _first(args: Args, name: str) -> str | None:
    values = args.get(name) or ()
    return values[0] if values else None


def check_format(args: Args) -> None:
    f = _first(args, "f")
    if f is not None and f.lower() not in JSON_FORMATS:
        raise InvalidParameter(N_("Parameter %(name)s: unsupported value “%(value)s” (json or html)."), name="f", value=f[:40])


def _int(args: Args, name: str, default: int, low: int, high: int | None) -> int:
    raw = _first(args, name)
    if raw is None:
        return default
    if not re.fullmatch(r"[0-9]{1,12}", raw.strip()):
        raise InvalidParameter(N_("Parameter %(name)s must be a whole number, got “%(value)s”."), name=name,
                               value=raw[:40])
    value = int(raw)
    if value < low:
        raise InvalidParameter(N_("Parameter %(name)s must be at least %(low)s."), name=name, low=low)
    return min(value, high) if high is not None else value  # Part 1: a too-large limit is capped


def _crs(args: Args, name: str) -> str:
    value = (_first(args, name) or CRS84).strip()
    if value not in SUPPORTED_CRS:
        raise InvalidParameter(N_("Parameter %(name)s: unsupported CRS “%(value)s”."), name=name, value=value[:120])
    return value


def _bbox(args: Args) -> tuple[float, float, float, float] | None:
    raw = _first(args, "bbox")
    if raw is None:
        return None
    parts = raw.split(",")
    if len(parts) == 6:  # 3D bbox: the heights are ignored
        parts = [parts[0], parts[1], parts[3], parts[4]]
    bbox_crs = _crs(args, "bbox-crs")
    if SUPPORTED_CRS[bbox_crs] and len(parts) == 4:  # lat,lon order → lon,lat
        parts = [parts[1], parts[0], parts[3], parts[2]]
    errors = Errors()
    box = parse_bbox(errors, ",".join(parts))
    if errors:
        raise InvalidParameter(N_("Parameter %(name)s must be four numbers: min x, min y, max x, max y; got "
                                  "“%(value)s”."), name="bbox", value=raw[:80])
    return box


# How GIS clients write the bounds of a date field's comparison, which they send as ``datetime``:
# GDAL a day with no time after its "T" (freed_on >= '2016-01-01' → 2016-01-01T/..), QGIS a
# one-sided comparison bounded by year 0 or 9999 (0000-01-01T00:00:00Z/2016-12-31T00:00:00Z).
DATETIME = N_("Parameter %(name)s must be an RFC 3339 date-time or interval, got “%(value)s”.")
_DAY_WITHOUT_TIME = re.compile(r"(\d{4}-\d{2}-\d{2})T")
_OPEN_START = "0000-"


def _instant(text: str) -> date | None:
    text = text.strip()
    if text in ("..", "") or text.startswith(_OPEN_START):
        return None  # open; year 0 (QGIS's open start) is no day of the calendar
    if (day := _DAY_WITHOUT_TIME.fullmatch(text)) is not None:
        text = day.group(1)
    try:
        if "T" in text:
            return datetime.fromisoformat(text.replace("Z", "+00:00")).date()
        return date.fromisoformat(text)
    except ValueError:
        if (missing := missing_day(text)) is not None:  # 2017-02-30: its day, not its format, is wrong
            raise InvalidParameter(N_("Parameter %(name)s: %(problem)s."), name="datetime", problem=missing) from None
        raise InvalidParameter(DATETIME, name="datetime", value=text[:80])


def _interval(args: Args) -> tuple[date | None, date | None] | None:
    raw = _first(args, "datetime")
    if raw is None:
        return None
    if "/" in raw:
        start, _, end = raw.partition("/")
        low, high = _instant(start), _instant(end)
        if low and high and low > high:
            raise InvalidParameter(DATETIME, name="datetime", value=raw[:80])
        return low, high
    day = _instant(raw)
    return day, day


def _equals(args: Args, queryables: Mapping[str, tuple[str, str]]) -> tuple[tuple[str, str | int], ...]:
    result = []
    for name, (_sql, kind) in queryables.items():
        raw = _first(args, name)
        if raw is None:
            continue
        if kind == "integer":
            if not re.fullmatch(r"-?[0-9]{1,9}", raw.strip()):
                raise InvalidParameter(N_("Parameter %(name)s must be a whole number, got “%(value)s”."), name=name,
                               value=raw[:40])
            result.append((name, int(raw)))
        else:
            result.append((name, raw[:200]))
    return tuple(result)


def items_params(args: Args, queryables: Mapping[str, tuple[str, str]]) -> ItemsParams:
    """The parameters of ``/items``; unknown parameters are refused (Part 1, /req/core/query-param-unknown)."""
    unknown = sorted(set(args) - ITEMS_PARAMS - set(queryables))
    if unknown:
        raise InvalidParameter(N_("Unknown query parameter %(name)s."), name=unknown[0][:60])
    for name, values in args.items():
        if any("\x00" in value for value in values):  # PostgreSQL text cannot hold NUL
            raise InvalidParameter(N_("Parameter %(name)s must not contain the NUL character."), name=name[:60])
    check_format(args)
    _crs(args, "bbox-crs")
    try:
        return ItemsParams(
            limit=_int(args, "limit", DEFAULT_LIMIT, 1, MAX_LIMIT), offset=_int(args, "offset", 0, 0, None),
            bbox=_bbox(args), interval=_interval(args), crs=_crs(args, "crs"), equals=_equals(args, queryables),
        )
    except ValidationError as error:  # from shared parsers: still a bad parameter here
        raise InvalidParameter(N_("%(field)s: %(problem)s"), field=error.field_errors[0].field,
                               problem=error.field_errors[0].render())


def item_crs(args: Args) -> str:
    check_format(args)
    return _crs(args, "crs")
