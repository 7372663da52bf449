"""A sign-in's browser as people name it — "Edge 120 · Windows 10", "WeChat Browser 8 · iOS 17" — read
from its User-Agent by ua-parser (the maintained uap-core rules, which know the browsers used here:
WeChat's, 360's, QQ's); the raw text stays in the cell's title. Unknown text is shown as sent."""
from __future__ import annotations

from functools import lru_cache

from ua_parser import parse


@lru_cache(maxsize=512)
def browser_name(user_agent: str | None) -> str | None:
    """The browser and system named by ``user_agent``, or None when the rules know neither."""
    if not user_agent:
        return None
    found = parse(user_agent)
    if found.user_agent is None:
        return None
    browser = " ".join(filter(None, (found.user_agent.family, found.user_agent.major)))
    system = " ".join(filter(None, (found.os.family, found.os.major))) if found.os else ""
    return f"{browser} · {system}" if system else browser
