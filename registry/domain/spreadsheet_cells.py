"""Cells a spreadsheet must not run: text that starts like a formula (formula injection, OWASP "CSV
Injection"). A display name, a note or a file name typed as ``=HYPERLINK(…)`` or ``@SUM(…)`` would be
evaluated by Excel or LibreOffice when an exported file is opened; written as text, it is read as typed."""
from __future__ import annotations

from typing import Any

# = + - @ start a formula; a tab or carriage return before one is dropped by some readers.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def starts_like_formula(value: Any) -> bool:
    """Whether ``value`` is text a spreadsheet would take for a formula (numbers are not text)."""
    return isinstance(value, str) and value.startswith(FORMULA_STARTS)


def neutralised(value: Any) -> Any:
    """``value`` for a CSV cell: such text behind an apostrophe (the usual remedy: the cell shows it,
    and reads as text), anything else as it is. XLSX marks the cell as text instead (``quotePrefix``)."""
    return "'" + value if starts_like_formula(value) else value
