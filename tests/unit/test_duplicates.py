"""Which projects look like a second registration of one another, and why (domain/duplicates.py)."""
from __future__ import annotations

from registry.domain.duplicates import Lookalike, kinds_counted_with, reasons


def other(kind: str = "motor_upgrade", same_enterprise: bool = False, codes: tuple[str, ...] = ()) -> Lookalike:
    return Lookalike(2, "2013-310115-0002", "电机改造", kind, 2013, "draft", "310115", same_enterprise, codes)


def test_a_retrofit_and_an_emc_contract_count_the_same_savings_other_kinds_only_their_own():
    assert kinds_counted_with("technical_retrofit") == {"technical_retrofit", "contract_energy_management"}
    assert kinds_counted_with("contract_energy_management") == {"technical_retrofit", "contract_energy_management"}
    assert kinds_counted_with("motor_upgrade") == {"motor_upgrade"}
    assert kinds_counted_with("structural_adjustment") == {"structural_adjustment"}


def test_the_reasons_come_most_telling_first():
    found = reasons("technical_retrofit", other("contract_energy_management", True, ("P-1",)))
    assert [m.msgid for m in found] == ["The same enterprise, in the same year", "Shares the parcels %(codes)s",
                                        found[2].msgid] and found[2].msgid.startswith("An EMC contract")
    assert found[1].render() == "Shares the parcels P-1"


def test_many_shared_parcels_are_counted_and_the_first_five_named():
    codes = tuple(f"P-{n}" for n in range(1, 8))
    (shared,) = reasons("motor_upgrade", other(codes=codes))
    assert shared.render() == "Shares 7 parcels, among them P-1, P-2, P-3, P-4, P-5"
