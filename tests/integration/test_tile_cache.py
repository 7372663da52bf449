"""The tile cache keeps a tile until a committed change touches it (migration 0010, services/tiles)."""
from __future__ import annotations

from dataclasses import replace

import mapbox_vector_tile
import pytest
from sqlalchemy import text

from registry.domain.errors import NotFound
from registry.domain.permissions import Actor
from registry.services import tiles
from tests.web.test_land_api import tile_of

PLANNER = Actor(1, "planner", "planner")


def codes(content: bytes) -> dict[str, str]:
    layer = mapbox_vector_tile.decode(content).get("parcels", {"features": []})
    return {f["properties"]["code"]: f["properties"]["status"] for f in layer["features"]}


def set_status(session, parcel_id: int, status: str) -> None:
    session.execute(text("UPDATE parcels SET status = :s WHERE id = :i"), {"s": status, "i": parcel_id})


def test_a_cached_tile_survives_a_change_elsewhere_and_not_one_inside(session, ids, monkeypatch):
    cache, (x, y) = tiles.TileCache(), tile_of(121.4205, 31.2205, 14)  # P1's tile; P2 lies 0.1° east
    first = tiles.get_tile(session, PLANNER, "parcels", 14, x, y, cache)
    assert codes(first.content)["T-P1"] == "freed"
    rendered = []
    monkeypatch.setattr(tiles.repo, "render", lambda *a: rendered.append(a) or b"fresh")

    set_status(session, ids["P2"], "redevelopment_planned")  # another tile: the cached one stays right
    again = tiles.get_tile(session, PLANNER, "parcels", 14, x, y, cache)
    assert (again.content, again.etag, rendered) == (first.content, first.etag, [])

    set_status(session, ids["P1"], "redevelopment_planned")  # inside: rendered anew, a new ETag
    changed = tiles.get_tile(session, PLANNER, "parcels", 14, x, y, cache)
    assert changed.content == b"fresh" and changed.etag != first.etag and len(rendered) == 1


def test_a_readers_copy_is_revalidated_without_the_cache(session, ids):
    x, y = tile_of(121.4205, 31.2205, 14)
    first = tiles.get_tile(session, PLANNER, "parcels", 14, x, y)
    set_status(session, ids["P2"], "redevelopment_planned")
    unchanged = tiles.get_tile(session, PLANNER, "parcels", 14, x, y, reader_has=[first.etag.strip('"')])
    assert unchanged.content is None and unchanged.etag == first.etag  # → 304
    set_status(session, ids["P1"], "redevelopment_planned")
    changed = tiles.get_tile(session, PLANNER, "parcels", 14, x, y, reader_has=[first.etag.strip('"')])
    assert codes(changed.content)["T-P1"] == "redevelopment_planned" and changed.etag != first.etag


def test_a_version_the_log_does_not_hold_is_not_trusted(session, ids):
    """A rolled-back or pruned state, or a forged ETag: rendered anew."""
    x, y = tile_of(121.4205, 31.2205, 14)
    epoch, version = session.execute(text(
        "SELECT 'layer_versions'::regclass::oid, version FROM layer_versions WHERE layer = 'parcels'")).one()
    forged = f"parcels.all.{epoch}.{tiles.LAYOUTS['parcels']}.v{version - 1}"
    found = tiles.get_tile(session, PLANNER, "parcels", 14, x, y,
                           reader_has=[forged, "nonsense", f"parcels.all.{epoch}.{tiles.LAYOUTS['parcels']}.v99999999"])
    assert found.content is not None
    session.execute(text("DELETE FROM layer_changes WHERE layer = 'parcels' AND version = :v"), {"v": version})
    cache = tiles.TileCache()
    tiles.get_tile(session, PLANNER, "parcels", 14, x, y, cache)
    set_status(session, ids["P2"], "redevelopment_planned")  # elsewhere, but the log no longer reaches back
    assert tiles.repo.changed_since(session, "parcels", version, 14, x, y)


def test_a_version_drawn_again_after_a_restore_is_not_taken_for_the_one_before(session, ids):
    """``registry db restore`` makes the versions' table anew and its sequence starts again from the
    backup's number: the same number then names another state. A reader's ETag and the cache's entry
    name the table too (its oid), so neither is taken as current after it."""
    x, y = tile_of(121.4205, 31.2205, 14)
    cache = tiles.TileCache()
    first = tiles.get_tile(session, PLANNER, "parcels", 14, x, y, cache)
    session.execute(text("ALTER TABLE layer_versions RENAME TO layer_versions_before"))  # the restore, in small
    session.execute(text("CREATE TABLE layer_versions (LIKE layer_versions_before INCLUDING ALL)"))
    session.execute(text("INSERT INTO layer_versions SELECT * FROM layer_versions_before"))
    again = tiles.get_tile(session, PLANNER, "parcels", 14, x, y, cache, reader_has=[first.etag.strip('"')])
    assert again.content is not None and again.etag != first.etag  # rendered anew, not a 304
    assert len(cache) == 2  # the entry of the table before is not served for the one after


