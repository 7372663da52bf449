"""Annual rollups, pure: counting rules, figures of a cell, sums, adjustments since a year was
frozen, and the rollup's query (year, rule, as-of moment, district). Progress against a target and
its pace are rollup_progress.

A *cell* is (district, kind, status) of one year with the counted projects' figures. Counting rule
(DOMAIN.md §2, "the credited figure is the verified one"):

- ``verified`` (default): projects whose status is ``verified``, in the calendar year of
  ``verified_on``;
- ``completed``: projects whose status is ``completed`` or ``verified``, in the calendar year of
  ``completed_on``.

A project is counted once per rule, in one year only, so no tce is credited to two years.
"""
from __future__ import annotations

from dataclasses import dataclass, field, fields, replace
from datetime import date, datetime, time, timedelta, timezone
from decimal import Decimal
from typing import Any, Callable, Iterable, Mapping, TypeVar

from registry.domain.days import day_refusal
from registry.domain.errors import N_, Listed, UNKNOWN_VALUE, ValidationError
from registry.domain.fields import Errors
from registry.domain.numbers import is_ascii_digits, optional_year_number, plain
from registry.domain.targets import COUNT
from registry.domain.vocabulary import PROJECT_KINDS, PROJECT_STATUSES
from registry.domain.years import MAX_YEAR, MIN_YEAR  # imported from here too

T = TypeVar("T")  # what a cell's amount is: its Figures, its Subsidies

COUNT_FIELDS = (COUNT, "equal_value_missing")

RULES: dict[str, str] = {
    "verified": N_("Verified projects, counted in the year of verification"),
    "completed": N_("Completed and verified projects, counted in the year of completion"),
}
DEFAULT_RULE = "verified"
# rule → (the date whose year counts, the statuses counted)
RULE_DATES: dict[str, tuple[str, tuple[str, ...]]] = {
    "verified": ("verified", ("verified",)),
    "completed": ("completed", ("completed", "verified")),
}
SHANGHAI = timezone(timedelta(hours=8), "Asia/Shanghai")  # no daylight saving since 1991


@dataclass(frozen=True)
class Figures:
    """Counted projects and their summed figures (units in the names; NULLs summed as 0)."""

    project_count: int = 0
    equal_value_missing: int = 0  # counted projects without a 等价值 figure (year has no equal value)
    savings_tce: Decimal = Decimal(0)  # 当量值 (equivalent value)
    savings_tce_equal_value: Decimal = Decimal(0)  # 等价值 (equal value)
    installed_kw: Decimal = Decimal(0)
    remanufactured_kw: Decimal = Decimal(0)
    investment_wan_yuan: Decimal = Decimal(0)
    freed_land_m2: Decimal = Decimal(0)
    output_value_wan_yuan: Decimal = Decimal(0)

    def __add__(self, other: "Figures") -> "Figures":
        return Figures(**{f.name: getattr(self, f.name) + getattr(other, f.name) for f in fields(self)})

    def __sub__(self, other: "Figures") -> "Figures":
        return Figures(**{f.name: getattr(self, f.name) - getattr(other, f.name) for f in fields(self)})

    def value(self, name: str) -> Decimal:
        return Decimal(getattr(self, name))

    def known(self, name: str) -> Decimal | None:
        """The figure ``name``, or None for the 等价值 of projects none of which has one: a sum of
        unknown values is unknown, not 0 (they still count in ``equal_value_missing``). None too when
        some lack one and those that have one sum to 0 (a cleaner-production audit that saved nothing
        beside two closures of 2016): 0.00 read as "saved nothing", the 0 saying nothing of the others."""
        if name == "savings_tce_equal_value" and self.equal_value_missing and (
                self.equal_value_missing >= self.project_count or self.savings_tce_equal_value == 0):
            return None
        return self.value(name)

    @property
    def is_zero(self) -> bool:
        return all(getattr(self, f.name) == 0 for f in fields(self))

    def to_json(self) -> dict[str, Any]:
        """Exact decimal strings (the snapshot's canonical form) and the count as an int."""
        return {f.name: (getattr(self, f.name) if f.name in COUNT_FIELDS else plain(getattr(self, f.name)))
                for f in fields(self)}

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> "Figures":
        return cls(**{f.name: (int(data[f.name]) if f.name in COUNT_FIELDS else Decimal(str(data[f.name])))
                      for f in fields(cls)})


