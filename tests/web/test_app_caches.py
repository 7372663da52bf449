"""Every per-app cache is made one way (registry/app_caches.py): declared with its key and how the
app's settings size it, made at its first use, one per app, and forgotten all at once."""
from __future__ import annotations

from flask import Flask

from registry.api.tiles import TILE_CACHE
from registry.app_caches import AppCache, forget_all
from registry.report_caches import LAND_OUTPUT_CACHE
from registry.web.pages import DISTRICT_MAPS
from registry.web.rollups import MAP_CACHES


def test_a_cache_is_made_from_its_apps_settings_at_first_use_and_kept():
    made = []
    sized = AppCache("test.sized", lambda config: made.append(config["SIZE"]) or {"size": config["SIZE"]})
    one, other = Flask("one"), Flask("other")
    one.config["SIZE"], other.config["SIZE"] = 1, 2
    assert "test.sized" not in one.extensions and made == []
    with one.app_context():
        assert sized.get() is sized.get() is one.extensions["test.sized"]
    assert sized.of(other) == {"size": 2} and sized.of(one) == {"size": 1}
    assert made == [1, 2]


def test_forgetting_an_apps_caches_drops_every_one_made_and_no_other_apps():
    one, other = Flask("one"), Flask("other")
    caches = [AppCache(f"test.{n}", lambda config: []) for n in range(3)]
    kept = [cache.of(one) for cache in caches] + [caches[0].of(other)]
    for value in kept:
        value.append("x")
    forget_all(one)
    assert [cache.of(one) for cache in caches] == [[], [], []]
    assert caches[0].of(other) == ["x"]


def test_the_registrys_caches_are_sized_by_its_settings(app):
    app.config.update(TILE_CACHE_MB=3, REPORT_CACHE_ENTRIES=7)
    forget_all(app)
    assert TILE_CACHE.of(app).capacity_bytes == 3 * 2 ** 20
    assert LAND_OUTPUT_CACHE.of(app).capacity == 7
    assert [cache.of(app).capacity for cache in (DISTRICT_MAPS, *MAP_CACHES)] == [4, 2, 32]

