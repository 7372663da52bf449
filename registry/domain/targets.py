"""The canonical vocabulary of target metrics: code, label, unit, and how the registry measures it.

Targets (DOMAIN.md §6) are stored per year, scope (city | district), metric and kind (plan |
actual) in the ``targets`` table; the metric codes and units used there are the ones below. A
metric is *measured* when the rollup computes its actual value from the projects it counts
(``Measure``); the others (energy intensity, development-zone land output, …) come from outside
statistics, so their actuals are entered as targets of kind ``actual``.

tce metrics name their electricity basis: ``…_tce`` is 当量值 (equivalent value), ``…_tce_equal_value``
is 等价值 (equal value). The seed documents do not say which basis their tce targets use; they
are loaded as 当量值 and the rollup shows both bases beside every tce figure.
"""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Mapping

from registry.domain.errors import N_
from registry.domain.fields import NON_NEGATIVE, Errors, FieldReader
from registry.domain.numbers import is_ascii_digits, without_digit_grouping, year_number
from registry.domain.presentation import places_of
from registry.domain.years import YEARS

# Fields a measure can sum (columns of the projects table, and of a rollup cell).
SUMMABLE_FIELDS = (
    "savings_tce", "savings_tce_equal_value", "installed_kw", "remanufactured_kw",
    "investment_wan_yuan", "freed_land_m2", "output_value_wan_yuan",
)
COUNT = "project_count"

# Units as stored in ``targets.unit`` (the seed documents' spelling), with English msgids.
UNITS: dict[str, str] = {
    "项": N_("projects"),
    "台": N_("boilers"),
    "家": N_("enterprises"),
    "tce": N_("tce"),
    "kW": N_("kW"),
    "亿元": N_("100 million yuan"),
    "万元": N_("10,000 yuan"),
    "亩": N_("mu"),
    "km²": "km²",
    "%": "%",
    "亿元/km²": N_("100 million yuan/km²"),
}


@dataclass(frozen=True)
class Measure:
    """How the rollup measures a metric: ``field`` summed (or counted) over ``kinds`` × ``scale``."""

    field: str
    kinds: tuple[str, ...] = ()  # empty: every kind
    scale: Decimal = Decimal(1)


@dataclass(frozen=True)
class Metric:
    code: str
    label: str  # English msgid
    unit: str  # a key of UNITS
    measure: Measure | None = None  # None: not measured by the registry
    basis: str | None = None  # equivalent | equal_value, for tce metrics
    # what the registry counts where it is not the unit's thing (an English msgid), said beside the row
    counted_as: str | None = None
    # the same in a sentence of its own, under a download's table (domain/rollup_notes.py): %(metric)s, %(unit)s
    counted_note: str | None = None

    @property
    def measured(self) -> bool:
        return self.measure is not None

    @property
    def places(self) -> int:
        """Decimals of its figures (actuals), on the rollup's page as in the workbook: its unit's
        (``presentation.PLACES``). A target shows as entered (``presentation.given_places``)."""
        return places_of(self.unit)


RETROFIT = ("technical_retrofit",)
EMC = ("contract_energy_management",)


def _tce(code: str, label: str, equal_label: str, kinds: tuple[str, ...] = ()) -> list[Metric]:
    return [
        Metric(code, label, "tce", Measure("savings_tce", kinds), "equivalent"),
        Metric(f"{code}_equal_value", equal_label, "tce", Measure("savings_tce_equal_value", kinds), "equal_value"),
    ]


