"""The money of a rollup, pure: the subsidies of the counted projects (万元), by cell.

A project carries the subsidy its district requested and the one the city approved (recorded at
approve or verify, docs/registration.md "The approved subsidy"). The rollup sums both over the
projects it counts (the same projects as its other figures), a project without an amount as 0.
The estimate by the city's rule (补贴测算) is a reviewer's yardstick for one project and is not
summed (docs/rollups.md, "Subsidies").
"""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Iterable, Mapping

from registry.domain.numbers import plain
from registry.domain.rollups import CellKey, summed_by

SUBSIDY_FIELDS = ("subsidy_approved_wan_yuan", "subsidy_requested_wan_yuan")


@dataclass(frozen=True)
class Subsidies:
    """Summed subsidies in 万元, exact (NULL amounts summed as 0)."""

    subsidy_approved_wan_yuan: Decimal = Decimal(0)
    subsidy_requested_wan_yuan: Decimal = Decimal(0)

    def __add__(self, other: "Subsidies") -> "Subsidies":
        return Subsidies(self.subsidy_approved_wan_yuan + other.subsidy_approved_wan_yuan,
                         self.subsidy_requested_wan_yuan + other.subsidy_requested_wan_yuan)

    def to_json(self) -> dict[str, str]:
        """Exact decimal strings, the frozen snapshot's canonical form."""
        return {name: plain(getattr(self, name)) for name in SUBSIDY_FIELDS}

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> "Subsidies":
        return cls(*(Decimal(str(data[name])) for name in SUBSIDY_FIELDS))


@dataclass(frozen=True)
class SubsidyCell(CellKey):
    """The subsidies of one cell (district × kind × status), keyed as the rollup's ``Cell``."""

    subsidies: Subsidies


def subsidy_total(cells: Iterable[SubsidyCell]) -> Subsidies:
    return sum((cell.subsidies for cell in cells), Subsidies())


def subsidies_by(cells: Iterable[SubsidyCell], attribute: str, every: Iterable[str] = ()) -> dict[str, Subsidies]:
    """Subsidies summed by ``district_code`` or ``kind``, in the rollup's order, each key of ``every``
    at 0 when no cell has it: the same rows as the rollup's ``group_by``."""
    return summed_by(cells, attribute, every, lambda cell: cell.subsidies, Subsidies())
