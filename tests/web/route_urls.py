"""A URL of each of the app's rules, its variables filled from a table of values."""
from __future__ import annotations

import re


def url_of(rule, values: dict[str, str]) -> str:
    def value(match: re.Match) -> str:
        converter, name = match.group(1), match.group(2)
        return values.get(name) or ("1" if converter and converter.startswith("int") else "x")
    return re.sub(r"<(?:([a-z]+)(?:\([^)]*\))?:)?([a-z_]+)>", value, rule.rule)
