"""A page's title stands above its content, as on the project list, the audit trail and the land pages,
not inside its first card: the reference data, users, account and token pages had it in a card, the
targets and the rollup's projects in a panel."""
from __future__ import annotations

import re

import pytest

PAGES = ["/reference", "/admin/users", "/admin/users/admin-city", "/account", "/account/tokens", "/targets",
         "/rollups/projects?year=2013", "/monitoring"]


@pytest.mark.parametrize("url", PAGES)
def test_a_pages_title_stands_above_its_cards(client, login, url):
    login("admin")
    html = client.get(url).get_data(as_text=True)
    main = html[html.index("<main"):html.index("</main>")]
    boxes = [m.start() for m in re.finditer(r'<section class="(?:card|panel)\b', main)]
    assert "<h1" in main and boxes, url
    assert main.index("<h1") < boxes[0], main[:main.index("<h1") + 200]