FIGURE_FIELDS = tuple(f.name for f in fields(Figures))


@dataclass(frozen=True)
class CellKey:
    """Where a cell of the rollup stands: district × kind × status (its figures' and its money's)."""

    district_code: str
    kind: str
    status: str

    @property
    def key(self) -> tuple[str, str, str]:
        return (self.district_code, self.kind, self.status)


@dataclass(frozen=True)
class Cell(CellKey):
    figures: Figures


def total(cells: Iterable[Cell], kinds: Iterable[str] = (), district_code: str | None = None) -> Figures:
    """Sum of the cells of ``kinds`` (all when empty) in ``district_code`` (all when None)."""
    kinds = set(kinds)
    result = Figures()
    for cell in cells:
        if (not kinds or cell.kind in kinds) and (district_code is None or cell.district_code == district_code):
            result = result + cell.figures
    return result


def group_by(cells: Iterable[Cell], attribute: str, every: Iterable[str] = ()) -> dict[str, Figures]:
    """Figures summed by ``district_code`` (in code order, GB/T 2260's) or ``kind`` (in the
    programme's order, DOMAIN.md §2: sorted by code the kinds would read in no order in Chinese);
    each key of ``every`` is there, at 0 when no cell has it."""
    return summed_by(cells, attribute, every, lambda cell: cell.figures, Figures())


def summed_by(cells: Iterable[CellKey], attribute: str, every: Iterable[str], amount: Callable[[Any], T],
              zero: T) -> dict[str, T]:
    """What ``amount`` reads of each cell (its figures, its subsidies), summed as ``group_by`` says."""
    groups: dict[str, T] = dict.fromkeys(every, zero)
    for cell in cells:
        key = getattr(cell, attribute)
        groups[key] = groups.get(key, zero) + amount(cell)
    order = _KIND_ORDER if attribute == "kind" else {}
    return dict(sorted(groups.items(), key=lambda item: (order.get(item[0], len(order)), item[0])))


_KIND_ORDER = {kind: position for position, kind in enumerate(PROJECT_KINDS)}


@dataclass(frozen=True)
class Adjustment:
    """A cell whose live figures differ from the frozen ones: delta = live − frozen."""

    district_code: str
    kind: str
    status: str
    frozen: Figures
    live: Figures
    delta: Figures = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "delta", self.live - self.frozen)


def adjustments(frozen: Iterable[Cell], live: Iterable[Cell]) -> list[Adjustment]:
    """Every cell added, removed or changed since the year was frozen, in key order."""
    old = {c.key: c.figures for c in frozen}
    new = {c.key: c.figures for c in live}
    result = []
    for key in sorted(set(old) | set(new)):
        a, b = old.get(key, Figures()), new.get(key, Figures())
        if a != b:
            result.append(Adjustment(*key, frozen=a, live=b))
    return result


@dataclass(frozen=True)
class RollupQuery:
    """What a rollup is asked for (parsed from a form, the API or the CLI)."""

    year: int
    rule: str = DEFAULT_RULE
    as_of: datetime | None = None  # None: now
    district_code: str | None = None

    def without_district(self) -> "RollupQuery":
        return replace(self, district_code=None)


