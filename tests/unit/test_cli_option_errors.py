"""A service's refusal of what a command was given names the option as its user typed it and quotes
the value (cli/option_errors.py): 错误：--year 为“1999”：必须是 2000 至 2100 之间的年份. No database:
the commands here refuse before they would open one."""
from __future__ import annotations

import click
import pytest
from click.testing import CliRunner

from registry.cli import RegistryGroup, _register, cli
from registry.domain.errors import N_, NOT_A_NUMBER, FieldError, Message, ValidationError
from registry.domain.numbers import year_number

ZH = {"REGISTRY_LANG": "zh_CN.UTF-8"}
EN = {"REGISTRY_LANG": "en"}


@click.group(cls=RegistryGroup)
def toy() -> None:
    pass


@toy.command("check", fields={"value_kgce": "value"})
@click.argument("value")
@click.option("--year")
@click.option("--district", "--district-code", "district")
@click.option("--note")
@click.option("--zone", multiple=True)
def check(value: str, year: str | None, district: str | None, note: str | None, zone: tuple[str, ...]) -> None:
    """A command whose service refuses its options and argument on fields of their names, one by
    another name (``fields``), and one field that is none of them."""
    problems = []
    if year is not None:
        try:
            year_number(year, "year", 2000, 2100)
        except ValidationError as error:
            problems += error.field_errors
    if district is not None:
        problems.append(FieldError("district", Message(N_("must be a 6-digit district code"), {})))
    if value == "doc":  # a field of a document the command read, of the name of an option not given
        problems.append(FieldError("year", Message(N_("Unknown field."), {})))
    elif value != "ok":
        problems.append(FieldError("value_kgce", Message(NOT_A_NUMBER, {"value": value})))
    if note is not None:
        problems.append(FieldError("notes", Message(N_("is required"), {})))
    # a repeated option's refused values, each said to be the one refused (FieldError.value)
    problems += [FieldError("zone", Message(N_("must be a 6-digit GB/T 2260 code"), {}), value=code)
                 for code in zone if code != "ok"]
    if problems:
        raise ValidationError(problems)


@pytest.mark.parametrize(("args", "chinese", "english"), [
    (("ok", "--year", "1999"), "错误：--year 为“1999”：必须是 2000 至 2100 之间的年份\n",
     "error: --year “1999”: must be a year from 2000 to 2100\n"),
    # the problem that quotes the value already is not given it twice
    (("ok", "--year", "20x"), "错误：--year：必须是数字，实际为“20x”\n", "error: --year: must be a number, got “20x”\n"),
    # an option of two flags by its first long one; an argument by its name in the usage line, under another field
    (("1,5", "--district-code", "31"), "错误：--district 为“31”：必须是 6 位区代码；VALUE：必须是数字，实际为“1,5”\n",
     "error: --district “31”: must be a 6-digit district code; VALUE: must be a number, got “1,5”\n"),
    # a field that is no option of the command keeps its name
    (("ok", "--note", "x"), "错误：notes：为必填项\n", "error: notes: is required\n"),
    (("doc",), "错误：year：未知字段。\n", "error: year: Unknown field.\n"),
    # a repeated option has the value quoted that the service says it refuses, given once or among others
    (("ok", "--zone", "31"), "错误：--zone 为“31”：必须是 6 位 GB/T 2260 行政区划代码\n",
     "error: --zone “31”: must be a 6-digit GB/T 2260 code\n"),
    (("ok", "--zone", "ok", "--zone", "31"), "错误：--zone 为“31”：必须是 6 位 GB/T 2260 行政区划代码\n",
     "error: --zone “31”: must be a 6-digit GB/T 2260 code\n"),
    (("ok", "--zone", "31", "--zone", "32"),
     "错误：--zone 为“31”：必须是 6 位 GB/T 2260 行政区划代码；--zone 为“32”：必须是 6 位 GB/T 2260 行政区划代码\n",
     "error: --zone “31”: must be a 6-digit GB/T 2260 code; --zone “32”: must be a 6-digit GB/T 2260 code\n"),
])
def test_a_refused_option_is_named_by_its_flag_with_the_value_given(args, chinese, english):
    for env, expected in ((ZH, chinese), (EN, english)):
        refused = CliRunner().invoke(toy, ["check", *args], env=env)
        assert refused.exit_code == 2 and refused.stderr == expected, refused.output


def test_a_long_value_is_quoted_as_far_as_a_refusal_quotes_one():
    refused = CliRunner().invoke(toy, ["check", "ok", "--district", "3" * 60], env=EN)
    assert refused.stderr == f"error: --district “{'3' * 40}”: must be a 6-digit district code\n"


@pytest.mark.parametrize(("args", "chinese", "english"), [
    (("projects", "export", "-o", "{out}", "--year", "1999"), "错误：--year 为“1999”：必须是 2000 至 2100 之间的年份\n",
     "error: --year “1999”: must be a year from 2000 to 2100\n"),
    (("projects", "export", "-o", "{out}", "--enterprise", "9131"), "错误：--enterprise 为“9131”：必须为 18 位，实际为 4 位\n",
     "error: --enterprise “9131”: must be 18 characters long, got 4\n"),
    # the freed-land export's repeated --filter: the one that is no NAME=VALUE
    (("freed-land", "-o", "{out}", "--filter", "district=310115", "--filter", "zone_kind"),
     "错误：--filter 为“zone_kind”：必须是参数名、等号和值\n", "error: --filter “zone_kind”: must be a parameter name, an equals sign and a value\n"),
    (("projects", "export", "-o", "{out}", "--text", "x", "--kind", "boilers"), "错误：--kind：未知取值“boilers”（可选：",
     "error: --kind: unknown value “boilers” (allowed: "),
])
def test_the_project_list_s_export_names_its_refused_filters_as_options(tmp_path, args, chinese, english):
    _register()
    for env, expected in ((ZH, chinese), (EN, english)):
        refused = CliRunner().invoke(cli, [a.format(out=tmp_path / "out.xlsx") for a in args], env={**env, "DATABASE_URL": "postgresql:///unreached"})
        assert refused.exit_code == 2 and refused.stderr.startswith(expected), refused.output


@pytest.mark.parametrize(("args", "chinese", "english"), [
    # a closed year stays closed: one outside the years a report is made for is refused before anything is read
    (("close-year", "--year", "1999"), "错误：--year 为“1999”：必须是 2000 至 2100 之间的年份\n",
     "error: --year “1999”: must be a year from 2000 to 2100\n"),
    # the land-output report's year in the words of every year field (was 必须在 2000 到 2100 之间)
    (("land", "output", "--year", "2101"), "错误：--year 为“2101”：必须是 2000 至 2100 之间的年份\n",
     "error: --year “2101”: must be a year from 2000 to 2100\n"),
    # a date option's value is quoted as it was typed
    (("tokens", "create", "--user", "someone", "--name", "x", "--expires", "2001-02-03"), "错误：--expires 为“2001-02-03”：必须是将来的时间\n",
     "error: --expires “2001-02-03”: must be in the future\n"),
])
def test_a_year_to_close_and_a_date_option_are_refused_with_the_value_given(args, chinese, english):
    _register()
    for env, expected in ((ZH, chinese), (EN, english)):
        refused = CliRunner().invoke(cli, list(args), env={**env, "DATABASE_URL": "postgresql:///unreached"})
        assert refused.exit_code == 2 and refused.stderr == expected, refused.output
