"""Standard-coal conversion factors as data: the versioned rows, and the table in force for a year.

A service loads the rows (standard, edition, energy, unit, value, valid_from) and the year's
electricity equal value (等价值) and builds a ``FactorTable``; calculators receive it as an argument.
Nothing here holds a factor value: those live in the data.
"""
from __future__ import annotations

import dataclasses
import datetime
from dataclasses import dataclass
from decimal import Decimal, localcontext
from typing import Iterable

from registry.domain.energies import ELECTRICITY, ENERGIES, energy_named
from registry.domain.errors import N_, Bilingual, Day, Message, Number, ValidationError
from registry.domain.fields import Errors
from registry.domain.numbers import calc_context, decimal_from, plain, year_number
from registry.domain.units import STANDARD_COAL, UNITS, convert, parse_unit

# Factor, monitoring and savings-document years: from 1990 on purpose, further back than the years the
# registry records and reports (``domain.years``); docs/development.md, fix/clibits.
MIN_YEAR = 1990
MAX_YEAR = 2100


@dataclass(frozen=True)
class FactorRow:
    """One conversion factor: kgce per one ``unit`` of ``energy``, per ``standard`` ``edition``.

    ``value_min``/``value_max`` bound a project-measured factor (e.g. natural gas 1.1000–1.3300
    kgce/m3); ``None`` means unbounded on that side. ``range_edition`` names the edition the range
    comes from when it is not the row's own (the 2008 natural-gas row takes the 2020 range).
    """

    energy: str
    unit: str  # the factor's base unit: kg, m3, MJ, kWh
    value_kgce: Decimal
    standard: str  # e.g. "GB/T 2589"
    edition: str  # e.g. "2008"
    valid_from: datetime.date
    value_min: Decimal | None = None
    value_max: Decimal | None = None
    range_edition: str | None = None

    @property
    def source(self) -> str:
        return f"{self.standard}-{self.edition}"

    @property
    def range_source(self) -> str:
        """The standard and edition that give ``value_min``–``value_max``."""
        return f"{self.standard}-{self.range_edition or self.edition}"


def _checked_row(row: FactorRow, path: str, errors: Errors) -> FactorRow | None:
    """``row`` with its numbers as Decimals and its unit canonical, or ``None`` after errors."""
    before = len(errors.field_errors)
    energy = errors.capture(energy_named, row.energy, f"{path}.energy")
    unit = errors.capture(parse_unit, row.unit, f"{path}.unit")
    value = errors.capture(decimal_from, row.value_kgce, f"{path}.value_kgce")
    low = None if row.value_min is None else errors.capture(
        decimal_from, row.value_min, f"{path}.value_min")
    high = None if row.value_max is None else errors.capture(
        decimal_from, row.value_max, f"{path}.value_max")
    if energy and unit and unit.dimension != energy.dimension:
        errors.add(f"{path}.unit", N_("a factor for %(energy)s must be per unit of its own "
                                      "dimension, not “%(unit)s”"), energy=energy.code, unit=unit.code)
    if value is not None and value <= 0:
        errors.add(f"{path}.value_kgce", N_("must be greater than zero"))
    elif value is not None and ((low is not None and value < low)
                                or (high is not None and value > high)):
        errors.add(f"{path}.value_kgce", N_("the default factor lies outside its own range"))
    if not isinstance(row.valid_from, datetime.date):
        errors.add(f"{path}.valid_from", N_("must be a date"))
    if len(errors.field_errors) > before:
        return None
    assert unit is not None
    return dataclasses.replace(row, unit=unit.code, value_kgce=value, value_min=low, value_max=high)


