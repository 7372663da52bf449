"""Possible double registration: the other projects that may claim the same savings or land.

A registry of credited quantities counts nothing twice across years or programmes (DOMAIN.md §7).
The usual way a figure is counted twice is not fraud but two registrations of one thing: a boiler
entered by the district and again from the enterprise's workbook, a retrofit entered once as a
retrofit and once as the contract energy management (EMC) that financed it, an exit entered by two
colleagues. The registry cannot tell these from two real projects, so it does not refuse them; it
shows the reviewer (and the district, before it submits) each project that looks like the same one,
and why. docs/registration.md, "Possible double registration".

Two projects look alike when they are of the same year and count the same savings (the same kind,
or a retrofit and an EMC contract) and either belong to the same enterprise or share a parcel.
"""
from __future__ import annotations

from dataclasses import dataclass

from registry.domain.errors import N_, Listed, Message

# An EMC contract finances a technical retrofit (DOMAIN.md §1): the same tce may be registered
# under either kind. Every other kind counts savings of its own.
KINDS_COUNTING_THE_SAME_SAVINGS: tuple[frozenset[str], ...] = (
    frozenset({"technical_retrofit", "contract_energy_management"}),
)

SAME_ENTERPRISE = N_("The same enterprise, in the same year")
SHARED_PARCELS = N_("Shares the parcels %(codes)s")
SHARED_MANY_PARCELS = N_("Shares %(count)d parcels, among them %(codes)s")
OTHER_KIND = N_("An EMC contract finances a technical retrofit: the same savings may be registered under both kinds")

# A project on many parcels names the first few it shares; the list says how many there are.
NAMED_PARCELS = 5


def kinds_counted_with(kind: str) -> frozenset[str]:
    """The kinds whose projects may claim the savings a project of ``kind`` claims (itself included)."""
    return next((family for family in KINDS_COUNTING_THE_SAME_SAVINGS if kind in family), frozenset({kind}))


@dataclass(frozen=True)
class Lookalike:
    """Another project found alike, as the repository reads it."""

    id: int
    reference: str
    title: str
    kind: str
    year: int
    status: str
    district_code: str
    same_enterprise: bool
    shared_parcel_codes: tuple[str, ...]


def reasons(kind: str, other: Lookalike) -> list[Message]:
    """Why ``other`` may be a second registration of a project of ``kind``, most telling first."""
    found: list[Message] = []
    if other.same_enterprise:
        found.append(Message(SAME_ENTERPRISE))
    if other.shared_parcel_codes:
        codes = other.shared_parcel_codes
        if len(codes) > NAMED_PARCELS:
            found.append(Message(SHARED_MANY_PARCELS, {"count": len(codes), "codes": Listed(codes[:NAMED_PARCELS])}))
        else:
            found.append(Message(SHARED_PARCELS, {"codes": Listed(codes)}))
    if other.kind != kind:
        found.append(Message(OTHER_KIND))
    return found