def test_writes_log_the_box_of_what_changed(session, ids):
    def last() -> tuple:
        return session.execute(text(
            "SELECT layer, ST_XMin(box), ST_YMin(box), ST_XMax(box), ST_YMax(box) FROM layer_changes "
            "WHERE layer = 'parcels' ORDER BY version DESC LIMIT 1")).one()

    set_status(session, ids["P2"], "redevelopment_planned")
    assert tuple(round(v, 3) for v in last()[1:]) == (121.520, 31.220, 121.521, 31.221)
    session.execute(text("UPDATE parcels SET status = 'freed' WHERE id IN (:a, :b)"), {"a": ids["P1"], "b": ids["P2"]})
    assert tuple(round(v, 3) for v in last()[1:]) == (121.420, 31.220, 121.521, 31.222)
    before = session.execute(text("SELECT count(*) FROM layer_changes")).scalar_one()
    session.execute(text("UPDATE parcels SET status = 'freed' WHERE false"))  # no row: no tile changed
    enterprise = session.execute(text(
        "INSERT INTO enterprises (credit_code, name) VALUES ('91110000600037341L', '测试企业') RETURNING id")).scalar_one()
    session.execute(text("INSERT INTO projects (reference, kind, year, status, title, enterprise_id, district_code, "
                         "inputs) VALUES ('2016-310101-0009', 'motor_upgrade', 2016, 'draft', '电机', :e, '310101', '{}')"),
                    {"e": enterprise})  # a project on no parcel
    assert session.execute(text("SELECT count(*) FROM layer_changes")).scalar_one() == before


def test_city_wide_aggregates_follow_every_change(session, ids):
    cache, (x, y) = tiles.TileCache(), tile_of(121.45, 31.25, 8)
    before = mapbox_vector_tile.decode(tiles.get_tile(session, PLANNER, "freed", 8, x, y, cache).content)
    set_status(session, ids["P5"], "freed")
    after = mapbox_vector_tile.decode(tiles.get_tile(session, PLANNER, "freed", 8, x, y, cache).content)
    total = lambda tile: sum(f["properties"]["freed"] for f in tile["freed_district"]["features"])  # noqa: E731
    assert total(after) == total(before) + 1


def test_the_cache_is_bounded_by_bytes():
    cache = tiles.TileCache(capacity_bytes=10)
    for n in range(5):
        cache.put(("parcels", None, 14, n, 0), tiles._Cached(b"1234", 1, 1))
    assert len(cache) == 2 and cache.size_bytes == 8
    assert cache.get(("parcels", None, 14, 0, 0)) is None and cache.get(("parcels", None, 14, 4, 0)) is not None
    cache.put(("big",), tiles._Cached(b"x" * 11, 1, 1))  # larger than the whole cache: not kept
    assert len(cache) == 2


def test_unknown_layers_and_tiles_are_not_found(session):
    with pytest.raises(NotFound):
        tiles.get_tile(session, PLANNER, "roads", 1, 0, 0)
    with pytest.raises(NotFound):
        tiles.get_tile(session, PLANNER, "parcels", 3, 9, 0)


def test_a_copy_from_before_a_change_of_what_tiles_carry_is_not_revalidated(session, ids, monkeypatch):
    """A browser's freed tile from before the tiles carried ``former_use`` (a release, no write to the
    data): 200 with the new attribute, not 304; at an unchanged layout its copy stays current."""
    x, y = tile_of(121.4205, 31.2205, 14)
    *general, detail = tiles.repo.source_layers("freed", tiles.MAX_ZOOM)
    before = (*general, replace(detail, fields={k: v for k, v in detail.fields.items() if k != "former_use"}))
    now = tiles.LAYOUTS["freed"]
    assert tiles.layout_of(before) != now

    monkeypatch.setitem(tiles.LAYOUTS, "freed", tiles.layout_of(before))
    old = tiles.get_tile(session, PLANNER, "freed", 14, x, y).etag.strip('"')
    assert tiles.get_tile(session, PLANNER, "freed", 14, x, y, reader_has=[old]).content is None  # → 304
    monkeypatch.setitem(tiles.LAYOUTS, "freed", now)

    new = tiles.get_tile(session, PLANNER, "freed", 14, x, y, reader_has=[old])
    assert new.content is not None and new.etag.strip('"') != old
    features = mapbox_vector_tile.decode(new.content)["freed"]["features"]
    assert {f["properties"]["code"]: f["properties"]["former_use"] for f in features}["T-P1"] == "M1"
    assert tiles.get_tile(session, PLANNER, "freed", 14, x, y, reader_has=[new.etag.strip('"')]).content is None