@dataclass(frozen=True)
class FactorTable:
    """The factors in force in ``year``: one row per energy, plus electricity's equal value."""

    year: int
    rows: tuple[FactorRow, ...]
    electricity_equal_value_kgce_per_kwh: Decimal | None = None
    equal_value_source: Bilingual | None = None

    @classmethod
    def from_rows(
        cls,
        rows: Iterable[FactorRow],
        year: int,
        electricity_equal_value_kgce_per_kwh: Decimal | None,
        equal_value_source: Bilingual | None = None,
    ) -> "FactorTable":
        """Pick, for each energy, the row with the latest ``valid_from`` on or before 31 Dec ``year``.

        Raises ``ValidationError`` (fields ``factors[i].…``, ``year``,
        ``electricity_equal_value_kgce_per_kwh``) for malformed data or two rows that tie.
        """
        errors = Errors()
        if isinstance(year, bool) or not isinstance(year, int) or not MIN_YEAR <= year <= MAX_YEAR:
            raise ValidationError.single(
                "year", N_("must be a year between %(minimum)s and %(maximum)s"),
                minimum=MIN_YEAR, maximum=MAX_YEAR)
        equal_value = None
        if electricity_equal_value_kgce_per_kwh is not None:
            field = "electricity_equal_value_kgce_per_kwh"
            equal_value = errors.capture(decimal_from, electricity_equal_value_kgce_per_kwh, field)
            if equal_value is not None and equal_value <= 0:
                errors.add(field, N_("must be greater than zero"))
        year_end = datetime.date(year, 12, 31)
        chosen: dict[str, FactorRow] = {}
        for index, raw in enumerate(rows):
            row = _checked_row(raw, f"factors[{index}]", errors)
            if row is None or row.valid_from > year_end:
                continue
            current = chosen.get(row.energy)
            if current is not None and current.valid_from == row.valid_from and current != row:
                errors.add(f"factors[{index}].valid_from",
                           N_("two factors for %(energy)s take effect on %(date)s"),
                           energy=row.energy, date=Day(row.valid_from))
            elif current is None or row.valid_from > current.valid_from:
                chosen[row.energy] = row
        errors.raise_if_any()
        ordered = tuple(chosen[code] for code in ENERGIES if code in chosen)
        return cls(year, ordered, equal_value, equal_value_source)

    def find(self, energy: str) -> FactorRow | None:
        """The row for ``energy``, or ``None`` when the table has none."""
        return next((row for row in self.rows if row.energy == energy), None)

    def factor_for(self, energy: str, field: str = "energy") -> FactorRow:
        """The row for ``energy``; ``ValidationError`` on ``field`` when there is none."""
        row = self.find(energy)
        if row is None:
            raise ValidationError.single(
                field, N_("no conversion factor for %(energy)s in %(year)s"),
                energy=str(energy)[:40], year=self.year)
        return row

    def electricity_equivalent_kgce_per_kwh(self, field: str = "energy") -> Decimal:
        """Electricity's equivalent value (当量值) in kgce/kWh, from the electricity row."""
        row = self.factor_for(ELECTRICITY, field)
        with localcontext(calc_context()):
            return row.value_kgce / convert(Decimal(1), UNITS["kWh"], row.unit)


def check_measured_factor(row: FactorRow, value: Decimal, field: str) -> None:
    """Accept a project-measured factor (kgce per ``row.unit``) only within the row's range."""
    if value <= 0:
        raise ValidationError.single(field, N_("must be greater than zero"))
    low, high = row.value_min, row.value_max
    if (low is not None and value < low) or (high is not None and value > high):
        raise ValidationError.single(
            field,
            N_("measured factor %(value)s kgce/%(unit)s for %(energy)s is outside the range "
               "%(minimum)s–%(maximum)s of %(source)s"),
            value=plain(value), unit=row.unit, energy=row.energy,
            minimum="−∞" if low is None else plain(low),
            maximum="∞" if high is None else plain(high), source=row.range_source)


def measured_factor_allowed(energy: str, unit_dimension: str) -> Message | None:
    """Why a line cannot carry a measured factor, or ``None`` when it can."""
    if energy == ELECTRICITY:
        # Electricity's bases are conventions (当量值 heat content, 等价值 the year's figure), not
        # properties of a supply a project could measure.
        return Message(N_("electricity takes no measured factor; its equivalent and equal values "
                          "come from the factor table"))
    if unit_dimension == STANDARD_COAL:
        return Message(N_("the quantity is already in standard coal; a factor does not apply"))
    return None



# 等价值 as recorded by an administrator: national averages ran 0.370 (2005) to 0.3055 (2020) kgce/kWh
# (DOMAIN.md); a value outside these bounds is a unit mistake (gce/kWh typed as kgce/kWh) or a typo.
EQUAL_VALUE_MIN, EQUAL_VALUE_MAX = Decimal("0.2"), Decimal("0.5")
MAX_SOURCE_LENGTH = 300


def check_equal_value(year: object, value: object, source: object,
                      source_en: object = None) -> tuple[int, Decimal, str, str | None]:
    """A year's electricity equal value as an administrator records it: (year, kgce/kWh, source in
    Chinese, source in English or None), or a ValidationError naming each faulty field."""
    errors = Errors()
    checked_year = errors.capture(year_number, year, "year", MIN_YEAR, MAX_YEAR)
    number = errors.capture(decimal_from, value, "value_kgce_per_kwh")
    if number is not None and not EQUAL_VALUE_MIN <= number <= EQUAL_VALUE_MAX:
        errors.add("value_kgce_per_kwh", N_("must be between %(minimum)s and %(maximum)s kgce/kWh (coal burned per kWh supplied)"),
                   minimum=Number(EQUAL_VALUE_MIN), maximum=Number(EQUAL_VALUE_MAX))
    texts = []
    for field, text, required in (("source", source, True), ("source_en", source_en, False)):
        text = str(text or "").strip()
        if (required and not text) or len(text) > MAX_SOURCE_LENGTH:
            errors.add(field, N_("is required, at most %(n)s characters") if required else N_("at most %(n)s characters"),
                       n=MAX_SOURCE_LENGTH)
        texts.append(text or None)
    errors.raise_if_any()
    return checked_year, number, texts[0], texts[1]
