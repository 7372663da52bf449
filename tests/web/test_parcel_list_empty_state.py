"""A parcel list that finds nothing says which filter to drop and what each drop would find, as the
freed land's does. It said only "没有符合这些条件的地块。" in a table whose head, on a phone, still
offered its sort buttons over nothing, and a pager of one empty page."""
from __future__ import annotations

import re

from tests.integration.land_data import A, B
from tests.web.page_text import text_of
from tests.web.test_freed_land_empty_state import suggestions

EMPTY = f"/land/parcels?district={B}&land_use=M1"


def test_each_filter_can_be_dropped_with_the_count_it_would_find(client, ids, login):
    login("city_reviewer")
    html = client.get(EMPTY).get_data(as_text=True)
    assert "没有符合这些条件的地块。" in html and "去掉一个条件再试：" in text_of(html)
    assert suggestions(html) == [
        ("?district=&land_use=M1#parcel-table", "去掉“区：测试B区”：3 个地块"),
        (f"?district={B}#parcel-table", "去掉“用地性质：一类工业用地（M1）”：2 个地块"),
    ]
    assert 'href="/land/parcels">重置</a>' in html
    # no table (its head is the phone's sort buttons), no pager, no download
    assert 'id="parcel-table"' not in html and 'class="pager' not in html and "parcel-exports" not in html


def test_the_list_own_filters_can_be_dropped_too(client, ids, login):
    login("city_reviewer")
    html = client.get("/land/parcels?code=T-P9&project=with&lang=en").get_data(as_text=True)
    said = [text for _href, text in suggestions(html)]
    assert said == ["Without “Parcel code starts with: T-P9”: still none",
                    "Without “Projects: Tied to a project”: still none"], said


def test_district_staff_dropping_their_district_see_every_district(client, ids, login):
    login("district_staff", A)  # opens on district A
    html = client.get("/land/parcels?code=T-P2").get_data(as_text=True)
    assert suggestions(html)[0] == ("?district=&code=T-P2#parcel-table", "去掉“区：测试A区”：1 个地块")
    assert re.search(r"共 0 项", text_of(html))
