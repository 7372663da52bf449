"""The overview's district map is drawn once per state of the districts and zones (their layers'
versions, migration 0010) and language, not on every visit: drawing it was ~0.1 s of folium, most of
the page once its figures were kept by the database (docs/performance.md, "The overview at city scale")."""
from __future__ import annotations

from sqlalchemy import text

from registry.web import pages

ZONE = ("INSERT INTO zones (kind, name_zh, name_en, geom) VALUES "
        "('development_zone', :name, :name, ST_Multi(ST_MakeEnvelope(121.41, 31.21, 121.45, 31.25, 4326)))")


def test_the_map_is_drawn_again_once_a_zone_or_district_changes_or_for_another_language(client, login, session,
                                                                                        districts, monkeypatch):
    drawn = []
    monkeypatch.setattr(pages, "layered_map", lambda *args, **kwargs: drawn.append(1) or layered(*args, **kwargs))
    login("planner")
    session.execute(text(ZONE), {"name": "Zone-before"})
    assert "Zone-before" in client.get("/").get_data(as_text=True)
    assert "Zone-before" in client.get("/").get_data(as_text=True) and len(drawn) == 1  # not drawn again
    session.execute(text("UPDATE zones SET name_zh = 'Zone-after' WHERE name_zh = 'Zone-before'"))
    page = client.get("/").get_data(as_text=True)
    assert "Zone-after" in page and "Zone-before" not in page and len(drawn) == 2
    session.execute(text("UPDATE districts SET name_zh = 'District-renamed' WHERE code = '310115'"))
    assert "District-renamed" in client.get("/").get_data(as_text=True) and len(drawn) == 3
    client.get("/lang/en")
    page = client.get("/").get_data(as_text=True)
    assert "Zone-before" in page and "Pudong" in page and len(drawn) == 4  # its English names


layered = pages.layered_map
