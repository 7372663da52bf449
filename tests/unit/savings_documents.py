"""Savings input documents for the hand-computed worked examples (test_savings_worked_examples*.py):
a motor group, a ledger line, and an arithmetic expression evaluated as the engine computes."""
from __future__ import annotations

from decimal import Decimal, localcontext

from registry.domain.numbers import calc_context

D = Decimal


def exact(expression: str) -> Decimal:
    """A hand-written arithmetic expression of Decimal literals, evaluated at 34 digits."""
    with localcontext(calc_context()):
        return eval(expression, {"D": Decimal})  # noqa: S307 — literal test arithmetic only


def motor(count, kw, load, hours, before, after, remanufactured=False):
    return {"count": count, "rated_kw": kw, "load_factor": load, "hours_per_year": hours,
            "efficiency_before": before, "efficiency_after": after,
            "remanufactured": remanufactured}


def line(energy, quantity, unit, **extra):
    return {"energy": energy, "quantity": quantity, "unit": unit, **extra}
