"""The land each demo project holds: its district's industrial parcels, one site per project.

An exit of capacity (产业结构调整) holds one to three parcels. They had been taken one after another
from a district's pool spread over its zones, so one project's parcels lay in different zones,
often ~10 km apart; a project's land is one site, so after its first parcel it takes the nearest
of the same zone (or of the scattered ones), each within ``MAX_APART_M`` of every other — fewer
parcels when there are no such neighbours left.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import replace
from typing import Any, Sequence

import shapely

from geo.synth import distances_m
from registry.domain.workflow import parcel_errors
from registry.services.records import ProjectRecord

MAX_APART_M = 300.0  # edge to edge between any two parcels of one demo project


def with_parcels(projects: list[ProjectRecord], wanted: list[int], parcels: Sequence[Any],
                 zone_kinds: Sequence[str] = ()) -> list[ProjectRecord]:
    """Each project given the industrial parcels it wants of its district's, exits first: an exit
    goes to review with its land (``parcel_errors``), so one left without (a district's industrial
    land used up) stays a draft; other kinds may go without. With the zones' kinds known a district's
    smallest plots are taken first (``_industrial_by_district``), by projects in an order that mixes
    the years (``_mixed``: the first years had taken all the smallest); a project's further parcels are
    its first one's neighbours (``_site``)."""
    free = _industrial_by_district(parcels, zone_kinds)
    codes: dict[int, tuple[str, ...]] = {}
    order = _mixed(len(projects)) if zone_kinds else range(len(projects))
    for exits in (True, False):
        for i in order:
            project = projects[i]
            if (project.kind == "structural_adjustment") == exits:
                codes[i] = tuple(p.code for p in _site(free[project.district_code], wanted[i]))
    placed = []
    for i, project in enumerate(projects):
        project = replace(project, parcel_codes=codes[i])
        if parcel_errors(project.kind, project.status, len(project.parcel_codes)):
            project = replace(project, status="draft", completed_on=None, verified_on=None)
        placed.append(project)
    return placed


def _mixed(n: int) -> list[int]:
    """0 … n − 1 in an order that visits every part of the range evenly (golden-ratio steps), with no
    random draw, so the seed's other figures stay."""
    return sorted(range(n), key=lambda i: (i * 0.6180339887498949) % 1.0)


def _site(pool: list[Any], wanted: int) -> list[Any]:
    """Up to ``wanted`` parcels taken from ``pool``: the one at its end, then the nearest of the same
    zone that lie within ``MAX_APART_M`` of each one taken. Parcels without an outline (the synth
    command's references, ``services/synth.py``) are taken from the end as they come."""
    if not pool or wanted < 1:
        return []
    first = pool.pop()
    if getattr(first, "geometry", None) is None:
        return [first, *(pool.pop() for _ in range(min(len(pool), wanted - 1)))]
    taken = [first]
    same_zone = [i for i, p in enumerate(pool) if p.zone_index == first.zone_index]
    if not same_zone or wanted == 1:
        return taken
    apart = distances_m(first.geometry, [pool[i].geometry for i in same_zone])
    chosen: list[int] = []
    for distance, i in sorted(zip(apart.tolist(), same_zone)):
        if len(taken) == wanted or distance > MAX_APART_M:
            break
        others = distances_m(pool[i].geometry, [p.geometry for p in taken[1:]])
        if (others <= MAX_APART_M).all():
            taken.append(pool[i])
            chosen.append(i)
    for i in sorted(chosen, reverse=True):
        del pool[i]
    return taken


def _industrial_by_district(parcels: Sequence[Any], zone_kinds: Sequence[str]) -> defaultdict[str, list[Any]]:
    """Each district's industrial parcels; with the zones' kinds known, its smallest plots last, where
    they are taken first (``pop``): an exit of capacity is a small low-end works (三高一低), mostly
    outside the blocks — 198 regions' and the villages' workshops — and the programme's published
    results give one 9–18 亩 (DOMAIN.md §6). Spread over zones and kinds alike, the exits had taken
    three quarters of every zone's plots, development zones' plants too: ≈ 55 亩, then 23, an exit.
    The plants are left to the other kinds (a retrofit, a boiler); each zone kind's smallest plot is
    taken first of all, so freed land lies in every kind of region in a small demo too."""
    free: defaultdict[str, list[Any]] = defaultdict(list)
    for parcel in parcels:
        if parcel.land_use_class.startswith(("M", "W")):
            free[parcel.district_code].append(parcel)
    if not zone_kinds:
        return free

    for pool in free.values():
        areas = shapely.area([parcel.geometry for parcel in pool])  # degrees²: one district's latitude
        pool[:] = [pool[j] for j in sorted(range(len(pool)), key=lambda j: (-areas[j], j))]
        # the smallest plot of each zone kind at the very end, so a small demo frees land in every
        # kind the district has (the freed-land page's filter by zone kind finds some for each)
        smallest = {}
        for j in range(len(pool) - 1, -1, -1):
            smallest.setdefault(_zone_kind(pool[j], zone_kinds), j)
        firsts = sorted(smallest.values(), reverse=True)
        pool[:] = [p for j, p in enumerate(pool) if j not in smallest.values()] + [pool[j] for j in firsts]
    return free


def _zone_kind(parcel: Any, zone_kinds: Sequence[str]) -> str | None:
    return None if parcel.zone_index is None else zone_kinds[parcel.zone_index]

