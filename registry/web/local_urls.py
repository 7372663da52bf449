"""Where a ``next=`` parameter may send the browser: only to a path of this site.

``urlparse`` alone is not enough: browsers read a backslash as a slash and drop tabs and line
breaks from a URL, so ``/\\evil.example`` and ``/\\t/evil.example`` have no host for Python but lead
to ``//evil.example``, another site, for the browser.
"""
from __future__ import annotations

from urllib.parse import urlparse


def is_local(target: str | None) -> bool:
    if not target or not target.startswith("/") or target.startswith("//"):
        return False
    if "\\" in target or any(ord(ch) < 0x21 or ord(ch) == 0x7f for ch in target):
        return False
    parsed = urlparse(target)
    return not parsed.scheme and not parsed.netloc


def local_or(target: str | None, fallback: str) -> str:
    """``target`` if it is a path of this site, else ``fallback``."""
    return target if is_local(target) else fallback
