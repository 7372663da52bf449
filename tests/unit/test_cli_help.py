"""``registry … --help`` and click's usage errors in the CLI's language (cli/translated.py,
cli/click_words.py), laid out by a terminal's columns (cli/help_layout.py). No database: drawing
help and refusing a command line reach none."""
from __future__ import annotations

import importlib
import inspect
import re
from pathlib import Path

import click
import pytest
from babel.messages.extract import extract_from_file
from click.testing import CliRunner

from registry.cli import _register, cli
from registry.cli.click_words import CLICK_MODULES, CLICK_MSGIDS, click_speaks
from registry.cli.help_layout import columns, first_sentence, wrap
from registry.i18n import cli_translator

ZH = {"REGISTRY_LANG": "zh_CN.UTF-8"}
EN = {"REGISTRY_LANG": "en"}
HAN = re.compile(r"[\u4e00-\u9fff]")
WIDTH = 80  # CliRunner's terminal (click's FORCED_WIDTH while it runs)


@pytest.fixture(scope="module")
def runner() -> CliRunner:
    _register()
    return CliRunner()


def _commands(command: click.Command = cli, path: tuple[str, ...] = ()):
    yield path, command
    if isinstance(command, click.Group):
        for name, sub in command.commands.items():
            yield from _commands(sub, (*path, name))


def _english(text: str) -> str:
    return inspect.cleandoc(text).partition("\f")[0]


def _flat(text: str) -> str:
    """Text without its line breaks and spaces: a help text as drawn, wherever it was wrapped."""
    return re.sub(r"\s+", "", text)


def _help(runner: CliRunner, path: tuple[str, ...], env: dict[str, str]) -> str:
    result = runner.invoke(cli, [*path, "--help"], env=env)
    assert result.exit_code == 0, result.output
    return result.output


def test_every_command_has_a_help_text(runner):
    # `registry import parcels|zones|districts` had none: their docstrings were set after click read them
    assert [" ".join(path) for path, command in _commands() if not command.help] == []


def test_every_option_says_what_it_is_for_but_a_choice_which_click_lists(runner):
    # `close-year --year/--note`, `rollup --year`, `demo load --seed`… had none: `--help` showed a bare name
    bare = [(" ".join(path), option.opts[0]) for path, command in _commands() for option in command.params
            if isinstance(option, click.Option) and not option.help and not isinstance(option.type, click.Choice)]
    assert bare == []


def test_every_command_acting_for_a_user_spells_the_option_alike(runner):
    # `registry import …` and `registry export` had a bare `--as-user TEXT` of their own, where every
    # other command took `--as, --as-user USER` (cli/output.py's acting_as)
    acting = {" ".join(path): (option.opts, option.metavar) for path, command in _commands()
              for option in command.params if isinstance(option, click.Option) and option.name == "as_user"}
    assert {"import parcels", "import projects", "export", "projects list"} <= set(acting)
    assert {path: spelt for path, spelt in acting.items() if spelt != (["--as", "--as-user"], "USER")} == {}


def test_every_help_text_of_every_command_is_drawn_in_chinese(runner):
    # A command, option or argument added without its Chinese fails here, by name.
    chinese = cli_translator("zh")
    untranslated, not_drawn = [], []
    for path, command in _commands():
        drawn = _flat(_help(runner, path, ZH))
        texts = [command.help] + [param.help for param in command.params if getattr(param, "help", None)]
        for english in map(_english, texts):
            where = f"{' '.join(('registry', *path))}: {english}"
            if chinese(english) == english:
                untranslated.append(where)
            elif _flat(chinese(english)) not in drawn or _flat(english) in drawn:
                not_drawn.append(where)
    assert untranslated == []
    assert not_drawn == []


def test_the_registry_help_reads_in_chinese(runner):
    shown = _help(runner, (), ZH)
    assert shown.startswith("用法：cli [OPTIONS] COMMAND [ARGS]...\n")
    for words in ("上海市产业结构调整和节能项目登记系统。", "选项：", "--help  显示本帮助并退出。", "命令：",
                  "rollup       YEAR 年的年度汇总及目标完成情况。", "tokens       管理 API 令牌（docs/api.md）。"):
        assert words in shown
    for words in ("Usage:", "Options", "Commands", "Show this message", "Shanghai", "registry."):
        assert words not in shown


