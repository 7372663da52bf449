"""The land measures through ``numbers.CALC`` (no context entered per operation) and ``decimal_from``'s
fast path give what the code before them gave: the same Decimal (digits and exponent) or the same
refusal, on generated inputs — zero and negative areas, None and other non-numbers, huge and tiny
magnitudes at the bounds and beyond them, more digits than the context holds (ties in rounding) —
whatever the caller's decimal context. The reference is a copy of the code of 3833e3f, its refusals worded as
the registry words them since (one wording for an unknown value and for a non-number, 3895346)."""
from __future__ import annotations

import math
import unicodedata
from decimal import (
    ROUND_DOWN, ROUND_HALF_EVEN, ROUND_HALF_UP, Context, Decimal, DivisionByZero, InvalidOperation, Overflow,
    localcontext,
)
from typing import Any

from hypothesis import example, given, settings
from hypothesis import strategies as st

from registry.domain import land
from registry.domain.errors import N_, NOT_A_NUMBER, UNKNOWN_VALUE, Listed, Number, ValidationError
from registry.domain.numbers import decimal_from, is_numeric_text

# ---- the code before (registry/domain/numbers.py and land.py at 3833e3f), verbatim but for names and wording ----
MAX_MAGNITUDE, MIN_MAGNITUDE = Decimal("1e15"), Decimal("1e-30")


def old_calc_context() -> Context:
    return Context(prec=34, rounding=ROUND_HALF_EVEN, Emin=-999999, Emax=999999,
                   traps=[InvalidOperation, DivisionByZero, Overflow])


def old_decimal_from(value: Any, field: str) -> Decimal:
    result = old_exact(value, field)
    if result.copy_abs() >= MAX_MAGNITUDE:
        raise ValidationError.single(field, N_("must be less than %(limit)s"), limit=Number(MAX_MAGNITUDE))
    if result.is_zero():
        return Decimal(0)
    if result.copy_abs() < MIN_MAGNITUDE:
        raise ValidationError.single(field, N_("must be zero or at least %(limit)s in size"), limit="10^-30")
    return result


def old_exact(value: Any, field: str) -> Decimal:
    if isinstance(value, bool):
        raise ValidationError.single(field, N_("must be a number, not true/false"))
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, float):
        if not math.isfinite(value):
            raise ValidationError.single(field, N_("must be a finite number"))
        return Decimal(str(value))
    if isinstance(value, Decimal):
        if not value.is_finite():
            raise ValidationError.single(field, N_("must be a finite number"))
        return value
    if isinstance(value, str):
        if not is_numeric_text(value):
            raise ValidationError.single(field, NOT_A_NUMBER, value=value[:40])
        return Decimal(unicodedata.normalize("NFKC", value).strip())
    raise ValidationError.single(field, N_("must be a number"))


def old_area(area_m2: object, field: str = "area_m2") -> Decimal:
    value = old_decimal_from(area_m2, field)
    if value < 0:
        raise ValidationError.single(field, N_("must not be negative"))
    return value


def old_area_m2_from_mu(mu: object) -> Decimal:
    value = old_area(mu, "area_mu")
    with localcontext(old_calc_context()):
        return value * 10000 / 15


def old_area_mu(area_m2: object) -> Decimal:
    value = old_area(area_m2)
    with localcontext(old_calc_context()):
        return value * 15 / 10000


def old_area_ha(area_m2: object) -> Decimal:
    value = old_area(area_m2)
    with localcontext(old_calc_context()):
        return value / Decimal(10000)


def old_area_km2(area_m2: object) -> Decimal:
    value = old_area(area_m2)
    with localcontext(old_calc_context()):
        return value / Decimal(1000000)


OLD_YI_YUAN_PER = {"亿元": Decimal(1), "yi_yuan": Decimal(1), "万元": Decimal("0.0001"),
                   "wan_yuan": Decimal("0.0001"), "元": Decimal("0.00000001"), "yuan": Decimal("0.00000001")}


def old_output_yi_yuan(output_value: object, output_unit: str) -> Decimal:
    factor = OLD_YI_YUAN_PER.get(output_unit.strip()) if isinstance(output_unit, str) else None
    if factor is None:
        raise ValidationError.single("output_unit", UNKNOWN_VALUE, value=str(output_unit)[:40],
                                     allowed=Listed(tuple(OLD_YI_YUAN_PER)))
    value = old_decimal_from(output_value, "output_value")
    if value < 0:
        raise ValidationError.single("output_value", N_("must not be negative"))
    with localcontext(old_calc_context()):
        return value * factor


def old_land_output_yi_yuan_per_km2(output_value: object, output_unit: str, area_m2: object) -> Decimal:
    output = old_output_yi_yuan(output_value, output_unit)
    area = old_area(area_m2)
    if area == 0:
        raise ValidationError.single("area_m2", N_("must be greater than zero"))
    with localcontext(old_calc_context()):
        return output * Decimal(1000000) / area


def old_output_change_yi_yuan_per_km2(current: Decimal | None, previous: Decimal | None) -> Decimal | None:
    if current is None or previous is None:
        return None
    with localcontext(old_calc_context()):
        return current - previous


