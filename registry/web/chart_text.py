"""How wide a chart's text is drawn and where it breaks: the server draws the SVG, so it measures
text itself (no browser layout), roughly but on the safe side for the CJK fonts it names."""
from __future__ import annotations

import re


def text_px(text: str, size: float) -> float:
    """About how wide ``text`` is drawn at ``size`` px: a CJK character an em, others at most 0.6 of one."""
    return sum(size if ord(ch) >= 0x2E80 else size * 0.6 for ch in text)


def wrapped(text: str, width: float, size: float, between_cjk: bool = True) -> list[str]:
    """``text`` in lines about ``width`` wide at most, broken between words, and between CJK
    characters unless ``between_cjk`` is false (a name: Equal value / (等价), not (等 / 价))."""
    lines, line = [], ""
    pattern = r"[\u2e80-\uffff]|[^\s\u2e80-\uffff]+\s*|\s+" if between_cjk else r"\S+\s*|\s+"
    for token in re.findall(pattern, text):
        if line.strip() and text_px(line + token.rstrip(), size) > width:
            lines.append(line.rstrip())
            line = token.lstrip()
        else:
            line += token
    return lines + [line.rstrip()] if line.strip() else lines


def shortened(text: str, width: float, size: float) -> str:
    """``text``, cut with an ellipsis to about ``width`` (the full text stays in the bar's tooltip)."""
    while text_px(text, size) > width and len(text) > 1:
        text = text[:-2] + "…"
    return text