def test_a_group_lists_its_commands_by_their_first_chinese_sentence(runner):
    shown = _help(runner, ("projects",), ZH)
    assert "  approve   批准已提交的项目（由市级审核人员操作）。\n" in shown
    assert "  return    将已提交、已批准或已完成的项目退回区里，用 --comment 写明意见。\n" in shown
    # cut to the column at a word's edge, not inside docs/registration.md or mid-word
    listed = dict(line.split(None, 1) for line in shown.split("命令：\n")[1].strip().splitlines())
    assert listed["list"].endswith("…") and all(columns(line) <= WIDTH for line in shown.splitlines())


def test_a_leaf_command_help_reads_in_chinese_with_click_s_notes(runner):
    shown = _help(runner, ("projects", "approve"), ZH)
    assert shown.startswith("用法：cli projects approve [OPTIONS] PROJECT…\n\n  批准已提交的项目（由市级审核人员操作）。\n")
    assert "办理此操作的登记系统用户（必填）：按其角色和所属区判断权限，审计日志记录其姓名。［必填］" in _flat(shown)
    listing = _help(runner, ("parcels", "list"), ZH)
    assert "--area-unit [m2|mu|ha]          ［默认：m2］" in listing
    assert "［默认：50；1<=x<=10000］" in _flat(listing)


def test_help_stays_english_in_english(runner):
    shown = _help(runner, ("projects", "approve"), EN)
    assert shown.startswith("Usage: cli projects approve [OPTIONS] PROJECT…\n\n"
                            "  Approve submitted projects (city reviewers).\n")
    assert "Options:\n" in shown and "--help                   Show this message and exit.\n" in shown
    assert "[required]" in shown and "The registry user taking the step (required)" in shown
    assert HAN.findall(shown.replace("万元", "")) == []  # but the metavar and the words its English help holds
    assert "Commands:\n  approve   Approve submitted projects (city reviewers).\n" in _help(runner, ("projects",), EN)


def test_one_process_draws_each_run_in_its_own_language(runner):
    # click words its --help option once, in the language of the first run that draws it
    for first, then, expected in ((ZH, EN, "Show this message and exit."), (EN, ZH, "显示本帮助并退出。")):
        _help(runner, ("tokens", "revoke"), first)
        assert expected in _help(runner, ("tokens", "revoke"), then)


def test_the_shell_s_lang_counts_without_registry_lang(runner):
    shown = _help(runner, ("audit",), {"REGISTRY_LANG": None, "LANG": "zh_CN.UTF-8"})
    assert "查阅只增不改的审计日志" in shown
    assert "Read the append-only audit trail" in _help(runner, ("audit",), {"REGISTRY_LANG": None, "LANG": "C.UTF-8"})


@pytest.mark.parametrize(("args", "chinese", "english"), [
    # click's own stop after a missing parameter is the catalogue's: 。, not "."
    (("projects", "show"), "错误：缺少参数 'PROJECT'。\n", "Error: Missing argument 'PROJECT'.\n"),
    (("tokens", "create"), "错误：缺少选项 '--user'。\n", "Error: Missing option '--user'.\n"),
    (("projects", "list", "--bogus"), "错误：没有选项 '--bogus'。", "Error: No such option '--bogus'."),
    (("projects", "list", "--limt", "3"), "没有选项 '--limt'。您是否要输入 '--limit'？",
     "No such option '--limt'. Did you mean '--limit'?"),
    (("parcels", "list", "--format", "x"), "错误：'--format' 的取值无效：“x”不是 'table'、'json'、'csv' 之一。",
     "Error: Invalid value for '--format': “x” is not one of 'table', 'json', 'csv'."),
    # click's names of its types in the CLI's language: an integer range is an integer to its reader
    (("projects", "list", "--limit", "many"), "'--limit' 的取值无效：“many”不是有效的整数。",
     "Invalid value for '--limit': “many” is not a valid integer."),
    (("tokens", "revoke", "1.5"), "错误：'TOKEN_ID' 的取值无效：“1.5”不是有效的整数。",
     "Error: Invalid value for 'TOKEN_ID': “1.5” is not a valid integer."),
    (("db", "restore", "/nonexistent/x.dump"), "错误：'FILE' 的取值无效：文件 '/nonexistent/x.dump' 不存在。",
     "Error: Invalid value for 'FILE': File '/nonexistent/x.dump' does not exist."),
    (("load", "/nonexistent/x.json"), "错误：'FILE' 的取值无效：文件 '/nonexistent/x.json' 不存在。",
     "Error: Invalid value for 'FILE': File '/nonexistent/x.json' does not exist."),
    (("savings", "/tmp"), "错误：'FILE' 的取值无效：文件 '/tmp' 是目录。", "Error: Invalid value for 'FILE': File '/tmp' is a directory."),
    (("demo", "load", "--parcels", "-3"), "错误：'--parcels' 的取值无效：-3 不在 x>=0 范围内。",
     "Error: Invalid value for '--parcels': -3 is not in the range x>=0."),
    (("audit", "list", "--limit", "0"), "'--limit' 的取值无效：0 不在 1<=x<=50000 范围内。", "0 is not in the range"),
    (("nosuch",), "错误：没有命令 'nosuch'。", "Error: No such command 'nosuch'."),
    (("import", "parcels", "f.geojson", "--crs", "EPSG:4549", "--gcj02"), "错误：请给出 --crs 或 --gcj02，不要同时给出",
     "Error: give --crs or --gcj02, not both"),
])
def test_a_usage_error_reads_in_the_cli_s_language_with_exit_status_2(runner, args, chinese, english):
    refused = runner.invoke(cli, list(args), env=ZH)
    assert refused.exit_code == 2 and isinstance(refused.exception, SystemExit)
    assert chinese in refused.stderr and "Traceback" not in refused.output
    assert "用法：cli " in refused.stderr and "查看帮助。" in refused.stderr and "Error" not in refused.stderr
    in_english = runner.invoke(cli, list(args), env=EN)
    assert in_english.exit_code == 2 and english in in_english.stderr and "Usage: cli " in in_english.stderr


