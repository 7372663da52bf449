"""Land measures: area in m², 亩, ha and km², and land output in 亿元 per km² (DOMAIN.md §3).

1 亩 (mu) = 10000/15 m² exactly; 1 ha = 15 亩; 1 km² = 1500 亩; 1 亿元 = 10000 万元. Functions
multiply before dividing, so 30 亩 is exactly 20000 m². Geodesic areas of parcels are measured
at the edges (PostGIS ``ST_Area(geom::geography)``, pyproj ``Geod``); this module takes m².
Arithmetic runs through ``numbers.CALC``'s methods: ``calc_context()``'s results, without entering
a context per operation (a download computes a few figures for each of up to 1,000,000 parcels).
"""
from __future__ import annotations

from decimal import Decimal
from types import MappingProxyType
from typing import Mapping

from registry.domain.errors import N_, Listed, UNKNOWN_VALUE, ValidationError
from registry.domain.numbers import CALC, decimal_from

M2_PER_MU = Decimal(10000) / Decimal(15)  # 666.67 m², for display; functions avoid this rounding
M2_PER_HA = Decimal(10000)
M2_PER_KM2 = Decimal(1000000)
_FIFTEEN = Decimal(15)  # 亩 per ha: 亩 → m² is × 10000 ÷ 15, m² → 亩 × 15 ÷ 10000
_HUNDRED = Decimal(100)
# A parcel's plausible geodesic area, on every path that draws or loads one (the project form, GIS
# imports, ``registry load``); their messages say "10 m² to 50 km²".
MIN_PARCEL_M2 = 10.0
MAX_PARCEL_M2 = 50e6

# 亿元 per one unit of output value.
_YI_YUAN_PER: Mapping[str, Decimal] = MappingProxyType({
    "亿元": Decimal(1), "yi_yuan": Decimal(1),
    "万元": Decimal("0.0001"), "wan_yuan": Decimal("0.0001"),
    "元": Decimal("0.00000001"), "yuan": Decimal("0.00000001"),
})


def _area(area_m2: object, field: str = "area_m2") -> Decimal:
    value = decimal_from(area_m2, field)
    if value < 0:
        raise ValidationError.single(field, N_("must not be negative"))
    return value


def area_m2_from_mu(mu: object) -> Decimal:
    """m² of an area given in 亩: mu × 10000 / 15 (30 亩 → 20000 m² exactly)."""
    value = _area(mu, "area_mu")
    return CALC.divide(CALC.multiply(value, M2_PER_HA), _FIFTEEN)


def area_mu(area_m2: object) -> Decimal:
    """亩 of an area in m²: m² × 15 / 10000."""
    value = _area(area_m2)
    return CALC.divide(CALC.multiply(value, _FIFTEEN), M2_PER_HA)


def area_ha(area_m2: object) -> Decimal:
    """Hectares of an area in m²."""
    return CALC.divide(_area(area_m2), M2_PER_HA)


def area_km2(area_m2: object) -> Decimal:
    """km² of an area in m²."""
    return CALC.divide(_area(area_m2), M2_PER_KM2)


def output_yi_yuan(output_value: object, output_unit: str) -> Decimal:
    """An output value in 亿元, from 万元 / 亿元 / 元 (also ``wan_yuan``, ``yi_yuan``, ``yuan``)."""
    factor = _YI_YUAN_PER.get(output_unit.strip()) if isinstance(output_unit, str) else None
    if factor is None:
        raise ValidationError.single("output_unit", UNKNOWN_VALUE, value=str(output_unit)[:40],
                                     allowed=Listed(tuple(_YI_YUAN_PER)))
    value = decimal_from(output_value, "output_value")
    if value < 0:
        raise ValidationError.single("output_value", N_("must not be negative"))
    return CALC.multiply(value, factor)


def land_output_yi_yuan_per_km2(output_value: object, output_unit: str, area_m2: object) -> Decimal:
    """Land output in 亿元/km²: output (亿元) × 10^6 / area (m²). 1.2 亿元 on 20000 m² → 60.

    For a zone or district, pass the summed output and the summed area. Raises
    ``ValidationError`` on ``area_m2`` when the area is zero.
    """
    output = output_yi_yuan(output_value, output_unit)
    area = _area(area_m2)
    if area == 0:
        raise ValidationError.single("area_m2", N_("must be greater than zero"))
    return CALC.divide(CALC.multiply(output, M2_PER_KM2), area)


def output_change_yi_yuan_per_km2(current: Decimal | None, previous: Decimal | None) -> Decimal | None:
    """The change of land output on the year before (同比, 亿元/km²): current − previous; ``None``
    when either year had no land output (60 this year, 48 the year before → 12)."""
    if current is None or previous is None:
        return None
    return CALC.subtract(current, previous)


def output_change_percent(current: Decimal | None, previous: Decimal | None) -> Decimal | None:
    """The change of land output on the year before in % of the year before: (current − previous)
    ÷ previous × 100 (60 after 48 → 25); ``None`` when either year had no land output or the year
    before's was zero (no share of nothing)."""
    change = output_change_yi_yuan_per_km2(current, previous)
    if change is None or not previous:
        return None
    return CALC.divide(CALC.multiply(change, _HUNDRED), previous)
