"""Reading a page as its reader does: its text without tags, entities or runs of white space."""
from __future__ import annotations

import html as markup
import re


def text_of(html: str) -> str:
    """The text of ``html``, tags replaced by a space, entities decoded, white space folded."""
    return re.sub(r"\s+", " ", markup.unescape(re.sub(r"<[^>]+>", " ", html)))


def section(html: str, css_class: str) -> str:
    """The text of the first ``<section class="card {css_class}">``."""
    found = re.search(rf'<section class="card {css_class}">(.*?)</section>', html, re.S)
    assert found, css_class
    return text_of(found.group(1))