def test_click_s_words_are_its_own_again_after_a_run(runner):
    from gettext import gettext

    clicks = (click.MissingParameter.format_message, click.NoSuchOption.format_message,
              click.Choice.get_invalid_choice_message)
    runner.invoke(cli, ["projects", "show"], env=ZH)
    assert [name for name in CLICK_MODULES if importlib.import_module(name)._ is not gettext] == []
    assert (click.MissingParameter.format_message, click.NoSuchOption.format_message,
            click.Choice.get_invalid_choice_message) == clicks


@click.command()
@click.option("--kind", type=click.Choice(["motor", "boiler"]), required=True)
@click.argument("files", nargs=-1, required=True)
def _pick(kind, files):
    """A command whose missing parameters click words with more than a name: the dots of the
    argument's metavar (FILES...) and, after the option's sentence, its choices."""


@pytest.mark.parametrize(("args", "chinese", "english"), [
    ((), "错误：缺少参数 'FILES...'。\n", "Error: Missing argument 'FILES...'.\n"),
    (("f.csv",), "错误：缺少选项 '--kind'。可选值：\n\tmotor,\n\tboiler\n",
     "Error: Missing option '--kind'. Choose from:\n\tmotor,\n\tboiler\n"),
])
def test_a_missing_parameters_sentence_ends_with_the_languages_stop_before_click_s_note(args, chinese, english):
    for lang, expected in (("zh", chinese), ("en", english)):
        with click_speaks(cli_translator(lang)):
            refused = CliRunner().invoke(_pick, list(args))
        assert refused.exit_code == 2 and isinstance(refused.exception, SystemExit), refused.output
        assert refused.stderr.endswith(expected) and "Traceback" not in refused.output


@click.command()
@click.option("--share", type=float)
@click.option("--part", type=click.FloatRange(0, 1))
def _figures(share, part):
    """A command of click's decimal types, which the registry's commands do not use yet."""


@pytest.mark.parametrize("option", ["--share", "--part"])
def test_click_names_its_decimal_types_in_the_cli_s_language(option):
    for lang, expected in (("zh", "的取值无效：“half”不是有效的数字。"), ("en", "Invalid value for '%s': “half” is not a valid number.")):
        with click_speaks(cli_translator(lang)):
            refused = CliRunner().invoke(_figures, [option, "half"])
        assert refused.exit_code == 2 and (expected.replace("%s", option)) in refused.stderr, refused.stderr


