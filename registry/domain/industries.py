"""GB/T 4754-2017 (国民经济行业分类): the 20 sections (门类) an enterprise's industry code starts with,
and the prefix the enterprise directory filters by.

An enterprise's code is a section letter and two to four digits (C261: 制造业 › 化学原料和化学制品制造业 ›
基础化学原料制造); a prefix of it names a section (C), a division (C26), a group (C261) or a class
(C2611), so one filter reads at every level of the classification.
"""
from __future__ import annotations

import re

from registry.domain.errors import N_, Message

INDUSTRY_SECTIONS: dict[str, str] = {
    "A": N_("Agriculture, forestry, animal husbandry and fishery"),
    "B": N_("Mining"),
    "C": N_("Manufacturing"),
    "D": N_("Production and supply of electricity, heat, gas and water"),
    "E": N_("Construction"),
    "F": N_("Wholesale and retail trade"),
    "G": N_("Transport, storage and postal services"),
    "H": N_("Accommodation and catering"),
    "I": N_("Information transmission, software and IT services"),
    "J": N_("Finance"),
    "K": N_("Real estate"),
    "L": N_("Leasing and business services"),
    "M": N_("Scientific research and technical services"),
    "N": N_("Water conservancy, environment and public facilities management"),
    "O": N_("Resident services, repair and other services"),
    "P": N_("Education"),
    "Q": N_("Health and social work"),
    "R": N_("Culture, sports and entertainment"),
    "S": N_("Public administration, social security and social organisations"),
    "T": N_("International organisations"),
}

def industry_section(code: str | None) -> str | None:
    """The name (a msgid) of the GB/T 4754-2017 section a code belongs to (C391: 制造业), the one name
    of an industry code the registry holds; ``None`` without a code or for a letter not a section."""
    return INDUSTRY_SECTIONS.get(code[0]) if code else None


_PREFIX = re.compile(r"^[A-T][0-9]{0,4}$")
INDUSTRY_CODE = re.compile(r"^[A-T][0-9]{2,4}$")  # an enterprise's own code: at least a division


NOT_A_PREFIX = N_("must be a GB/T 4754-2017 section letter, alone or with up to four digits (C, C26, C261)")


def industry_prefix(raw: str | None) -> str | None:
    """``raw`` as a code prefix (c26 → C26, spaces aside), or ``None`` when it is none: empty, or not
    a section letter followed by at most four digits."""
    text = "".join((raw or "").split()).upper()
    return text if _PREFIX.match(text) else None


def industry_code_problem(code: str | None) -> Message | None:
    """Why ``code`` is no GB/T 4754-2017 code; ``None`` for a well-formed code or none at all (the
    enterprise forms, their API and the dataset checks refuse it with the same words)."""
    if code and not INDUSTRY_CODE.match(code):
        return Message(N_("must be a GB/T 4754-2017 code such as C261"))
    return None
