"""Synthetic data at city scale: ``registry demo synth --parcels N --projects M --seed S``.

Real districts, generated (示意) zones, N generated parcels streamed through the bulk importer
(COPY into staging, every check, set-based derivation — the same path as a file) and M projects
of every kind whose savings the accounting engine computes. Deterministic for a seed.
"""
from __future__ import annotations

import random
from collections import defaultdict
from dataclasses import dataclass
from itertools import islice
from typing import Iterator

import shapely

from geo.synth import generate_parcels, generate_zones
from registry import clock
from registry.domain.permissions import Actor
from registry.services.demo.districts import shipped_districts
from registry.services.demo.enterprises import demo_enterprises
from registry.services.demo.projects import demo_projects
from registry.services.imports.features import ImportOptions, Progress, import_rows
from registry.services.imports.results import ImportResult
from registry.services.loading import LoadReport, load_dataset
from registry.services.records import Dataset, ZoneRecord

BATCH = 50_000
PARCELS_KEPT_PER_PROJECT = 4  # industrial parcels remembered per district for projects to occupy


@dataclass(frozen=True)
class _ParcelRef:
    """What project generation needs of a parcel (not its geometry: a million of those is memory)."""

    code: str
    district_code: str
    land_use_class: str


@dataclass(frozen=True)
class SynthReport:
    places: LoadReport
    parcels: ImportResult
    projects: LoadReport | None


def synthesise(session, seed: int, parcels: int, projects: int, progress: Progress) -> SynthReport:
    """Generate and load; each step commits (parcels all or nothing)."""
    districts = shipped_districts()
    district_tuples = [(d.code, d.name_zh, d.name_en, d.geometry) for d in districts]
    zones = generate_zones(district_tuples, seed=seed)
    places = load_dataset(session, Dataset(
        districts=tuple(districts),
        zones=tuple(ZoneRecord(z.kind, z.name_zh, z.name_en, z.geometry, z.district_code, True) for z in zones),
    ), illustrative=True)
    kept: dict[str, list[_ParcelRef]] = defaultdict(list)
    keep = max(1, projects * PARCELS_KEPT_PER_PROJECT // max(1, len(districts)))

    def rows() -> Iterator[tuple]:
        specs = generate_parcels(zones, district_tuples, parcels, seed=seed)
        row_no = 0
        while chunk := list(islice(specs, BATCH)):
            wkb = shapely.to_wkb([p.geometry for p in chunk], hex=False)
            for spec, blob in zip(chunk, wkb):
                row_no += 1
                pool = kept[spec.district_code]
                if len(pool) < keep and spec.land_use_class.startswith(("M", "W")):
                    pool.append(_ParcelRef(spec.code, spec.district_code, spec.land_use_class))
                yield (row_no, spec.code, spec.land_use_class, blob)

    options = ImportOptions(target="parcels", on_error="abort", illustrative=True)
    parcel_result = import_rows(session, Actor.system(), rows(), ("code", "land_use_class"), options,
                                f"synth seed={seed}", total=parcels, progress=progress)
    project_report = None
    if projects:
        progress("projects", 0, projects)
        rng = random.Random(seed)
        codes = [d.code for d in districts]
        enterprises = demo_enterprises(rng, codes, count=max(1, projects * 2 // 3))
        refs = [p for pool in kept.values() for p in pool]
        records = demo_projects(rng, projects, enterprises, refs, clock.today())
        project_report = load_dataset(session, Dataset(enterprises=tuple(enterprises), projects=tuple(records)),
                                      illustrative=True)
        progress("projects", projects, projects)
    return SynthReport(places, parcel_result, project_report)