_METRICS: list[Metric] = [
    Metric("projects_total", N_("Projects (all kinds)"), "项", Measure(COUNT)),
    Metric("structural_adjustment_projects", N_("Structural-adjustment projects"), "项",
           Measure(COUNT, ("structural_adjustment",))),
    Metric("retrofit_projects", N_("Energy-saving retrofit projects"), "项", Measure(COUNT, RETROFIT)),
    Metric("emc_projects", N_("Contract energy management projects"), "项", Measure(COUNT, EMC)),
    # the target counts boilers (台), the registry projects: it records no number of boilers per project
    Metric("boilers_replaced", N_("Coal/heavy-oil boilers replaced"), "台", Measure(COUNT, ("boiler_replacement",)),
           counted_as=N_("counted as projects, one boiler each"),
           counted_note=N_("%(metric)s: the target is in %(unit)s, but the registry records projects, not the number "
                           "of boilers each replaces, so the actual counts projects, one boiler each.")),
    Metric("motor_upgrade_projects", N_("High-efficiency motor projects"), "项", Measure(COUNT, ("motor_upgrade",))),
    Metric("cleaner_production_audits", N_("Cleaner-production audits"), "项", Measure(COUNT, ("cleaner_production",))),
    *_tce("savings_tce", N_("Energy saved, all projects (equivalent value)"),
          N_("Energy saved, all projects (equal value)")),
    *_tce("retrofit_savings_tce", N_("Energy saved by retrofits (equivalent value)"),
          N_("Energy saved by retrofits (equal value)"), RETROFIT),
    *_tce("emc_savings_tce", N_("Energy saved by EMC (equivalent value)"),
          N_("Energy saved by EMC (equal value)"), EMC),
    Metric("motor_kw", N_("High-efficiency motors installed"), "kW", Measure("installed_kw")),
    Metric("motor_remanufactured_kw", N_("of which remanufactured motors"), "kW", Measure("remanufactured_kw")),
    Metric("cleaner_production_investment_yi_yuan", N_("Investment driven by cleaner-production audits"), "亿元",
           Measure("investment_wan_yuan", ("cleaner_production",), Decimal("0.0001"))),
    Metric("freed_land_mu", N_("Land freed by structural adjustment"), "亩",
           Measure("freed_land_m2", ("structural_adjustment",), Decimal(15) / Decimal(10000))),
    # the same land as freed_land_mu in another unit: its name is the same, pages and reports add the unit
    Metric("freed_land_km2", N_("Land freed by structural adjustment"), "km²",
           Measure("freed_land_m2", ("structural_adjustment",), Decimal("0.000001"))),
    # Outside statistics: targets and published actuals only.
    Metric("energy_intensity_reduction_pct", N_("Reduction of energy use per unit of value added"), "%"),
    Metric("dev_zone_land_output_yi_yuan_per_km2", N_("Land output of development zones"), "亿元/km²"),
    Metric("retrofit_investment_share_pct", N_("Technical-retrofit share of industrial investment"), "%"),
    Metric("online_monitoring_enterprises", N_("Enterprises on online energy monitoring"), "家"),
    Metric("solid_waste_utilisation_pct", N_("Utilisation of bulk industrial solid waste"), "%"),
]

METRICS: dict[str, Metric] = {m.code: m for m in _METRICS}
METRIC_LABELS: dict[str, str] = {m.code: m.label for m in _METRICS}


def metric(code: str) -> Metric:
    """The metric of ``code``; ``KeyError`` for an unknown code."""
    return METRICS[code]


@dataclass(frozen=True)
class TargetEntry:
    """A target as an administrator enters it; the unit is the metric's."""

    year: int
    scope: str
    district_code: str | None
    metric: str
    kind: str
    value: Decimal
    value_max: Decimal | None
    source: str | None

    @property
    def unit(self) -> str:
        return METRICS[self.metric].unit


def _target_year(value: Any, field: str) -> int:
    return year_number(value, field, *YEARS)  # as every year field: 2O23 is said to be no number


def parse_target_entry(params: Mapping[str, Any]) -> TargetEntry:
    """Read a target from form or JSON fields; ValidationError names every bad field."""
    params = {k: (v.strip() if isinstance(v, str) else v) for k, v in params.items()}
    params = {k: v for k, v in params.items() if v not in ("", None)}
    for name in ("value", "value_max"):  # 1,200 as the targets page shows it, and as people write it
        if isinstance(params.get(name), str):
            params[name] = without_digit_grouping(params[name])
    reader = FieldReader(params, "", errors := Errors())
    year = reader.parsed("year", _target_year)
    scope = reader.choice("scope", ("city", "district"), required=False, default="city")
    district = params.get("district_code")
    if scope == "district" and not (is_ascii_digits(district) and len(district) == 6):
        errors.add("district_code", N_("is required for district targets and only for them"))
    if scope == "city" and district:
        errors.add("district_code", N_("is required for district targets and only for them"))
    code = reader.choice("metric", tuple(METRICS))
    kind = reader.choice("kind", ("plan", "actual"), required=False, default="plan")
    value = reader.decimal("value", NON_NEGATIVE)
    value_max = reader.decimal("value_max", NON_NEGATIVE, required=False)
    if value is not None and value_max is not None and value_max < value:
        errors.add("value_max", N_("must not be less than the value"))
    source = str(params["source"])[:500] if "source" in params else None
    errors.raise_if_any()
    return TargetEntry(year, scope, district if scope == "district" else None, code, kind, value, value_max, source)
