"""The OGC API items page filters by district with a list of the districts by name, in the reader's
language, as every other page's district filter: it was a bare text field that took a six-digit code."""
from __future__ import annotations

import re

from sqlalchemy import text

from tests.web.test_ogc_html import ITEMS, html_of


def _district_select(page: str) -> str:
    found = re.search(r'<select name="district_code">(.*?)</select>', page, flags=re.S)
    assert found, "no list of districts"
    return found.group(1)


def test_the_district_filter_lists_the_districts_by_name(client, session, ids, login):
    login("planner")
    districts = session.execute(text("SELECT code, name_zh, name_en FROM districts ORDER BY code")).all()
    code, name_zh, name_en = districts[0]
    chosen = _district_select(html_of(client, f"{ITEMS}?f=html&district_code={code}"))
    assert f'<option value="{code}" selected>{name_zh}</option>' in chosen
    assert re.findall(r'<option value="(\d+)"', chosen) == [c for c, _zh, _en in districts]
    english = _district_select(html_of(client, f"{ITEMS}?f=html&lang=en"))
    assert f'<option value="{code}">{name_en}</option>' in english
    # a code no district has, typed in the address, stays chosen (and finds nothing), as before
    assert '<option value="999999" selected>999999</option>' in _district_select(
        html_of(client, f"{ITEMS}?f=html&district_code=999999"))
