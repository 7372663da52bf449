"""The demo data set: real district boundaries, and illustrative (示意) zones, parcels,
enterprises and projects of every kind over 2013–2017, plus the seed documents' targets.

Deterministic for a seed (and, for the approved projects' planned completions, the day it is
loaded); loading it twice changes nothing (natural keys are skipped).
"""
from __future__ import annotations

import random
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from geo.synth import generate_parcels, generate_zones
from registry import clock
from registry.models import Project
from registry.services.demo.accounts import DEMO_ACCOUNTS, ensure_demo_accounts
from registry.services.demo.districts import shipped_districts
from registry.services.demo.enterprises import demo_enterprises
from registry.services.demo.land import load_land_demo
from registry.services.demo.monitoring import load_demo_monitoring
from registry.services.demo.projects import demo_projects
from registry.services.demo.subsidies import load_demo_subsidies
from registry.services.demo.targets import seed_document_targets
from registry.services.loading import LoadReport, load_dataset
from registry.services.records import Dataset, ParcelRecord, ZoneRecord

DEFAULT_SEED = 20131
DEFAULT_PARCELS = 3000
DEFAULT_PROJECTS = 600
# The demo's parcels exist through its years (2013–2017: projects hold them, outputs are recorded
# for them), so they are in force from the first of those years, not from the day of the load.
PARCELS_VALID_FROM = date(2013, 1, 1)


def build_demo_dataset(seed: int = DEFAULT_SEED, parcels: int = DEFAULT_PARCELS,
                       projects: int = DEFAULT_PROJECTS, today: date | None = None) -> Dataset:
    """The demo for ``seed``; the approved projects' planned completions are set around ``today``
    (default the registry's today), so some of them are overdue whenever it is loaded."""
    districts = shipped_districts()
    district_tuples = [(d.code, d.name_zh, d.name_en, d.geometry) for d in districts]
    zones = generate_zones(district_tuples, seed=seed)
    parcel_specs = list(generate_parcels(zones, district_tuples, parcels, seed=seed))
    rng = random.Random(seed)
    enterprises = demo_enterprises(rng, [d.code for d in districts], count=max(1, projects * 2 // 3))
    project_records = demo_projects(rng, projects, enterprises, parcel_specs, today or clock.today(),
                                    [z.kind for z in zones])
    return Dataset(
        districts=tuple(districts),
        zones=tuple(ZoneRecord(z.kind, z.name_zh, z.name_en, z.geometry, z.district_code, True) for z in zones),
        parcels=tuple(ParcelRecord(p.code, p.geometry, p.land_use_class, "in_use", True, PARCELS_VALID_FROM)
                      for p in parcel_specs),
        enterprises=tuple(enterprises),
        projects=tuple(project_records),
        targets=tuple(seed_document_targets()),
    )


def has_projects(session: Session) -> bool:
    return session.execute(select(func.count()).select_from(Project)).scalar_one() > 0


def load_demo(session: Session, seed: int = DEFAULT_SEED, parcels: int = DEFAULT_PARCELS,
              projects: int = DEFAULT_PROJECTS) -> LoadReport:
    """Load the demo data set (districts real, the rest marked illustrative)."""
    dataset = build_demo_dataset(seed, parcels, projects)
    report = load_dataset(session, dataset, illustrative=True)
    created = ensure_demo_accounts(session)
    report.inserted["users"] = created
    report.skipped["users"] = len(DEMO_ACCOUNTS) - created
    report.inserted["parcel_outputs"] = load_land_demo(session, seed)  # freed land (issue 5)
    report.inserted["subsidies"] = load_demo_subsidies(session, seed)  # needs the savings computed on loading
    report.inserted["monitoring"] = load_demo_monitoring(session)  # online monitoring figures beside some claims
    return report