def test_chinese_help_fits_the_terminal_and_its_columns_line_up(runner):
    too_wide, misaligned = [], []
    for path, _command in _commands():
        for env in (ZH, EN):
            lines = _help(runner, path, env).splitlines()
            # a line wider than the terminal is an option's choices alone, which no one may break
            too_wide += [line for line in lines if columns(line) > WIDTH and HAN.search(line)]
    for env in (ZH, EN):
        rows = [line for line in _help(runner, ("projects", "approve"), env).splitlines() if line.startswith("  --")]
        starts = {columns(re.match(r"\s*\S+(?: \S+)*?\s{2,}", row).group()) for row in rows}
        misaligned += [] if len(starts) == 1 else [(env["REGISTRY_LANG"], rows)]  # --subsidy-approved 万元 too
    assert too_wide == []
    assert misaligned == []


def test_wrapping_breaks_between_chinese_characters_never_inside_a_word_nor_before_closing_punctuation():
    text = "用 --as-user 指定用户（区级工作人员限于本区），输出 JSON。"
    for width in (9, 12, 16):
        lines = wrap(text, width)
        assert all(columns(line) <= width for line in lines) and _flat("".join(lines)) == _flat(text)
        assert any("--as-user" in line for line in lines)
        assert not any(line[0] in "，。）" or line[-1] == "（" for line in lines)
    assert first_sentence("查阅审计日志（docs/operations.md）。其余不列。", 40) == "查阅审计日志（docs/operations.md）。"
    assert first_sentence("查阅审计日志（docs/operations.md）。其余不列。", 20) == "查阅审计日志…"


def test_click_s_msgids_are_the_ones_marked_for_the_catalogue():
    # A new click that words something new, or stops taking its words from a module's `_`, fails here.
    said_while_declaring = {  # raised in English as the commands are declared, before `main` runs
        "Name '{name}' defined twice", "Boolean option {decl!r} cannot use the same flag for true/false.",
        "Could not determine name for option with declarations {decls!r}",
        "No options defined but a name was passed ({name}). Did you mean to declare an argument instead? "
        "Did you mean to pass '--{name}'?", "Arguments take exactly one parameter declaration, got {length}: {decls}.",
        "Invalid start character for option ({option})", "Unknown color {colour!r}", "Choice({choices})",
        "Unknown standard stream '{name}'"}
    used = set()
    for name in CLICK_MODULES:
        module = importlib.import_module(name)
        assert getattr(module, "_", None) is not None, name
        for _line, message, _comments, _context in extract_from_file(
                "python", Path(module.__file__), keywords={"_": None, "ngettext": (1, 2)}):
            used.update([message] if isinstance(message, str) else message)
    assert sorted(used - said_while_declaring - set(CLICK_MSGIDS)) == []
    assert sorted(set(CLICK_MSGIDS) - used - {"required"}) == []  # click looks "required" up by a variable


def test_the_days_help_names_the_tokens_default():
    from registry.cli.tokens import create
    from registry.services.tokens import DEFAULT_DAYS

    [days] = [param for param in create.params if param.name == "days"]
    assert f"(default {DEFAULT_DAYS})" in days.help


# Capitals a help text may say that name no parameter: formats, standards, variables, words.
NOT_PLACEHOLDERS = {"API", "CLI", "COPY", "CSV", "DATABASE_URL", "DOC", "DOCX", "GIS", "JPEG", "JSON", "KML", "OFD", "PDF",
                    "PNG", "REGISTRY_DOCUMENT_MAX_MB", "REGISTRY_LANG", "SHA", "WKT", "XLS", "XLSX"}


def test_a_placeholder_a_help_text_names_is_one_its_usage_shows(runner):
    # `rollup` and `close-year` said "YEAR" of an option drawn `--year INTEGER`, the exports "OUTPUT" of `-o FILE`
    unshown = []
    for path, command in _commands():
        ctx = click.Context(command, info_name=" ".join(path))
        usage = {word for param in command.params for word in re.findall(r"[A-Z_]+", param.make_metavar(ctx))}
        named = set(re.findall(r"\b[A-Z][A-Z_]{2,}\b", command.help or "")) - NOT_PLACEHOLDERS
        unshown += [(" ".join(path), word) for word in sorted(named - usage)]
    assert unshown == []


def test_no_option_shows_a_date_format_in_strftime_s_words(runner):
    # `tokens create --expires [%Y-%m-%d]`: the reader types 2027-03-01, not %Y
    for env in (EN, ZH):
        drawn = [(" ".join(path), line.strip()) for path, _command in _commands()
                 for line in _help(runner, path, env).splitlines() if "%" in line]
        assert drawn == []
