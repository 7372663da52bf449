"""README.md and docs/*.md hold to the tree they describe: their links and anchors resolve, the
sections they send the reader to exist, the files they name are there, every `registry …` command
of a ```sh block exists with the options it shows, and every setting the code reads from the
environment is in the README's configuration table. A rename that leaves the docs behind fails here,
naming the document and line. No database: the commands are looked up in the click tree."""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import click
import pytest

from registry.cli import _register, cli

ROOT = Path(__file__).resolve().parents[2]
DOCS = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
FENCE = re.compile(r"^```.*?^```[^\n]*$", re.M | re.S)
LINK = re.compile(r"!?\[[^\]\n]*\]\(([^)\s]+)\)")
# docs/registration.md, "The project list" — also (operations.md, "Security") and "A" and "B"
SECTION_REFERENCE = re.compile(r'((?:docs/)?[\w-]+\.md)[,;:]?\s*\(?((?:"[^"\n]+"(?:,\s*|\s+and\s+|\s+or\s+)?)+)')
# a file of the repository named in backticks: `registry/web/step_questions.py`, `web/projects.py`, `js/batch.js`
FILE_PATH = re.compile(r"(?<![\w/.:-])((?:[\w*-]+/)+[\w.*-]+\.(?:py|html|js|css|md|toml|po|mako))(?![\w/])")
FILE_BASES = ("", "registry/", "registry/services/", "registry/static/", "registry/translations/", "templates/", "tests/")


@dataclass(frozen=True)
class Place:
    doc: Path
    line: int

    def __str__(self) -> str:
        return f"{self.doc.relative_to(ROOT)}:{self.line}"


def _prose(text: str) -> str:
    """The text with its code blocks blanked, lines kept (so line numbers stay right)."""
    return FENCE.sub(lambda block: "\n" * block.group(0).count("\n"), text)


def _line(text: str, offset: int) -> int:
    return text.count("\n", 0, offset) + 1


def _plain(title: str) -> str:
    """A title as a reference quotes it: without markup, anchor, case or trailing full stop."""
    title = re.sub(r"\{#[\w-]+\}", "", title)
    title = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", title)
    return re.sub(r"\s+", " ", re.sub(r"[`*]", "", title)).strip().rstrip(".").lower()


def _headings(path: Path) -> list[str]:
    return re.findall(r"^#{1,6}\s+(.*?)\s*$", _prose(path.read_text(encoding="utf-8")), re.M)


def github_anchor(heading: str) -> str:
    """The id GitHub gives a heading: lower case, markup and punctuation dropped, spaces as hyphens."""
    explicit = re.search(r"\{#([\w-]+)\}", heading)
    if explicit:
        return explicit.group(1)
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", heading).lower()
    return re.sub(r"[^\w\- ]", "", text).replace(" ", "-")


def _section_titles(path: Path) -> list[str]:
    """What a reference may name in a document: a heading, a bold lead (a decision's, a term's) or a
    paragraph's first words ending in a full stop ("Caching.")."""
    text = _prose(path.read_text(encoding="utf-8"))
    return ([_plain(heading) for heading in _headings(path)]
            + [_plain(bold) for bold in re.findall(r"\*\*(.+?)\*\*", text)]
            + [_plain(lead) for lead in re.findall(r"^([A-Z][\w ,'-]{2,40})\.\s", text, re.M)])


def _in_prose(pattern: re.Pattern[str]):
    """Each match of a pattern in the docs' prose (code blocks left out), with its document and place."""
    for doc in DOCS:
        text = _prose(doc.read_text(encoding="utf-8"))
        for match in pattern.finditer(text):
            yield doc, Place(doc, _line(text, match.start())), match


def test_every_relative_link_and_anchor_resolves():
    broken = []
    for doc, place, link in _in_prose(LINK):
        target = link.group(1)
        if re.match(r"[a-z]+:|/", target):  # another site, or a page of the app
            continue
        path, _, anchor = target.partition("#")
        file = (doc.parent / path).resolve() if path else doc
        if not file.exists():
            broken.append(f"{place}: {target} (no such file)")
        elif anchor and file.suffix == ".md" and anchor not in map(github_anchor, _headings(file)):
            broken.append(f"{place}: {target} (no such heading)")
    assert broken == []


def test_every_section_a_document_sends_the_reader_to_exists():
    missing = []
    for _, place, reference in _in_prose(SECTION_REFERENCE):
        name = reference.group(1)
        target = ROOT / (name if "/" in name or name == "README.md" else f"docs/{name}")
        if not target.exists():
            missing.append(f"{place}: {name} (no such document)")
            continue
        titles = _section_titles(target)
        for quoted in re.findall(r'"([^"\n]+)"', reference.group(2)):
            wanted = _plain(quoted.rstrip("…"))
            if not any(title.startswith(wanted) for title in titles):
                missing.append(f'{place}: {name}, "{quoted}"')
    assert missing == []


