"""Round steps for chart axes and map legend classes (0 – 2,000 – 4,000, not 0 – 1,983 – 3,965)."""
from __future__ import annotations

import math
from typing import Sequence


def round_step(wanted: float, multipliers: Sequence[float]) -> float:
    """The smallest m × 10^n ≥ ``wanted`` (> 0), m from ``multipliers`` (ascending, ending with 10)."""
    magnitude = 10 ** math.floor(math.log10(wanted))
    return next(m * magnitude for m in multipliers if m * magnitude >= wanted * (1 - 1e-12))
