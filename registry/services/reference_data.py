"""Reference data an administrator keeps: the electricity equal value (等价值) of a year. The national
figure for a year is published the next, so a year's projects are registered before it is known and
their 等价值 basis stays empty (docs/accounting.md §4); recording it — or correcting it — recomputes
every project of that year with the accounting engine, in the same transaction, each change in the
project's history. The GB/T 2589 factors themselves change only with a migration (a new edition)."""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy.orm import Session

from registry.domain.energies import ENERGIES
from registry.domain.errors import N_, Conflict
from registry.domain.messages import Bilingual
from registry.domain.factors import FactorRow, check_equal_value
from registry.domain.json_text import dump_json, load_stored_json
from registry.domain.permissions import ADMIN, Actor, require_role
from registry.models import ElectricityEqualValue
from registry.repositories import factors as repo
from registry.services import audit
from registry.services.savings import FactorCache, project_figures, stored_trace


@dataclass(frozen=True)
class EqualValueRecorded:
    year: int
    value_kgce_per_kwh: Decimal
    previous: Decimal | None  # None: the year had none
    projects: int  # the year's projects, all recomputed
    changed: int  # of which a figure changed (those without electricity keep theirs)


ANY_VALUE = object()  # record_equal_value's ``replaces`` when the caller replaces whatever the year holds (the CLI)


class EqualValueHeld(Conflict):
    """The year holds an equal value other than the one the caller meant to replace (a form that
    expected none, or a colleague's correction meanwhile): said with it, before every project of
    the year is recomputed with the new one."""

    def __init__(self, year: int, held: Decimal, source: str, source_en: str | None) -> None:
        super().__init__(N_("%(year)s has the equal value %(value)s kgce/kWh already (%(source)s). Recording this "
                            "one replaces it and recomputes every project of %(year)s."),
                         year=year, value=f"{held:.4f}", source=Bilingual(source, source_en))
        self.held = held


def equal_values(session: Session) -> list[ElectricityEqualValue]:
    return repo.equal_value_rows(session)


def factor_rows(session: Session) -> list[FactorRow]:
    """Every GB/T 2589 factor row, in the order of the standard's table as ``ENERGIES`` lists the
    energies (coals, oils, gases, heat, steam, electricity; any other after them, by code), then by
    the day it took effect. The codes' alphabetical order read at random in Chinese (高炉煤气, 焦炭, …)."""
    order = {code: n for n, code in enumerate(ENERGIES)}
    return sorted(repo.factor_rows(session), key=lambda f: (order.get(f.energy, len(order)), f.energy, f.valid_from))


def record_equal_value(session: Session, actor: Actor, year: object, value: object, source: object,
                       source_en: object = None, reason: str | None = None,
                       replaces: Decimal | None | object = ANY_VALUE) -> EqualValueRecorded:
    """Record (or correct) ``year``'s 等价值 and recompute that year's projects; all or nothing.
    ``replaces``: the value the caller saw for the year (None: none), refused with EqualValueHeld when
    the year holds another; ANY_VALUE replaces whatever it holds."""
    require_role(actor, ADMIN)
    year, value, source, source_en = check_equal_value(year, value, source, source_en)
    try:
        # The year's lock first: another recording of the year waits for this one whole, and so does any
        # save computing savings with the year's factors (services/savings, for_writing) — a project
        # registered meanwhile is saved after the recomputation with the new value, not before it with
        # the old one. Then the row is what the last committed recording left.
        repo.hold_equal_value(session, year, exclusive=True)
        row = repo.equal_value_row(session, year)
        if row is not None and replaces is not ANY_VALUE and row.value_kgce_per_kwh != replaces:
            raise EqualValueHeld(year, row.value_kgce_per_kwh, row.source, row.source_en)
        after = {"value_kgce_per_kwh": value, "source": source, "source_en": source_en}
        before = {name: getattr(row, name) for name in after} if row else {}
        if row is None:
            row = ElectricityEqualValue(year=year)
            session.add(row)
        for name, given in after.items():
            setattr(row, name, given)
        session.flush()
        audit.record(session, actor, "update" if before else "create", "equal_value", year, before, after,
                     note=reason or None)
        projects, changed = _recompute_year(session, actor, year)  # each entry: "recomputed"
        session.commit()
    except BaseException:
        session.rollback()
        raise
    return EqualValueRecorded(year, value, before.get("value_kgce_per_kwh"), projects, changed)



def _recompute_year(session: Session, actor: Actor, year: int) -> tuple[int, int]:
    factors = FactorCache(session)
    projects = repo.projects_of_year(session, year)
    changed = 0
    for project in projects:
        result = factors.compute(project.inputs)
        after = project_figures(result)
        before = {name: getattr(project, name) for name in after}
        trace = stored_trace(result)
        # compared as the database gives them back (jsonb numbers, read exactly)
        if after == before and _as_stored(trace) == _as_stored(project.savings_trace):
            continue
        for name, figure in after.items():
            setattr(project, name, figure)
        project.savings_trace = trace
        audit.record(session, actor, "recompute", "project", project.id, before, after)
        changed += 1
    session.flush()
    return len(projects), changed


def _as_stored(trace) -> object:
    return load_stored_json(dump_json(trace))