def parse_as_of(raw: str, field_name: str = "as_of") -> datetime:
    """``YYYY-MM-DD`` (the end of that day, Shanghai time) or an ISO 8601 timestamp (naive = Shanghai)."""
    text = raw.strip()
    try:
        if len(text) == 10:
            day = date.fromisoformat(text)
            return datetime.combine(day + timedelta(days=1), time(0), SHANGHAI) - timedelta(microseconds=1)
        moment = datetime.fromisoformat(text)
    except ValueError:
        refusal = day_refusal(text, N_("must be a date as YYYY-MM-DD or an ISO 8601 time, got “%(value)s”"), value=text[:40])
        raise ValidationError.single(field_name, refusal.msgid, **refusal.params) from None
    return moment if moment.tzinfo else moment.replace(tzinfo=SHANGHAI)


def default_report_year(today: date, plan_years: Iterable[int], counted_years: Iterable[int]) -> int:
    """The year a report opens on (docs/rollups.md): the latest programme year up to this one — a
    year with plan targets and counted projects, so the current year as soon as its first project
    counts; else the latest year with either; else this year. Stragglers verified early in a year
    without targets (the demo's 2018) and targets entered before anything counts do not win."""
    plans = {y for y in plan_years if y <= today.year}
    counted = {y for y in counted_years if y <= today.year}
    return max(plans & counted or plans | counted or {today.year})


def read_drill_down(kinds: Iterable[str], status: str | None, errors: Errors) -> tuple[list[str], str | None]:
    """The known ones of the kinds and the status a drill-down names, each unknown one's problem in
    ``errors`` (``check_drill_down``'s words): the page's reading, which says them."""
    known = [k for k in kinds if k in PROJECT_KINDS]
    for unknown in (k for k in kinds if k not in PROJECT_KINDS):
        errors.add("kind", UNKNOWN_VALUE, value=unknown[:40],
                   allowed=Listed(tuple(PROJECT_KINDS)))
    if status and status not in PROJECT_STATUSES:
        errors.add("status", UNKNOWN_VALUE, value=status[:40],
                   allowed=Listed(tuple(PROJECT_STATUSES)))
        status = None
    return known, status


def check_drill_down(kinds: Iterable[str], status: str | None) -> None:
    """The kinds and status a drill-down to a rollup figure's projects names are known ones;
    ValidationError names the first that is not."""
    unknown = [k for k in kinds if k not in PROJECT_KINDS]
    if unknown or (status and status not in PROJECT_STATUSES):
        raise ValidationError.single("kind" if unknown else "status", UNKNOWN_VALUE,
                                     value=(unknown or [status])[0][:40],
                                     allowed=Listed(tuple(PROJECT_KINDS if unknown else PROJECT_STATUSES)))


def parse_rollup_query(params: Mapping[str, Any], default_year: int) -> RollupQuery:
    """Read year, rule, as_of and district from request parameters; ValidationError names each bad one."""
    query, errors = read_rollup_query(params, default_year)
    errors.raise_if_any()
    return query


def read_rollup_query(params: Mapping[str, Any], default_year: int) -> tuple[RollupQuery, Errors]:
    """``parse_rollup_query``'s reading, each value it cannot use left at its default (``default_year``,
    the default rule, now, the city) and its problem in the ``Errors`` returned: the pages', which say them."""
    errors = Errors()
    year = errors.capture(optional_year_number, params.get("year"), "year", MIN_YEAR, MAX_YEAR) or default_year
    rule = str(params.get("rule") or DEFAULT_RULE)
    if rule not in RULES:
        errors.add("rule", UNKNOWN_VALUE, value=rule[:40],
                   allowed=Listed(tuple(RULES)))
        rule = DEFAULT_RULE
    as_of = None
    if params.get("as_of") not in (None, ""):
        as_of = errors.capture(parse_as_of, str(params["as_of"]))
    district = params.get("district") or None
    if district is not None and (not is_ascii_digits(str(district)) or len(str(district)) != 6):
        errors.add("district", N_("must be a 6-digit district code"))
        district = None
    return RollupQuery(year=year, rule=rule, as_of=as_of, district_code=str(district) if district else None), errors
