"""The energy carriers of a ledger (DOMAIN.md §4.1) and the dimension each is measured in."""
from __future__ import annotations

from dataclasses import dataclass
from types import MappingProxyType
from typing import Mapping

from registry.domain.errors import N_, Message, ValidationError
from registry.domain.messages import REFERENCE_PAGE
from registry.domain.nearest import nearest
from registry.domain.units import ENERGY, MASS, STANDARD_COAL, VOLUME, Unit
from registry.domain.vocabulary import named_choices

ELECTRICITY = "electricity"


@dataclass(frozen=True)
class Energy:
    """An energy carrier: code as stored, the dimension of its quantities, a translatable name."""

    code: str
    dimension: str
    label: str  # msgid


ENERGIES: Mapping[str, Energy] = MappingProxyType({e.code: e for e in (
    Energy("raw_coal", MASS, N_("Raw coal")),
    Energy("washed_coal", MASS, N_("Washed coal")),
    Energy("coke", MASS, N_("Coke")),
    Energy("crude_oil", MASS, N_("Crude oil")),
    Energy("fuel_oil", MASS, N_("Fuel oil (heavy oil)")),
    Energy("gasoline", MASS, N_("Gasoline")),
    Energy("kerosene", MASS, N_("Kerosene")),
    Energy("diesel", MASS, N_("Diesel")),
    Energy("lpg", MASS, N_("Liquefied petroleum gas")),
    Energy("refinery_gas", MASS, N_("Refinery dry gas")),
    Energy("natural_gas", VOLUME, N_("Natural gas")),
    Energy("coke_oven_gas", VOLUME, N_("Coke-oven gas")),
    Energy("blast_furnace_gas", VOLUME, N_("Blast-furnace gas")),
    Energy("heat", ENERGY, N_("Heat")),
    # Steam is metered by mass in the GB/T 2589-2008 table (low-pressure steam per kg).
    Energy("steam", MASS, N_("Steam")),
    Energy(ELECTRICITY, ENERGY, N_("Electricity")),
)})


# An unknown energy names the nearest known ones, not all sixteen (a line as long as the form), and
# the page that lists them with their factors (docs/development.md, "Decisions").
UNKNOWN_ENERGY = N_("unknown energy “%(value)s”: every energy the registry counts is listed, with its factor, "
                    "on the page “%(page)s”")
UNKNOWN_ENERGY_NEAR_ONE = N_("unknown energy “%(value)s”: did you mean %(nearest)s? Every energy the registry "
                             "counts is listed, with its factor, on the page “%(page)s”")
UNKNOWN_ENERGY_NEAR_SEVERAL = N_("unknown energy “%(value)s”: did you mean one of %(nearest)s? Every energy the "
                                 "registry counts is listed, with its factor, on the page “%(page)s”")


# No energy chosen (nothing, or a blank) is asked for, not refused as an unknown one (未知的能源品种“”).
NO_ENERGY = N_("choose an energy")


def energy_named(code: object, field: str = "energy") -> Energy:
    """The energy with ``code``; ``ValidationError`` on ``field`` for none (``NO_ENERGY``) or an
    unknown code, naming the energies nearest it (by code or name) and the reference page."""
    if code is None or (isinstance(code, str) and not code.strip()):
        raise ValidationError.single(field, NO_ENERGY)
    energy = ENERGIES.get(code) if isinstance(code, str) else None
    if energy is None:
        raise unknown_energy(field, str(code))
    return energy


def unknown_energy(field: str, value: str) -> ValidationError:
    """The refusal of ``value`` as an energy on ``field``."""
    near = nearest(value, {e.code: (e.code, e.label) for e in ENERGIES.values()})
    msgid = UNKNOWN_ENERGY if not near else UNKNOWN_ENERGY_NEAR_ONE if len(near) == 1 else UNKNOWN_ENERGY_NEAR_SEVERAL
    return ValidationError.single(field, msgid, value=value[:40], page=Message(REFERENCE_PAGE),
                                  nearest=named_choices({code: ENERGIES[code].label for code in near}))


def check_unit_for_energy(energy: Energy, unit: Unit, field: str = "unit") -> None:
    """Refuse a unit of the wrong dimension for ``energy``.

    Standard-coal units (tce, kgce) are accepted for every energy: ledgers are sometimes already
    converted, and such a line is then taken as stated.
    """
    if unit.dimension in (energy.dimension, STANDARD_COAL):
        return
    raise ValidationError.single(
        field, _WRONG_DIMENSION[energy.dimension], energy=energy.code, unit=unit.code
    )


# One msgid per dimension, so a translation never has to splice a translated word into a sentence.
_WRONG_DIMENSION: Mapping[str, str] = MappingProxyType({
    MASS: N_("%(energy)s is measured by mass (t, kg) or in tce/kgce; “%(unit)s” is not a unit of mass"),
    # m³ and 10⁴ as a reader writes them; typed so, they are accepted as m3 and 10^4 m3 are (units.parse_unit)
    VOLUME: N_("%(energy)s is measured by volume (m³, 10⁴ m³) or in tce/kgce; “%(unit)s” is not a "
               "unit of volume"),
    ENERGY: N_("%(energy)s is measured in units of energy (kWh, 10⁴ kWh, MWh, MJ, GJ) or in "
               "tce/kgce; “%(unit)s” is not a unit of energy"),
})
