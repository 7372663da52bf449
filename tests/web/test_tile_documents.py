"""What a GIS analyst's QGIS reads to add the vector tiles without typing them in: each tile layer's
TileJSON 3.0.0 and Mapbox GL style, linked from the OGC API's collections (docs/freed-land.md,
"Vector tiles"). QGIS's own reading of the style: docs/freed-land.md, "QGIS"."""
from __future__ import annotations

import json

import mapbox_vector_tile
import pytest
from sqlalchemy import text

from geo.geometry import SHANGHAI_EXTENT_LONLAT
from geo.map_styles import PROJECT_KIND_STYLES, VERMILION, ZONE_STYLES
from geo.tile_styles import rgba
from registry.services import projects as svc
from registry.services.tiles import LAYERS
from tests.integration.project_data import PUDONG, draft
from tests.web.test_land_api import tile_of

LAYER_TYPES = {"fill", "line", "symbol", "circle", "background"}


def get_json(client, url: str, status: int = 200, **kwargs) -> dict:
    response = client.get(url, **kwargs)
    assert response.status_code == status, response.get_data(as_text=True)
    assert response.mimetype in ("application/json", "application/problem+json")
    return json.loads(response.get_data(as_text=True))


@pytest.fixture
def planner(login):
    return login("planner")


def test_a_tilejson_gives_the_template_zooms_bounds_and_the_layers_in_the_tiles(client, ids, planner):
    doc = get_json(client, "/tiles/freed/tilejson.json")
    assert doc["tilejson"] == "3.0.0" and doc["scheme"] == "xyz"
    assert doc["tiles"] == ["http://localhost/tiles/freed/{z}/{x}/{y}.mvt"]  # absolute, on the host asked
    assert (doc["minzoom"], doc["maxzoom"]) == (0, 16) and doc["bounds"] == list(SHANGHAI_EXTENT_LONLAT)
    west, south, east, north = doc["bounds"]
    assert west < doc["center"][0] < east and south < doc["center"][1] < north
    assert doc["name"] == "腾出土地" and doc["attribution"] == "上海市产业结构调整和节能项目登记系统"
    layers = doc["vector_layers"]
    assert [(v["id"], v["minzoom"], v["maxzoom"]) for v in layers] == [
        ("freed_district", 0, 9), ("freed_grid", 10, 12), ("freed", 13, 16)]
    assert layers[2]["fields"]["freed_on"] == "String" and layers[1]["fields"]["freed"] == "Number"
    assert layers[2]["fields"]["former_use"] == "String"  # 原用途, for a GIS client's identify
    assert get_json(client, "/tiles/freed/tilejson.json?lang=en")["name"] == "Freed land"


# Where each layer has features in the test's data, at its detailed zooms (the aggregates: 121.45, 31.25)
SAMPLES = {"parcels": (121.421, 31.221), "freed": (121.421, 31.221), "projects": (121.6005, 31.2005),
           "zones": (121.45, 31.25), "districts": (121.45, 31.25)}
# Null in the test data, so left out of its tiles (an MVT feature has no null attribute)
NULL_HERE = {"zones": {"district_code"}}


def _features(client, layer: str, source_layer: str, z: int) -> list[dict]:
    lon, lat = SAMPLES[layer] if z >= 13 else (121.45, 31.25)
    x, y = tile_of(lon, lat, z)
    return mapbox_vector_tile.decode(client.get(f"/tiles/{layer}/{z}/{x}/{y}.mvt").data)[source_layer]["features"]


@pytest.mark.parametrize("layer", LAYERS)
def test_the_fields_a_tilejson_names_are_those_the_tiles_carry(request, client, session, login, layer):
    if layer == "projects":
        request.getfixturevalue("districts")
        svc.register_project(session, PUDONG, draft())
    else:
        request.getfixturevalue("ids")
    login("planner")
    for described in get_json(client, f"/tiles/{layer}/tilejson.json")["vector_layers"]:
        features = _features(client, layer, described["id"], max(described["minzoom"], 8))
        carried = {name: "Number" if isinstance(value, (int, float)) else "String"
                   for f in features for name, value in f["properties"].items()}
        assert carried.items() <= described["fields"].items(), described["id"]
        assert set(described["fields"]) - set(carried) == NULL_HERE.get(layer, set()), described["id"]


