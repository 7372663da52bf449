"""Which district a search text names whole: 闵行, 闵行区, Minhang, Minhang District, 310112.

The search box finds a district as its own group, above the records (services/search.py). Only a
whole name matches — a part of one (区, 闵, Min) would name several districts or none that was meant
— compared as the search compares (``search_key``: case and width aside), and with spaces,
apostrophes and hyphens left out (Jing'an, jingan; pudong new area). The city's name before it
(上海市闵行区, Shanghai Minhang) is read as the district's.
"""
from __future__ import annotations

import re
from typing import Mapping

from registry.domain.search import SearchText, search_key

# Said after a district's own name: 浦东新区 → 浦东, 闵行区 → 闵行; Pudong New Area → Pudong
_SUFFIXES_ZH = ("新区", "区")
_SUFFIXES_EN = (" new area", " district")
_CITY = ("上海市", "上海", "shanghai")
_LEFT_OUT = re.compile(r"[\s'’\-]")


def _compact(key: str) -> str:
    return _LEFT_OUT.sub("", key)


def district_keys(code: str, name_zh: str, name_en: str) -> frozenset[str]:
    """Every whole name a district is found by, compacted as ``districts_named`` compares them."""
    zh, en = search_key(name_zh), search_key(name_en)
    names = {code, zh, en}
    for suffix in _SUFFIXES_ZH:
        if zh.endswith(suffix) and len(zh) > len(suffix) + 1:  # 2 characters at least: 闵行, never 闵
            names.add(zh[: -len(suffix)])
            break
    short_en = next((en[: -len(s)] for s in _SUFFIXES_EN if en.endswith(s)), en)
    names |= {short_en, f"{short_en} district"}
    return frozenset(_compact(name) for name in names)


def districts_named(search: SearchText, districts: Mapping[str, tuple[str, str]]) -> list[str]:
    """The codes of the districts (code → (Chinese name, English name)) that ``search`` names whole,
    by code."""
    typed = _compact(search.key)
    wanted = {typed} | {typed[len(city):] for city in _CITY if typed.startswith(city) and len(typed) > len(city)}
    return [code for code, (zh, en) in sorted(districts.items()) if wanted & district_keys(code, zh, en)]
