"""The freed land's page lists 50 rows, as the parcel list: it listed 200 (≈ 8,600 px at 1280 px wide,
≈ 30,000 px on a phone, where each row is a card). A ``limit=`` typed in the address still sets the
size; the downloads stay whole."""
from __future__ import annotations

import re

from sqlalchemy import text

from geo import queries
from registry.domain.parcel_list import DEFAULT_PAGE_SIZE

MORE = 60  # freed parcels beside the test map's (five live ones)


def _more_freed_land(session, ids) -> int:
    made = session.execute(text(
        "INSERT INTO parcels (code, geom, land_use_class, status, freed_on, valid_from) "
        "SELECT 'T-M' || n, geom, land_use_class, status, freed_on, valid_from FROM parcels, generate_series(1, :n) n "
        "WHERE id = :p RETURNING id"), {"n": MORE, "p": ids["P1"]}).scalars().all()
    queries.derive_parcel_locations(session, list(made))
    session.flush()
    return len(made)


def _rows(html: str) -> int:
    table = html[html.index('id="freed-table"'):]
    return table[table.index("<tbody>"):table.index("</tbody>")].count("<tr")


def test_the_freed_land_lists_a_page_of_the_parcel_lists_size(client, ids, login, session):
    _more_freed_land(session, ids)
    login("planner")
    html = client.get("/land/freed").get_data(as_text=True)
    assert DEFAULT_PAGE_SIZE == 50 and _rows(html) == 50
    assert "第 1–50 行，共 65 行" in html and f"offset={DEFAULT_PAGE_SIZE}" in html  # the next page
    second = client.get(f"/land/freed?offset={DEFAULT_PAGE_SIZE}").get_data(as_text=True)
    assert _rows(second) == 15 and "第 51–65 行，共 65 行" in second
    assert _rows(client.get("/land/freed?limit=200").get_data(as_text=True)) == 65  # typed in the address
    # the download links carry no page: the file holds every parcel
    links = re.findall(r'href="(/api/[^"]*export[^"]*)"', html) or re.findall(r'href="([^"]*freed[^"]*export[^"]*)"', html)
    assert links and not [link for link in links if "limit=" in link or "offset=" in link], links
    csv = client.get(links[0].replace("&amp;", "&").replace("format=geojson", "format=csv"))
    assert csv.status_code == 200
