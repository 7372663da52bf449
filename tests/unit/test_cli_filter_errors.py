"""``registry freed-land --filter NAME=VALUE``: a refused filter names the option and the filter as typed
(错误：--filter 为“year_from=1999”：…), not the bare field (year_from：…), which left the user looking for
an option ``--year_from``. No database: the filters are refused before one would be opened."""
from __future__ import annotations

import pytest
from click.testing import CliRunner

from registry.cli import _register, cli

ZH = {"REGISTRY_LANG": "zh_CN.UTF-8"}
EN = {"REGISTRY_LANG": "en"}
NEAR = ("lon=121.5", "lat=31.2", "radius_km=1")  # a radius search's three filters, each fine


def refused(tmp_path, *filters: str, env=EN):
    _register()
    args = ["freed-land", "-o", str(tmp_path / "out.gpkg")]
    for item in filters:
        args += ["--filter", item]
    return CliRunner().invoke(cli, args, env={**env, "DATABASE_URL": "postgresql:///unreached"})


@pytest.mark.parametrize(("filters", "chinese", "english"), [
    (("year_from=1999",), "错误：--filter 为“year_from=1999”：必须是 2000 至 2100 之间的年份\n",
     "error: --filter “year_from=1999”: must be a year from 2000 to 2100\n"),
    # the one refused among several of its name, as typed
    (("district=310115", "district=99"),
     "错误：--filter 为“district=99”：必须是 6 位 GB/T 2260 行政区划代码，实际为“99”\n",
     "error: --filter “district=99”: must be a 6-digit GB/T 2260 code, got “99”\n"),
    # a refusal of two filters together names the one it refuses
    (("area_min=5", "area_max=1"), "错误：--filter 为“area_max=1”：不得小于最小值\n",
     "error: --filter “area_max=1”: must not be smaller than the minimum\n"),
    # a filter missing beside one given is named by its key
    (("lon=121.5",), "错误：--filter radius_km：经度、纬度和半径须同时给出\n",
     "error: --filter radius_km: give longitude, latitude and radius together\n"),
    # two refused: each said, in the order refused
    (("year_from=abc", "zone_kind=xx", "zone_kind=block_104"), "错误：--filter 为“year_from=abc”：必须是数字，实际为“abc”；"
     "--filter 为“zone_kind=xx”：未知取值“xx”", "error: --filter “year_from=abc”: must be a number, got “abc”; "
     "--filter “zone_kind=xx”: unknown value “xx”"),
])
def test_a_refused_filter_is_named_by_the_option_and_the_filter_as_typed(tmp_path, filters, chinese, english):
    for env, expected in ((ZH, chinese), (EN, english)):
        result = refused(tmp_path, *filters, env=env)
        assert result.exit_code == 2 and result.stderr.startswith(expected), result.output


@pytest.mark.parametrize("filters", [
    ("district=3101150",), ("zone_kind=park",), ("year_from=1999",), ("year_to=2101",), ("area_min=abc",),
    ("area_max=-1",), ("area_unit=acre",), ("land_use=farm",), ("status=sold",), ("polygon={",), ("bbox=1,2",),
    ("sort=price",), ("order=up",), ("limit=0",), ("offset=x",),
    ("lon=200", *NEAR[1:]), (NEAR[0], "lat=north", NEAR[2]), (*NEAR[:2], "radius_km=999"),
])
def test_every_filter_refused_names_the_option_and_the_filter_as_typed(tmp_path, filters):
    result = refused(tmp_path, *filters)
    bad = next(item for item in filters if item not in NEAR)
    assert result.exit_code == 2 and result.stderr.startswith(f"error: --filter “{bad}”: "), result.output
    assert result.stderr.count("\n") == 1


@pytest.mark.parametrize(("env", "expected"), [
    (ZH, "错误：--filter 为“yaer_from=2014”：未知名称“yaer_from”（可选："),
    (EN, "error: --filter “yaer_from=2014”: unknown name “yaer_from” (allowed: "),
])
def test_a_misspelt_filter_name_is_refused_not_passed_over(tmp_path, env, expected):
    """The page passes over parameters it does not read; on the command line a misspelt name exported
    every freed parcel as if no filter had been given."""
    result = refused(tmp_path, "district=310115", "yaer_from=2014", env=env)
    assert result.exit_code != 0 and result.stderr.startswith(expected), result.output
    assert "year_from" in result.stderr.partition(expected)[2]  # the names it knows, listed


def test_the_known_names_are_every_name_the_query_reads():
    """The list the command checks names against is the query's own: a parameter read but not listed
    would be refused on the command line, one listed but not read would be passed over."""
    from registry.domain.freed_land import LAND_QUERY_PARAMETERS, parse_land_query

    class Recording(dict):
        read: set[str] = set()

        def get(self, key, default=None):
            self.read.add(key)
            return super().get(key, default)

        def __getitem__(self, key):
            self.read.add(key)
            return super().__getitem__(key)

        def __contains__(self, key):
            self.read.add(key)
            return super().__contains__(key)

    parse_land_query(Recording())
    assert set(LAND_QUERY_PARAMETERS) == Recording.read
