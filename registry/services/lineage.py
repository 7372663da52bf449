"""Use cases: split a freed parcel, merge freed parcels — keeping lineage, end-dating parents.

Children inherit status, land-use class, freed date and the illustrative flag; their district
and zones are derived in SQL like every other parcel's. Parents get ``valid_to`` (today) and stay
in the registry (UK brownfield register: ``EndDate``, ``PreviouslyPartOf``).
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from typing import Any, Sequence

import shapely
from geoalchemy2.shape import from_shape, to_shape
from shapely.geometry import mapping, shape
from sqlalchemy.orm import Session

from geo import queries
from geo.cutting import cut_along, cuts_something
from geo.geometry import SRID_STORAGE, as_multipolygon, coordinates_finite, coordinates_in_range, explain_invalid, geodesic_area_m2
from registry import clock
from registry.domain.errors import N_, Conflict, FieldError, InvalidGeometry, Listed, Message, NotFound, ValidationError
from registry.domain.geometry_reasons import invalid_geometry_message
from registry.domain.land import MAX_PARCEL_M2, MIN_PARCEL_M2
from registry.domain.numbers import whole_number
from registry.domain.permissions import PLANNER, Actor, require_role
from registry.domain.redevelopment import check_splittable
from registry.models import Parcel
from registry.repositories import redevelopment as repo
from registry.services import audit

# Parts of a split must cover the parent to within 0.5 % of its area, and overlap each other
# by less than 0.1 % (digitising noise); anything else is a mistake, not a split.
COVER_TOLERANCE = 0.005
OVERLAP_TOLERANCE = 0.001
MAX_PARTS = 50


@dataclass(frozen=True)
class PlannedParcel:
    """A parcel a split or merge would make, as its preview shows it: the code it would get, its
    outline (a GeoJSON geometry, lon/lat) and its geodesic area in m² (as the stored parcel's)."""

    code: str
    geometry: dict
    area_m2: float


def _planned(code: str, geom) -> PlannedParcel:
    return PlannedParcel(code, mapping(as_multipolygon(geom)), geodesic_area_m2(geom))


def _invalid(field: str, msgid: str, **params: Any) -> InvalidGeometry:
    return InvalidGeometry([FieldError(field, Message(msgid, params))])


def _geojson_shape(value: Any):
    """A shapely geometry from a GeoJSON geometry or feature (a dict or its text); None if it is not one."""
    try:
        doc = json.loads(value) if isinstance(value, str) else value
        if isinstance(doc, dict) and doc.get("type") == "Feature":
            doc = doc.get("geometry")
        return shape(doc)
    except (ValueError, TypeError, KeyError, IndexError, AttributeError):
        return None


def read_parts(parts: Sequence[Any]) -> list:
    """Shapely polygons from GeoJSON geometries (dicts or text); InvalidGeometry naming the part."""
    if not isinstance(parts, (list, tuple)) or not 2 <= len(parts) <= MAX_PARTS:
        raise ValidationError.single("parts", N_("give between %(low)s and %(high)s parts"), low=2, high=MAX_PARTS)
    geoms = []
    for i, part in enumerate(parts):
        field = f"parts[{i}]"
        geom = _geojson_shape(part)
        if geom is None or geom.is_empty or geom.geom_type not in ("Polygon", "MultiPolygon"):
            raise _invalid(field, N_("must be a GeoJSON polygon"))
        reason = explain_invalid(geom)
        if reason:
            raise InvalidGeometry([FieldError(field, invalid_geometry_message(reason))])
        geoms.append(as_multipolygon(geom))
    return geoms


def _check_plausible_area(field: str, geom) -> None:
    """A split or merge makes parcels like any other: the rule and message of registration and import."""
    area = geodesic_area_m2(geom)
    if not MIN_PARCEL_M2 <= area <= MAX_PARCEL_M2:
        raise _invalid(field, N_("implausible area %(area).1f m² (allowed 10 m² to 50 km²)"), area=area)


def _check_partition(parent, parts: list) -> None:
    parent_m2 = geodesic_area_m2(parent)
    for i, part in enumerate(parts):
        outside = geodesic_area_m2(shapely.difference(part, parent))
        if outside > COVER_TOLERANCE * parent_m2:
            raise _invalid(f"parts[{i}]", N_("lies %(area).0f m² outside the parcel being split"), area=outside)
    overlap = sum(geodesic_area_m2(shapely.intersection(a, b)) for i, a in enumerate(parts) for b in parts[i + 1:])
    if overlap > OVERLAP_TOLERANCE * parent_m2:
        raise _invalid("parts", N_("the parts overlap by %(area).0f m²"), area=overlap)
    missing = geodesic_area_m2(shapely.difference(parent, shapely.union_all(parts)))
    if missing > COVER_TOLERANCE * parent_m2:
        raise _invalid("parts", N_("the parts leave %(area).0f m² of the parcel uncovered"), area=missing)
    for i, part in enumerate(parts):
        _check_plausible_area(f"parts[{i}]", part)


def _new_codes(session: Session, codes: list[str]) -> None:
    taken = repo.code_exists(session, codes)
    if taken:
        raise Conflict(N_("a parcel with code %(code)s exists already"), code=taken[0])


def _child(parent: Parcel, code: str, geom, today: date, freed_on: date | None) -> Parcel:
    return Parcel(code=code, geom=from_shape(geom, srid=SRID_STORAGE), land_use_class=parent.land_use_class,
                  status=parent.status, valid_from=today, freed_on=freed_on, is_illustrative=parent.is_illustrative)


def _finish(session: Session, children: list[Parcel], parents: list[Parcel], relation: str, today: date) -> list[int]:
    session.add_all(children)
    for parent in parents:
        parent.valid_to = today
    session.flush()
    repo.add_lineage(session, [{"parcel_id": c.id, "parent_id": p.id, "relation": relation}
                               for c in children for p in parents])
    queries.derive_parcel_locations(session, [c.id for c in children])
    return [c.id for c in children]


def split_parcel(session: Session, actor: Actor, parcel_id: int, parts: Sequence[Any],
                 today: date | None = None) -> list[int]:
    """Split a freed parcel into ``parts`` (GeoJSON polygons that partition it); the children's ids."""
    require_role(actor, PLANNER)
    return _split(session, actor, *_parts_given(session, parcel_id, parts, lock=True), today)


def split_parcel_along(session: Session, actor: Actor, parcel_id: int, line: Any,
                       today: date | None = None) -> list[int]:
    """Split a freed parcel along ``line`` (GeoJSON, drawn across it on the map): the pieces the line
    cuts it into are the parts, checked and stored by the same rule as ``split_parcel``'s."""
    require_role(actor, PLANNER)
    return _split(session, actor, *_parts_along(session, parcel_id, line, lock=True), today)


def preview_split(session: Session, actor: Actor, parcel_id: int, *, line: Any = None,
                  parts: Sequence[Any] | None = None) -> list[PlannedParcel]:
    """The parcels splitting ``parcel_id`` along ``line`` (when given) or into ``parts`` would make,
    refused with the very errors the split would raise; writes and locks nothing."""
    require_role(actor, PLANNER)
    parent, geoms = _parts_along(session, parcel_id, line, lock=False) if line is not None \
        else _parts_given(session, parcel_id, parts, lock=False)
    return [_planned(code, geom) for code, geom in zip(_checked_split(session, parent, geoms), geoms)]


def _parts_given(session: Session, parcel_id: int, parts: Sequence[Any], lock: bool) -> tuple[Parcel, list]:
    geoms = read_parts(parts)
    return _splittable_parcel(session, parcel_id, lock), geoms


def _parts_along(session: Session, parcel_id: int, line: Any, lock: bool) -> tuple[Parcel, list]:
    cut = read_cut_line(line)
    parent = _splittable_parcel(session, parcel_id, lock)
    area = to_shape(parent.geom)
    pieces = cut_along(area, cut)
    if not cuts_something(area, pieces):
        raise _invalid("line", N_("does not cut across the parcel: draw it from outside the parcel, across it, and out again"))
    return parent, read_parts([mapping(p) for p in pieces])


def _checked_split(session: Session, parent: Parcel, geoms: list) -> list[str]:
    """The one split rule, whatever gave the parts: they partition ``parent`` and each is a plausible
    parcel whose code is free; the children's codes."""
    _check_partition(to_shape(parent.geom), geoms)
    codes = [f"{parent.code}-{i + 1}" for i in range(len(geoms))]
    _new_codes(session, codes)
    return codes


def _split(session: Session, actor: Actor, parent: Parcel, geoms: list, today: date | None) -> list[int]:
    """Split the locked ``parent`` into ``geoms`` by the one rule: children, lineage, audit, commit."""
    today = today or clock.today()
    codes = _checked_split(session, parent, geoms)
    children = [_child(parent, code, g, today, parent.freed_on) for code, g in zip(codes, geoms)]
    ids = _finish(session, children, [parent], "split", today)
    audit.record(session, actor, "split", "parcel", parent.id, {"valid_to": None},
                 {"valid_to": today, "children": codes})
    session.commit()
    return ids


def read_cut_line(line: Any):
    """A shapely line from a GeoJSON LineString or MultiLineString (a dict or text); InvalidGeometry."""
    geom = _geojson_shape(line)
    if geom is None or geom.is_empty or geom.geom_type not in ("LineString", "MultiLineString"):
        raise _invalid("line", N_("must be a GeoJSON line drawn across the parcel"))
    if not (coordinates_finite(geom) and coordinates_in_range(geom)):
        raise _invalid("line", N_("has coordinates that are not longitude and latitude"))
    return geom


def _splittable_parcel(session: Session, parcel_id: int, lock: bool) -> Parcel:
    """The live freed parcel ``parcel_id`` (locked for the split, or read for its preview); NotFound,
    or Conflict when it cannot be split (``check_splittable``)."""
    found = (repo.parcels_for_update if lock else repo.parcels_by_ids)(session, [parcel_id]) \
        if 0 < parcel_id < 2 ** 63 else []
    parent = found[0] if found else None
    if parent is None:
        raise NotFound(N_("No parcel with id %(id)s."), id=parcel_id)
    check_splittable(parent.status, parent.valid_to)
    return parent


def parcels_named(session: Session, references: str, field: str = "with") -> list[int]:
    """The ids of the parcels a planner names in one text: codes as the pages show them (or ids),
    separated by commas (either width) or spaces. Unknown codes are named in one error."""
    tokens = [t for t in references.replace("，", ",").replace(",", " ").split() if t]
    codes = [t for t in tokens if whole_number(t) is None]
    found = repo.live_parcel_ids_by_code(session, codes) if codes else {}
    unknown = [c for c in codes if c not in found]
    if unknown:
        raise ValidationError.single(field, N_("no current parcel has the code %(codes)s"),
                                     codes=Listed(tuple(c[:40] for c in unknown[:5])))
    return [found[t] if t in found else whole_number(t) for t in tokens]


def merge_candidates(session: Session, parcel_id: int) -> list[repo.Neighbour]:
    """The parcels a planner may merge ``parcel_id`` with directly: live, freed, of its land use,
    touching it (the parcel page offers them on its map and as a list)."""
    return repo.mergeable_neighbours(session, parcel_id)


def merge_parcels(session: Session, actor: Actor, parcel_ids: Sequence[int], code: str | None = None,
                  today: date | None = None) -> int:
    """Merge adjoining freed parcels into one; the new parcel's id."""
    require_role(actor, PLANNER)
    today = today or clock.today()
    parents, union, new_code = _checked_merge(session, parcel_ids, code, lock=True)
    freed = [p.freed_on for p in parents if p.freed_on]
    child = _child(parents[0], new_code, as_multipolygon(union), today, min(freed) if freed else None)
    [child_id] = _finish(session, [child], parents, "merge", today)
    for parent in parents:
        audit.record(session, actor, "merge", "parcel", parent.id, {"valid_to": None},
                     {"valid_to": today, "merged_into": new_code})
    session.commit()
    return child_id


def preview_merge(session: Session, actor: Actor, parcel_ids: Sequence[int], code: str | None = None) -> PlannedParcel:
    """The parcel merging ``parcel_ids`` would make, refused with the very errors the merge would
    raise; writes and locks nothing."""
    require_role(actor, PLANNER)
    _parents, union, new_code = _checked_merge(session, parcel_ids, code, lock=False)
    return _planned(new_code, union)


def _checked_merge(session: Session, parcel_ids: Sequence[int], code: str | None,
                   lock: bool) -> tuple[list[Parcel], Any, str]:
    """The one merge rule: the parents (locked for the merge, or read for its preview), their union
    (one polygon of a plausible area) and the merged parcel's free code."""
    ids = sorted({int(i) for i in parcel_ids})
    if len(ids) < 2:
        raise ValidationError.single("parcel_ids", N_("give at least two parcels to merge"))
    impossible = [i for i in ids if not 0 < i < 2 ** 63]
    if impossible:
        raise NotFound(N_("No parcel with id %(id)s."), id=impossible[0])
    parents = (repo.parcels_for_update if lock else repo.parcels_by_ids)(session, ids)
    missing = set(ids) - {p.id for p in parents}
    if missing:
        raise NotFound(N_("No parcel with id %(id)s."), id=min(missing))
    for parent in parents:
        check_splittable(parent.status, parent.valid_to)
    if len({p.land_use_class for p in parents}) > 1:
        raise Conflict(N_("Only parcels of one land-use class can be merged."))
    union = shapely.union_all([to_shape(p.geom) for p in parents])
    if union.geom_type != "Polygon":
        raise _invalid("parcel_ids", N_("the parcels do not adjoin: their union is not one polygon"))
    _check_plausible_area("parcel_ids", union)
    new_code = (code or "").strip() or f"{parents[0].code}-M{len(parents)}"
    if "\x00" in new_code or len(new_code) > 100:
        raise ValidationError.single("code", N_("is too long (at most %(n)s characters)") if len(new_code) > 100
                                     else N_("must not contain the NUL character (U+0000)"), n=100)
    _new_codes(session, [new_code])
    return parents, union, new_code
