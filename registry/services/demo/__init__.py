"""The demo data set: real district boundaries, and illustrative (示意) zones, parcels,
enterprises and projects of every kind over 2013–2017 at the programme's scale (``programme``),
plus the seed documents' targets.

Deterministic for a seed (and, for the approved projects' planned completions, the day it is
loaded); loading it twice changes nothing (natural keys are skipped).
"""
from __future__ import annotations

import random
from collections import Counter
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
from registry.services.demo.programme import FULL_SIZE, district_shares
from registry.services.demo.projects import programme_projects
from registry.services.demo.subsidies import load_demo_subsidies
from registry.services.demo.targets import seed_document_targets
from registry.services.loading import LoadReport, load_dataset
from registry.services.records import Dataset, ParcelRecord, ZoneRecord

DEFAULT_SEED = 20131
# The programme's scale (services/demo/programme.py): 2013–2017 count what the seed documents' targets
# ask, ≈ 2,000 projects a year, 4,240 of them exits holding ≈ 1.1 industrial parcels, ≈ 15 亩, each
# (the smallest plots: services/demo/parcels.py)
DEFAULT_PARCELS = 8000
DEFAULT_PROJECTS = FULL_SIZE
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
    # a district's enterprises and projects in its share of the industrial land (every district some):
    # the suburbs' industrial districts, not the city centre's, are where capacity exits
    industrial = Counter(p.district_code for p in parcel_specs if p.land_use_class.startswith(("M", "W")))
    floor = max(2, industrial.total() // 100)
    weights = {d.code: industrial[d.code] + floor for d in districts}
    # an exit's enterprise has no other project; the others' share one another's, half of them alone
    count = max(1, projects * 4 // 5)
    enterprises = demo_enterprises(rng, district_shares(count, weights), count=count)
    project_records = programme_projects(rng, projects, enterprises, parcel_specs, today or clock.today(),
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
