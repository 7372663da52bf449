"""A file the command line refuses as a whole is named in the shell's language (错误：文件：…), as the
page names it, where the Chinese line said “错误：file：…”."""
from __future__ import annotations

import click
import pytest
from click.testing import CliRunner

from registry.cli import RegistryGroup
from registry.domain.errors import N_, ValidationError


@click.group(cls=RegistryGroup)
def _cli() -> None:
    pass


@_cli.command("load")
def _load() -> None:
    raise ValidationError.single("file", N_("has no header row in its first %(n)s rows; expected headers %(expected)s…"),
                                 n=10, expected="项目编号")


@_cli.command("edit")
def _edit() -> None:
    raise ValidationError.single("year", N_("is required"))


@pytest.mark.parametrize("lang, line", [
    ("zh_CN.UTF-8", "错误：文件：前 10 行中找不到表头行；应有表头 项目编号…\n"),
    ("en", "error: file: has no header row in its first 10 rows; expected headers 项目编号…\n"),
])
def test_a_file_refused_as_a_whole_is_named_in_the_shell_s_language(monkeypatch, lang, line):
    monkeypatch.setenv("REGISTRY_LANG", lang)
    done = CliRunner().invoke(_cli, ["load"])
    assert (done.exit_code, done.stderr) == (2, line)


def test_another_field_keeps_its_path(monkeypatch):
    monkeypatch.setenv("REGISTRY_LANG", "zh_CN.UTF-8")
    assert CliRunner().invoke(_cli, ["edit"]).stderr == "错误：year：为必填项\n"
