"""The industry code of GB/T 4754-2017 (国民经济行业分类): a section letter and two to four digits
(C261 化学原料和化学制品制造业 at 中类 level); the enterprise forms, its API and the dataset checks
refuse anything else with the same words."""
from __future__ import annotations

import re

from registry.domain.errors import N_, Message

INDUSTRY_CODE = re.compile(r"^[A-T][0-9]{2,4}$")


def industry_code_problem(code: str | None) -> Message | None:
    """Why ``code`` is no GB/T 4754-2017 code; ``None`` for a well-formed code or none at all."""
    if code and not INDUSTRY_CODE.match(code):
        return Message(N_("must be a GB/T 4754-2017 code such as C261"))
    return None
