"""Reading the one-time messages (flask.flash) that base.html shows at the top of a page."""
from __future__ import annotations

import re

FLASHES = re.compile(r'<div class="flashes" role="status">(.*?)</div>', re.S)
FLASH = re.compile(r'<p class="flash flash-(\w+)">(.*?)</p>', re.S)


def flashes(html: str) -> list[tuple[str, str]]:
    """(category, text) of each message on the page."""
    block = FLASHES.search(html)
    return FLASH.findall(block.group(1)) if block else []


def after(client, response) -> list[tuple[str, str]]:
    """The messages on the page a successful write redirected to; a second view shows none."""
    assert response.status_code in (302, 303), response.get_data(as_text=True)[:2000]
    shown = flashes(client.get(response.headers["Location"]).get_data(as_text=True))
    assert flashes(client.get(response.headers["Location"]).get_data(as_text=True)) == []
    return shown