def test_a_freed_tile_carries_the_use_the_land_was_freed_with(client, session, ids, planner):
    session.execute(text("UPDATE parcels SET status = 'redeveloped', land_use_class = 'B1' WHERE id = :i"),
                    {"i": ids["P1"]})
    x, y = tile_of(121.4205, 31.2205, 14)
    layer = mapbox_vector_tile.decode(client.get(f"/tiles/freed/14/{x}/{y}.mvt").data)["freed"]
    [p1] = [f["properties"] for f in layer["features"] if f["properties"]["code"] == "T-P1"]
    assert (p1["status"], p1["land_use_class"], p1["former_use"]) == ("redeveloped", "B1", "M1")


def _by_id(style: dict) -> dict[str, dict]:
    return {layer["id"]: layer for layer in style["layers"]}


@pytest.mark.parametrize("layer", LAYERS)
def test_each_style_is_a_mapbox_gl_style_of_its_tiles(client, ids, planner, layer):
    tilejson = get_json(client, f"/tiles/{layer}/tilejson.json")
    style = get_json(client, f"/tiles/{layer}/style.json")
    assert style["version"] == 8 and isinstance(style["layers"], list) and style["layers"]
    (source,) = style["sources"].values()
    assert source["type"] == "vector" and source["tiles"] == tilejson["tiles"]
    assert (source["minzoom"], source["maxzoom"], source["bounds"]) == (0, 16, tilejson["bounds"])
    assert "glyphs" not in style and "sprite" not in style  # QGIS draws labels with local fonts
    fields = {v["id"]: v["fields"] for v in tilejson["vector_layers"]}
    assert len(_by_id(style)) == len(style["layers"])  # ids are unique
    for each in style["layers"]:
        assert each["type"] in LAYER_TYPES and each["source"] in style["sources"], each
        assert each["source-layer"] in fields, each
        if "filter" in each:
            compared = [each["filter"]] if each["filter"][0] != "all" else each["filter"][1:]
            assert all(part[1] in fields[each["source-layer"]] for part in compared), each
        if each["type"] == "symbol":
            token = each["layout"]["text-field"].strip("{}")
            assert token in fields[each["source-layer"]] and each["layout"]["text-font"], each


def test_styles_colour_by_status_kind_and_zone_as_the_maps_do_and_speak_chinese(client, ids):
    # no sign-in: QGIS fetches a connection's style URL without its authentication; the TileJSON needs one
    assert client.get("/tiles/freed/tilejson.json").status_code == 401
    freed = _by_id(get_json(client, "/tiles/freed/style.json"))
    assert freed["腾出土地：已腾出"]["filter"] == ["==", "status", "freed"]
    assert freed["腾出土地：已腾出"]["paint"] == {"fill-color": rgba(VERMILION.fill, 0.55),
                                             "fill-outline-color": VERMILION.outline}
    assert freed["腾出土地：区名标注"]["layout"]["text-field"] == "{name_zh}"
    projects = _by_id(get_json(client, "/tiles/projects/style.json"))
    boiler = projects["项目：燃煤（重油）锅炉清洁能源替代"]
    assert boiler["paint"]["fill-outline-color"] == PROJECT_KIND_STYLES["boiler_replacement"].outline
    zones = _by_id(get_json(client, "/tiles/zones/style.json?lang=en"))
    block = zones["Zones: 104 industrial block"]
    assert block["filter"] == ["==", "kind", "block_104"] and block["paint"]["fill-outline-color"] == ZONE_STYLES[
        "block_104"].outline
    assert zones["Zones: name labels"]["layout"]["text-field"] == "{name_en}"
    assert get_json(client, "/tiles/roads/style.json", 404)["status"] == 404


def test_the_ogc_collections_link_their_tiles_tilejson_and_style_in_the_readers_language(client, ids, planner):
    collection = get_json(client, "/ogc/collections/freed_land")
    assert collection["title"] == "腾出土地"
    links = {link["rel"]: link for link in collection["links"]}
    assert links["describedby"] == {"href": "http://localhost/tiles/freed/tilejson.json", "rel": "describedby",
                                    "type": "application/json", "title": "矢量瓦片的 TileJSON"}
    assert links["stylesheet"]["href"] == "http://localhost/tiles/freed/style.json"
    assert links["stylesheet"]["type"] == "application/vnd.mapbox.style+json"
    assert links["describedBy"]["type"] == "application/schema+json"  # the schema GDAL reads stays as it was
    english = get_json(client, "/ogc/collections?lang=en")["collections"]
    parcels = next(c for c in english if c["id"] == "parcels")
    assert parcels["title"] == "Land parcels"
    assert {link["rel"]: link["title"] for link in parcels["links"]}["stylesheet"] == (
        "Map style of the vector tiles (Mapbox GL)")
    for link in parcels["links"]:
        assert client.get(link["href"].replace("http://localhost", "")).status_code == 200, link
