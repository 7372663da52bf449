"""The checks of a parcel import's freed land: the freed date (``freed_on``) and the former use
(原用途, ``former_use``) a file may give — the registry's export writes both — judged against the
status the parcel will have, each one set-based statement over ``import_rows r``
(registry/repositories/imports.py). A file without either column pays nothing here.

A parcel in use was not freed: a freed date or a former use on it is refused, not dropped. While the
land is freed or its redevelopment planned, its former use is its land use (the trigger of migration
0046 writes it so whatever the file says): a former use that differs is refused too. A redeveloped
parcel keeps the former use the file gives (its land use is the new one). A blank freed date lets the
registry derive it from the project that freed the parcel (migration 0005's trigger), a blank former
use of a redeveloped parcel leaves it unknown (shown "—").
"""
from __future__ import annotations

from typing import Collection

from sqlalchemy.orm import Session

from registry.domain.errors import N_
from registry.domain.vocabulary import LAND_USE_CLASSES
from registry.repositories.import_params import day_param
from registry.repositories.imports import add_problems

# The status a row writes when the file has a status column (blank: in use), as the upsert writes it
# (registry/repositories/parcel_writes.py); without one, a parcel keeps its own and a new one is in use.
STATUS_WRITTEN = "coalesce(lower(nullif(trim(r.status), '')), 'in_use')"
_STATUS_KEPT = "coalesce((SELECT p.status FROM parcels p WHERE p.code = trim(r.code)), 'in_use')"

IN_THE_FUTURE = N_("must not be in the future (today is %(today)s)")
FREED_ON_IN_USE = N_("a parcel in use was not freed: leave its freed date blank, or give its status as freed, "
                     "redevelopment planned or redeveloped")
FORMER_USE_IN_USE = N_("a parcel in use has no former use: leave it blank, or give its status as freed, "
                       "redevelopment planned or redeveloped")
FORMER_USE_NOT_LAND_USE = N_("must be the land use, %(land_use)s, while the land is freed or its redevelopment "
                             "planned: it still has the use it was freed with")


def _codes(vocabulary: Collection[str]) -> str:
    return ", ".join(f"'{code}'" for code in vocabulary)


def check_freed_land(session: Session, mapped: Collection[str]) -> None:
    """Refuse a freed date in the future or on a parcel in use, and a former use the parcel's status
    does not allow (a date that is no day, a code of no land use: refused by import_rules already)."""
    if not {"freed_on", "former_use"} & set(mapped):
        return
    status = STATUS_WRITTEN if "status" in mapped else _STATUS_KEPT
    in_use = f"{status} = 'in_use'"
    if "freed_on" in mapped:
        day = "isfinite(r.freed_on_date)"  # a day (NULL: blank; ±infinity: refused as no day)
        add_problems(session, "freed_on", IN_THE_FUTURE, f"{day} AND r.freed_on_date > current_date",
                     value="r.freed_on", params=f"jsonb_build_object('today', {day_param('current_date')})")
        add_problems(session, "freed_on", FREED_ON_IN_USE, f"{day} AND {in_use}", value="r.freed_on")
    if "former_use" in mapped:
        uses = _codes(LAND_USE_CLASSES)
        known = f"upper(trim(r.former_use)) IN ({uses})"
        add_problems(session, "former_use", FORMER_USE_IN_USE, f"{known} AND {in_use}", value="r.former_use")
        add_problems(session, "former_use", FORMER_USE_NOT_LAND_USE,
                     f"{known} AND {status} IN ('freed', 'redevelopment_planned') "
                     f"AND upper(trim(r.land_use_class)) IN ({uses}) "
                     "AND upper(trim(r.former_use)) <> upper(trim(r.land_use_class))",
                     value="r.former_use", params="jsonb_build_object('land_use', upper(trim(r.land_use_class)))")