def old_output_change_percent(current: Decimal | None, previous: Decimal | None) -> Decimal | None:
    change = old_output_change_yi_yuan_per_km2(current, previous)
    if change is None or not previous:
        return None
    with localcontext(old_calc_context()):
        return change * 100 / previous


# ---- inputs ----
def _decimal(sign: int, digits: str, exponent: int) -> Decimal:
    return Decimal((sign, tuple(int(d) for d in digits), exponent))


# Any digits (1–40 of them: past the context's 34, so products and quotients round) at any scale, the
# bounds' neighbourhood included (10^15 and 10^-30 are 1 digit at exponent 15 and -30).
decimals = st.builds(_decimal, st.integers(0, 1), st.from_regex(r"[1-9][0-9]{0,39}", fullmatch=True),
                     st.integers(-75, 20))
# 35 digits ending in 5: a half at the 34th digit, rounded half to even (or not, by the next operation)
ties = st.builds(_decimal, st.just(0), st.from_regex(r"[1-9][0-9]{33}5", fullmatch=True), st.integers(-40, -10))
specials = st.sampled_from([
    Decimal(0), Decimal("-0"), Decimal("0E-50"), Decimal("0E+20"), Decimal("1E+15"), Decimal("-1E+15"),
    Decimal("999999999999999.9999"), Decimal("1E-30"), Decimal("9.99E-31"), Decimal("-1E-30"),
    Decimal("NaN"), Decimal("-Infinity"), Decimal("Infinity"), Decimal("12000.0"), Decimal("20000.00"),
    Decimal("1E+999999"), Decimal("1E-999999"),
])
numbers = st.one_of(decimals, ties, specials, st.integers(-(10 ** 16), 10 ** 16),
                    st.sampled_from([10 ** 15, 10 ** 15 - 1, -(10 ** 15), 10 ** 40, 0, 1, -1]),
                    st.floats(allow_nan=True, allow_infinity=True),
                    st.sampled_from([None, True, False, "12000", " 0.5 ", "１２０００", "1e15", "1e-31", "abc", "", [], 1j]))
units = st.sampled_from(["万元", "亿元", "元", " wan_yuan ", "yi_yuan", "yuan", "美元", None, 5])
# what the contexts of callers might be (the caller's own must not change a figure)
callers = st.sampled_from([None, Context(prec=3, rounding=ROUND_DOWN), Context(prec=50, rounding=ROUND_HALF_UP, traps=[])])


def outcome(function, *args) -> tuple:
    """What a call gives: the Decimal as digits and exponent (so 60 and 60.0 differ), or the refusal."""
    try:
        value = function(*args)
    except ValidationError as error:
        return ("refused", [e.field for e in error.field_errors], error.field_errors[0].message.msgid)
    except ArithmeticError as error:
        return ("arithmetic", type(error))
    return ("value", None if value is None else value.as_tuple())


def same(caller: Context | None, new, old, *args) -> None:
    with localcontext(caller or Context()):
        assert outcome(new, *args) == outcome(old, *args), args


@settings(max_examples=400)
@given(numbers, callers)
@example(Decimal("0.5"), None)
def test_decimal_from_and_the_areas_as_before(value, caller):
    same(caller, decimal_from, old_decimal_from, value, "area_m2")
    for new, old in ((land.area_m2_from_mu, old_area_m2_from_mu), (land.area_mu, old_area_mu),
                     (land.area_ha, old_area_ha), (land.area_km2, old_area_km2)):
        same(caller, new, old, value)


@settings(max_examples=400)
@given(numbers, units, numbers, callers)
@example(Decimal("1.2"), "亿元", 20000, None)  # 60
@example(12000, "万元", 0, None)  # zero area: refused
@example(Decimal("1E+14"), "元", Decimal("1E-29"), None)  # the largest quotient of inputs
def test_land_output_as_before(output, unit, area, caller):
    same(caller, land.output_yi_yuan, old_output_yi_yuan, output, unit)
    same(caller, land.land_output_yi_yuan_per_km2, old_land_output_yi_yuan_per_km2, output, unit, area)


figures = st.one_of(st.none(), decimals, ties, specials)


@settings(max_examples=400)
@given(figures, figures, callers)
@example(Decimal(60), Decimal(48), None)  # 12, 25 %
@example(Decimal(60), Decimal(0), None)  # no share of nothing
@example(Decimal("sNaN"), Decimal(0), None)  # the change is computed (and refused) first, as before
def test_change_on_the_year_before_as_before(current, previous, caller):
    same(caller, land.output_change_yi_yuan_per_km2, old_output_change_yi_yuan_per_km2, current, previous)
    same(caller, land.output_change_percent, old_output_change_percent, current, previous)


@given(st.lists(st.tuples(decimals, decimals), min_size=1, max_size=5))
def test_a_refused_operation_leaves_no_mark_on_the_next(pairs):
    # CALC is shared: an overflow trapped on it must not make a later, good operation fail or differ
    try:
        land.output_change_percent(Decimal("9E+999999"), Decimal("-9E+999999"))
    except Overflow:
        pass
    for current, previous in pairs:
        same(None, land.output_change_percent, old_output_change_percent, current, previous)
