"""Units of the energy ledger: mass, volume, energy and standard coal, with exact conversion.

Each unit is a multiple of its dimension's base unit (kg, m3, MJ, kgce). Conversion multiplies
before it divides, so every conversion between decimal multiples is exact; only MJ/GJ → kWh
(÷3.6) does not terminate and is carried at the calculation precision (see ``numbers``).
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal, localcontext
from types import MappingProxyType
from typing import Mapping

from registry.domain.errors import N_, Listed, UNKNOWN_VALUE, ValidationError
from registry.domain.numbers import calc_context

MASS = "mass"
VOLUME = "volume"
ENERGY = "energy"
STANDARD_COAL = "standard_coal"


@dataclass(frozen=True)
class Unit:
    """A unit: its canonical code, its dimension and how many base units one of it is."""

    code: str
    dimension: str
    base_units: Decimal  # kg, m3, MJ or kgce per one of this unit

    def __str__(self) -> str:
        return self.code


def _unit(code: str, dimension: str, base_units: str) -> Unit:
    return Unit(code, dimension, Decimal(base_units))


UNITS: Mapping[str, Unit] = MappingProxyType({u.code: u for u in (
    _unit("kg", MASS, "1"),
    _unit("t", MASS, "1000"),
    _unit("10^4 t", MASS, "10000000"),
    _unit("m3", VOLUME, "1"),
    _unit("10^4 m3", VOLUME, "10000"),
    _unit("MJ", ENERGY, "1"),
    _unit("GJ", ENERGY, "1000"),
    _unit("kWh", ENERGY, "3.6"),  # 1 kWh = 3.6 MJ exactly
    _unit("MWh", ENERGY, "3600"),
    _unit("10^4 kWh", ENERGY, "36000"),
    _unit("kgce", STANDARD_COAL, "1"),
    _unit("tce", STANDARD_COAL, "1000"),
    _unit("10^4 tce", STANDARD_COAL, "10000000"),
)})

# How a unit is written for the reader (msgids, translated at the edge): symbols in English (kWh,
# 10⁴ kWh, tce), words in Chinese (千瓦时, 万千瓦时, 吨标准煤) so that a page never mixes the two.
# Besides the ledger's units: the trace's kW and h, and the output units of intensities (tce/万元).
# A 10⁴ unit after a figure reads "848 × 10⁴ kWh" in English (``after_figure``); money stays
# "10k yuan" (a figure's unit, as the project page writes 35,967.00 10k yuan).
UNIT_LABELS: Mapping[str, str] = MappingProxyType({
    "kg": N_("kg"),
    "t": N_("t"),
    "10^4 t": N_("10⁴ t"),
    "m3": N_("m³"),
    "10^4 m3": N_("10⁴ m³"),
    "MJ": N_("MJ"),
    "GJ": N_("GJ"),
    "kWh": N_("kWh"),
    "MWh": N_("MWh"),
    "10^4 kWh": N_("10⁴ kWh"),
    "kgce": N_("kgce"),
    "tce": N_("tce"),
    "10^4 tce": N_("10⁴ tce"),
    "kW": N_("kW"),
    "h": N_("h"),
    "万元": N_("10k yuan"),
    "10^4 CNY": N_("10k yuan"),
    "元": N_("yuan"),  # a subsidy rule's rate, 元/tce (domain/subsidies.py)
})

# Spellings seen in ledgers, after normalisation (NFKC, lower case, no spaces; see _normalise).
# 方/标方 (m³, normal m³ for gas) and 度 (kWh) are the colloquial units of Chinese energy bills.
_ALIASES: Mapping[str, str] = MappingProxyType({
    **dict.fromkeys(["kg", "千克", "公斤", "kilogram", "kilograms"], "kg"),
    **dict.fromkeys(["t", "吨", "tonne", "tonnes"], "t"),
    **dict.fromkeys(["10^4t", "万吨", "万t"], "10^4 t"),
    **dict.fromkeys(["m3", "m^3", "nm3", "nm^3", "立方米", "立方", "方", "标方", "标立方米",
                     "标准立方米"], "m3"),
    **dict.fromkeys(["10^4m3", "10^4m^3", "10^4nm3", "万m3", "万m^3", "万nm3", "万立方米", "万立方",
                     "万方", "万标方", "万标立方米", "万标准立方米"], "10^4 m3"),
    **dict.fromkeys(["mj", "兆焦", "兆焦耳", "megajoule", "megajoules"], "MJ"),
    **dict.fromkeys(["gj", "吉焦", "吉焦耳", "百万千焦", "gigajoule", "gigajoules"], "GJ"),
    **dict.fromkeys(["kwh", "kw·h", "kw.h", "kw*h", "千瓦时", "度"], "kWh"),
    **dict.fromkeys(["mwh", "mw·h", "兆瓦时"], "MWh"),
    **dict.fromkeys(["10^4kwh", "10^4kw·h", "万kwh", "万kw·h", "万千瓦时", "万度"], "10^4 kWh"),
    **dict.fromkeys(["kgce", "千克标准煤", "千克标煤", "公斤标准煤", "公斤标煤", "kg标准煤",
                     "kg标煤"], "kgce"),
    **dict.fromkeys(["tce", "吨标准煤", "吨标煤", "t标准煤", "t标煤"], "tce"),
    **dict.fromkeys(["10^4tce", "万tce", "万吨标准煤", "万吨标煤"], "10^4 tce"),
})

_SUPERSCRIPT_TEN_THOUSAND = re.compile(r"10⁴|10\*\*4")
TEN_THOUSAND = "10⁴"


def after_figure(label: str) -> str:
    """A unit's label as written after a figure: a 10⁴ unit as a multiplier ("848 × 10⁴ kWh": "848
    10⁴ kWh" reads as two numbers); any other (万千瓦时, kWh, 10k yuan) as it is."""
    return f"× {label}" if label.startswith(TEN_THOUSAND) else label