def test_every_file_a_document_names_exists():
    missing = []
    for doc in DOCS:
        text = doc.read_text(encoding="utf-8")
        for code in re.finditer(r"`([^`\n]+)`", text):
            for path in FILE_PATH.findall(code.group(1)):
                if "NNNN" in path or path.startswith("../"):  # a template of a name; the shared folder
                    continue
                if not any(list(ROOT.glob(base + path)) for base in FILE_BASES):
                    missing.append(f"{Place(doc, _line(text, code.start()))}: {path}")
    assert missing == []


def test_every_setting_the_code_reads_is_in_the_readme_table():
    read = set()
    for source in [*(ROOT / "registry").rglob("*.py"), *(ROOT / "geo").rglob("*.py")]:
        read |= set(re.findall(r"""environ(?:\.get)?[\[(]\s*["'](REGISTRY_\w+)["']""", source.read_text("utf-8")))
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    table = set(re.findall(r"^\| `(\w+)` \|", readme, re.M))
    assert read, "no setting found: the pattern no longer matches how the code reads the environment"
    assert sorted(read - table) == []


# ---- the `registry` commands shown in ```sh blocks ------------------------------------------------

def _sh_lines() -> list[tuple[Place, str]]:
    lines = []
    for doc in DOCS:
        text = doc.read_text(encoding="utf-8")
        for block in re.finditer(r"^```sh\n(.*?)^```", text, re.M | re.S):
            first = _line(text, block.start(1))
            lines += [(Place(doc, first + i), line) for i, line in enumerate(block.group(1).split("\n"))]
    return lines


def _invocations(line: str) -> list[str]:
    """Each `registry …` a shell line runs, its comment left out: what follows `registry` at the
    line's start, after `.venv/bin/`, `$(` or `;`."""
    line = re.split(r"\s#\s", line)[0]
    return [found.strip() for found in
            re.findall(r"(?:^|;|\$\(|&&)\s*(?:\.venv/bin/)?registry\s+([^;)]*)", line)]


def _options(command: click.Command) -> set[str]:
    return {"--help", *(name for param in command.params for name in (*param.opts, *param.secondary_opts))}


def _words(text: str) -> list[str]:
    return text.replace("[", " ").replace("]", " ").split()


def command_problems(invocation: str) -> list[str]:
    """What a `registry …` line of the docs shows that the click tree lacks. `a|b|c` names sibling
    commands, ` | ` separates a command's alternatives (`list | revoke ID`, `--expires DATE | --days N`)."""
    alternatives = re.split(r"\s\|\s", invocation)
    group, path, words = cli, ["registry"], _words(alternatives[0])
    while isinstance(group, click.Group) and words and not words[0].startswith("-"):
        names = words[0].split("|")
        unknown = [name for name in names if name not in group.commands]
        if unknown:
            return [f"{' '.join(path)} has no command {unknown[0]!r}"]
        if len(names) > 1 or not isinstance(group.commands[names[0]], click.Group):
            break
        group, path, words = group.commands[names[0]], [*path, names[0]], words[1:]
    problems = []

    def check(commands: list[str], words: list[str]) -> None:
        for name in commands:
            command = group.commands[name] if name else group
            for option in (word for word in words if re.match(r"--?[A-Za-z]", word)):
                option = option.split("=")[0]
                if option not in _options(command):
                    problems.append(f"{' '.join([*path, name]).strip()} has no option {option}")

    if isinstance(group, click.Group) and words and words[0].split("|")[0] in group.commands:
        current = words[0].split("|")
        check(current, words[1:])
    else:
        current = [""]
        check(current, words)
    for alternative in alternatives[1:]:
        words = _words(alternative)
        if words and isinstance(group, click.Group) and all(name in group.commands for name in words[0].split("|")):
            current = words[0].split("|")
            check(current, words[1:])
        elif alternative.lstrip().startswith(("-", "[")):  # more options of the same command
            check(current, words)
        else:  # a shell pipe into another program (`| tail -n 1`)
            break
    return problems


@pytest.fixture(scope="module")
def commands_registered() -> None:
    _register()


def test_every_registry_command_of_a_shell_block_exists_with_its_options(commands_registered):
    shown = [(place, invocation) for place, line in _sh_lines() for invocation in _invocations(line)]
    assert len(shown) > 20, "the docs' shell blocks show fewer commands than they did: is the pattern still right?"
    assert [f"{place}: {problem}" for place, invocation in shown for problem in command_problems(invocation)] == []


@pytest.mark.parametrize("invocation, problem", [
    ("projects list --overdue", None),
    ("tokens create --user NAME [--expires DATE | --days N] | list --user NAME | revoke ID", None),
    ("db start|stop|status", None),
    ("tokens create --user pudong --days 7 | tail -n 1", None),
    ("projects lsit", "registry projects has no command 'lsit'"),
    ("projects list --bogus", "registry projects list has no option --bogus"),
    ("db backup FILE | restore FILE --nope", "registry db restore has no option --nope"),
])
def test_a_command_line_is_checked_against_the_click_tree(commands_registered, invocation, problem):
    assert command_problems(invocation) == ([problem] if problem else [])
