"""Every option a service checks is named, when refused, by its flag with the value given, in both
languages (cli/option_errors.py): the commands' own options, an argument under another field
name (``fields``), a repeated option, and the import's --crs, which the service had put on the file."""
from __future__ import annotations

import pytest

from registry.cli import cli

GEOJSON = '{"type": "FeatureCollection", "features": []}'


@pytest.mark.parametrize(("args", "chinese", "english"), [
    (("import", "parcels", "{file}", "--crs", "abc"), "错误：--crs：未知坐标参考系“abc”\n",
     "error: --crs: unknown coordinate reference system “abc”\n"),
    (("users", "create", "bob", "--role", "planner", "--district", "310115"),
     "错误：--district 为“310115”：只有区级工作人员才绑定到区\n", "error: --district “310115”: only district staff are bound to a district\n"),
    (("factors", "set-equal-value", "2020", "9", "--source", "x"), "错误：VALUE 为“9”：须在 0.2 至 0.5 ",
     "error: VALUE “9”: must be between 0.2 and 0.5 "),
    (("parcels", "list", "--district", "99"), "错误：--district：必须是 6 位 GB/T 2260 行政区划代码，实际为“99”\n",
     "error: --district: must be a 6-digit GB/T 2260 code, got “99”\n"),
    # a repeated option's values: the problem says which one it refuses
    (("parcels", "list", "--district", "99", "--district", "310115"), "错误：--district：必须是 6 位 GB/T 2260 行政区划代码，实际为“99”\n",
     "error: --district: must be a 6-digit GB/T 2260 code, got “99”\n"),
    (("audit", "list", "--since", "abc"), "错误：--since 为“abc”：必须是日期，如 2017-06-30\n",
     "error: --since “abc”: must be a date such as 2017-06-30\n"),
    (("tokens", "create", "--user", "nobody", "--days", "0"), "错误：--days 为“0”：必须在 1 到 730 之间\n",
     "error: --days “0”: must be between 1 and 730\n"),
    (("monitoring", "list", "--year", "20x"), "错误：--year：必须是数字，实际为“20x”\n", "error: --year: must be a number, got “20x”\n"),
    (("rollup", "--year", "2020", "--as-of", "abc"), "错误：--as-of：必须是 YYYY-MM-DD 格式的日期或 ISO 8601 时间，实际为“abc”\n",
     "error: --as-of: must be a date as YYYY-MM-DD or an ISO 8601 time, got “abc”\n"),
    (("land", "output", "--year", "1999", "-o", "{out}"), "错误：--year 为“1999”：必须是 2000 至 2100 之间的年份\n",
     "error: --year “1999”: must be a year from 2000 to 2100\n"),
    # the project list's year is refused in the rollup's words, not click's range message
    (("rollup", "--year", "1999"), "错误：--year 为“1999”：必须是 2000 至 2100 之间的年份\n",
     "error: --year “1999”: must be a year from 2000 to 2100\n"),
    (("projects", "list", "--year", "1999"), "错误：--year 为“1999”：必须是 2000 至 2100 之间的年份\n",
     "error: --year “1999”: must be a year from 2000 to 2100\n"),
])
def test_a_refused_option_is_named_by_its_flag_with_the_value_given(runner, cli_database, tmp_path, args, chinese, english):
    (tmp_path / "empty.geojson").write_text(GEOJSON)
    args = [arg.format(file=tmp_path / "empty.geojson", out=tmp_path / "out.xlsx") for arg in args]
    for lang, expected in (("zh_CN.UTF-8", chinese), ("en", english)):
        refused = runner.invoke(cli, args, env={"DATABASE_URL": cli_database, "REGISTRY_LANG": lang})
        assert refused.exit_code == 2 and refused.stderr.startswith(expected), refused.output
