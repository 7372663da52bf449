"""The rollup dashboard's district map is drawn once per state of what it shows — the districts
(their layer's version, migration 0010), the savings by district and their links, the language — not
on every view: reading the outlines and drawing took ≈ 90 ms a view (docs/performance.md, "Rollups")."""
from __future__ import annotations

import json
import re

import pytest
from sqlalchemy import text

from registry.web import rollups as rollups_web
from tests.integration import rollup_data

LABEL = re.compile(r'"label": ("(?:[^"\\]|\\.)*")')  # the map's tooltips, JSON in its script
DASHBOARD = "/rollups?year=2013"


@pytest.fixture
def drawn(monkeypatch, client, login, session) -> list[int]:
    """The demo's two districts and their projects, a planner signed in; one entry per map drawn."""
    rollup_data.load(session)
    login("planner")
    calls: list[int] = []
    draw = rollups_web.choropleth_map
    monkeypatch.setattr(rollups_web, "choropleth_map", lambda *args: calls.append(1) or draw(*args))
    return calls


def labels(path: str, client) -> list[str]:
    return [json.loads(found) for found in LABEL.findall(client.get(path).get_data(as_text=True))]


def test_a_second_view_neither_draws_the_map_nor_reads_the_outlines_again(drawn, client, statements):
    first = labels(DASHBOARD, client)
    outlines_read = [sql for sql, _ in statements if "ST_AsGeoJSON" in sql]
    statements.clear()
    assert labels(DASHBOARD, client) == first and len(drawn) == 1
    assert outlines_read and not [sql for sql, _ in statements if "ST_AsGeoJSON" in sql]


def test_an_edited_boundary_or_a_changed_figure_is_drawn_at_once(drawn, client, session):
    assert "浦东新区：1,200.00 吨标准煤" in labels(DASHBOARD, client)
    session.execute(text("UPDATE districts SET geom = ST_Multi(ST_MakeEnvelope(121.33, 31.02, 121.37, 31.07, 4326)) "
                         "WHERE code = '310115'"))
    assert "[121.33, 31.02]" in client.get(DASHBOARD).get_data(as_text=True) and len(drawn) == 2
    session.execute(text("UPDATE projects SET savings_tce = 500 WHERE reference = 'P2'"))
    assert "浦东新区：1,500.00 吨标准煤" in labels(DASHBOARD, client) and len(drawn) == 3
    # another year's figures are another map, and the first is still kept
    assert labels("/rollups?year=2014", client) != labels(DASHBOARD, client) and len(drawn) == 4


def test_english_and_chinese_maps_are_each_drawn_once(drawn, client):
    chinese = labels(DASHBOARD, client)
    client.get("/lang/en")
    english = labels(DASHBOARD, client)
    assert english != chinese and any(label.startswith("Pudong") for label in english)
    assert labels(DASHBOARD, client) == english and len(drawn) == 2
