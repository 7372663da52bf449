"""Illustrative enterprises with valid GB 32100 credit codes."""
from __future__ import annotations

import random

from registry.domain.credit_code import credit_code_check_char
from registry.services.records import EnterpriseRecord

ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
# GB/T 4754-2017 中类 codes of typical Shanghai restructuring targets, with a trade name.
INDUSTRIES = [
    ("C261", "化工"), ("C292", "塑料制品"), ("C301", "建材"), ("C311", "炼铁"), ("C331", "金属结构"),
    ("C336", "表面处理"), ("C221", "纸业"), ("C171", "纺织"), ("C383", "电缆"), ("C352", "机械"),
    ("C391", "电子"), ("C268", "日化"), ("C324", "有色金属"), ("C305", "玻璃制品"),
]
PLACE_WORDS = ["华", "申", "浦", "沪", "东", "兴", "宏", "安", "达", "昌", "隆", "鑫", "泰", "丰", "宝", "益"]
# 3,584 names of the form 上海{place}{place}{trade}有限公司: once half are taken, a name drawn again
# gets a works number instead of another draw (city scale, ``demo synth --projects 100000``, asks
# for 66,666 enterprises: drawing until a new name came up never ended).
NAMES = len(PLACE_WORDS) ** 2 * len(INDUSTRIES)


def make_credit_code(rng: random.Random, district_code: str) -> str:
    """'91' (enterprise, company) + the district's division code + a random organisation code."""
    first17 = "91" + district_code + "".join(rng.choice(ALPHABET) for _ in range(9))
    return first17 + credit_code_check_char(first17)


def demo_enterprises(rng: random.Random, district_codes: list[str], count: int) -> list[EnterpriseRecord]:
    seen_codes: set[str] = set()
    seen_names: set[str] = set()
    result = []
    while len(result) < count:
        district = district_codes[len(result) % len(district_codes)]
        industry, trade = rng.choice(INDUSTRIES)
        place = f"上海{rng.choice(PLACE_WORDS)}{rng.choice(PLACE_WORDS)}{trade}"
        name = f"{place}有限公司（示意）"
        if name in seen_names and len(seen_names) >= NAMES // 2:
            name = f"{place}{len(result) + 1}厂有限公司（示意）"
        code = make_credit_code(rng, district)
        if code in seen_codes or name in seen_names:
            continue
        seen_codes.add(code)
        seen_names.add(name)
        result.append(EnterpriseRecord(code, name, industry, district, None, True))
    return result