# A quantity in a 10⁴ unit inside a trace's formula, as the formula is stored: the number, then the
# unit's code ("1126.9 10^4 kWh").
_TEN_THOUSAND_AFTER_FIGURE = re.compile(r"(?<=\d) 10\^4 ")


# A unit code's power of a metre as stored ("kgce/m3", "120 m2"), not inside a longer name.
_METRE_POWER = re.compile(r"(?<![A-Za-z_])m([23])(?![\w^])")
_SUPERSCRIPTS = {"2": "²", "3": "³"}


def written_formula(formula: str) -> str:
    """A trace's formula as a reader reads it: a 10⁴ unit after a figure as a multiplier (1126.9 ×
    10⁴ kWh = 11269000 kWh), any other 10^4 as 10⁴ (tce/10⁴ CNY), m3 and m2 as m³ and m² (the
    stored codes: 1.2143 kgce/m³); the digits as they are."""
    written = _TEN_THOUSAND_AFTER_FIGURE.sub(f" × {TEN_THOUSAND} ", formula).replace("10^4", TEN_THOUSAND)
    return _METRE_POWER.sub(lambda found: "m" + _SUPERSCRIPTS[found.group(1)], written)


def _normalise(text: str) -> str:
    # Superscripts first: NFKC would turn "10⁴" into "104".
    text = _SUPERSCRIPT_TEN_THOUSAND.sub("10^4", text.strip())
    text = unicodedata.normalize("NFKC", text)
    return "".join(text.split()).lower().replace("・", "·")


def parse_unit(text: object, field: str = "unit") -> Unit:
    """The unit named by ``text`` (any accepted spelling, e.g. "10^4 m3", "万立方米", "万m³", "吨").

    Raises ``ValidationError`` on ``field`` for anything else.
    """
    if isinstance(text, Unit):
        return text
    if not isinstance(text, str):
        raise ValidationError.single(field, N_("must be a unit name (text)"))
    code = _ALIASES.get(_normalise(text))
    if code is None:
        raise ValidationError.single(field, UNKNOWN_VALUE, value=text[:40], allowed=Listed(tuple(UNITS)))
    return UNITS[code]


def convert(quantity: Decimal, from_unit: Unit | str, to_unit: Unit | str) -> Decimal:
    """``quantity`` of ``from_unit`` expressed in ``to_unit`` (same dimension), without rounding.

    Raises ``ValidationError`` on ``unit`` when the dimensions differ.
    """
    source, target = parse_unit(from_unit), parse_unit(to_unit)
    if source.dimension != target.dimension:
        raise ValidationError.single(
            "unit", N_("cannot convert %(from_unit)s to %(to_unit)s"),
            from_unit=source.code, to_unit=target.code,
        )
    if source == target:
        return Decimal(quantity)
    with localcontext(calc_context()):
        # Multiply first: the quotient is then exact whenever it terminates.
        return Decimal(quantity) * source.base_units / target.base_units


@dataclass(frozen=True)
class IntensityUnit:
    """A unit-consumption unit such as tce/t or kgce/万元: standard coal per unit of output."""

    numerator: Unit  # tce or kgce
    denominator: str  # the output's unit as written (t, 万元, 台 …)

    @property
    def code(self) -> str:
        return f"{self.numerator.code}/{self.denominator}"

    def __str__(self) -> str:
        return self.code


def parse_intensity_unit(text: object, field: str = "intensity_unit") -> IntensityUnit:
    """Parse "tce/t", "kgce/万元", "吨标准煤/万元" …: a standard-coal unit over an output unit."""
    if not isinstance(text, str):
        raise ValidationError.single(field, N_("must be a unit name (text)"))
    numerator_text, slash, denominator = unicodedata.normalize("NFKC", text).partition("/")
    denominator = denominator.strip()
    if not slash or not denominator or len(denominator) > 32:
        raise ValidationError.single(
            field, N_("must look like tce/t or kgce/万元 (standard coal per unit of output), got “%(unit)s”"),
            unit=text[:40],
        )
    try:
        numerator = parse_unit(numerator_text, field)
    except ValidationError:
        numerator = None
    if numerator is None or numerator.dimension != STANDARD_COAL:
        raise ValidationError.single(
            field, N_("the numerator of “%(unit)s” must be tce or kgce"), unit=text[:40]
        )
    return IntensityUnit(numerator, denominator)
