"""Chinese is the default language: every user-visible msgid in the code has a translation."""
from __future__ import annotations

import functools
import re
from pathlib import Path

from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parents[2]
CATALOGUE = ROOT / "registry" / "translations" / "zh_Hans_CN" / "LC_MESSAGES" / "messages.po"
KEYWORDS = {"_": None, "gettext": None, "ngettext": (1, 2), "lazy_gettext": None, "N_": None}
METHOD_MAP = [("registry/**.py", "python"), ("geo/**.py", "python"), ("templates/**.html", "jinja2")]


# Msgids no code uses any more that the catalogue keeps because stored data still names them, each
# with the reason, which its entry also gives as a translator comment. Stored savings traces keep
# their words as msgids (docs/accounting.md §7.2): a trace msgid reworded in the code stays here,
# translated, for the traces stored with it — unless the stored one is read as the new one
# (trace_storage.RENAMED_MSGIDS, test below). Import problems need none: they are stored with their
# msgids only inside the import's transaction, and its reports as rendered files.
KEPT_FOR_STORED_DATA: dict[str, str] = {}


@functools.lru_cache(maxsize=1)
def extracted_msgids() -> frozenset[str]:
    found = set()
    for folder in ("registry", "geo", "templates"):
        for _file, _line, message, _comments, _context in extract_from_dir(
            ROOT, method_map=METHOD_MAP, keywords=KEYWORDS,
            options_map={"templates/**.html": {"extensions": "jinja2.ext.i18n"}},
        ):
            found.add(message if isinstance(message, str) else message[0])
        break  # extract_from_dir walks the whole tree once
    return frozenset(m for m in found if m)


def test_every_msgid_in_the_code_has_a_chinese_translation():
    with CATALOGUE.open("rb") as fh:
        catalogue = read_po(fh, locale="zh_Hans_CN")
    translated = {m.id for m in catalogue if m.id and m.string and not m.fuzzy}
    missing = sorted(extracted_msgids() - translated)
    assert missing == [], f"{len(missing)} msgids lack a Chinese translation, e.g. {missing[:10]}"


def test_the_catalogue_holds_only_msgids_the_code_uses_or_stored_data_names():
    with CATALOGUE.open("rb") as fh:
        catalogue = read_po(fh, locale="zh_Hans_CN")
    held = {m.id if isinstance(m.id, str) else m.id[0] for m in catalogue if m.id}
    unused = held - extracted_msgids()
    assert sorted(unused - set(KEPT_FOR_STORED_DATA)) == [], "msgids no code uses: remove them from the .po, or keep " \
        "one that stored data names in KEPT_FOR_STORED_DATA with its reason"
    assert sorted(set(KEPT_FOR_STORED_DATA) - unused) == [], "kept msgids that the code uses again, or that are gone"
    for msgid in KEPT_FOR_STORED_DATA:
        assert catalogue[msgid].user_comments, f"{msgid!r}: say why it is kept in a translator comment (# …)"


def test_a_renamed_trace_msgid_is_read_as_one_the_code_uses_with_the_same_placeholders():
    # A trace stored with an older msgid reads as today's (registry/domain/trace_storage.py): a
    # target that no code uses would leave it without a translation.
    from registry.domain.trace_storage import RENAMED_MSGIDS

    assert sorted(set(RENAMED_MSGIDS.values()) - extracted_msgids()) == []
    pattern = re.compile(r"%\((\w+)\)")
    assert [old for old, new in RENAMED_MSGIDS.items() if pattern.findall(old) != pattern.findall(new)] == []


def test_placeholders_survive_translation():
    import re

    with CATALOGUE.open("rb") as fh:
        catalogue = read_po(fh, locale="zh_Hans_CN")
    pattern = re.compile(r"%\((\w+)\)[sdfr.0-9]*|%[sdr]")
    braces = re.compile(r"\{\w*(?:![rsa])?\}")  # click's msgids (cli/click_words.py) are str.format's
    for message in catalogue:
        if message.id and message.string and isinstance(message.id, str):
            assert sorted(pattern.findall(message.id)) == sorted(pattern.findall(message.string)), message.id
            assert sorted(braces.findall(message.id)) == sorted(braces.findall(message.string)), message.id


# ASCII punctuation a Chinese sentence may keep: code and syntax the reader types or sends as it is.
_VERBATIM = re.compile(r"EPSG:\d+|Content-Type: application/json|Authorization: Bearer|- _ \. \( \)|西,南,东,北"
                       r"|%\(\w+\)[-.0-9]*[sdfr]|%%|\{\w*(?:![rsa])?\}")  # … and click's {name!r}
_HAN = re.compile(r"[\u4e00-\u9fff]")


def test_chinese_sentences_use_chinese_punctuation():
    # "文件无法使用: …", "(已选的现有地块)": a Chinese sentence writes ： （ ） ； ， ？ ！ — units in a
    # header too (面积（m²）, 节能量（吨标准煤）), the house convention.
    with CATALOGUE.open("rb") as fh:
        catalogue = read_po(fh, locale="zh_Hans_CN")
    wrong = []
    for message in catalogue:
        for text in (message.string if isinstance(message.string, tuple) else (message.string,)):
            bare = _VERBATIM.sub("X", text or "")
            if _HAN.search(bare) and re.search(r"[:()?!;]|, ", bare):
                wrong.append(text)
    assert wrong == []


def test_area_units_are_the_symbols_m2_and_km2_in_chinese_too():
    # The freed-land page listed 平方米 as a unit beside its totals' 面积（m²）, the parcel limits read
    # 10 平方米至 50 平方公里: one convention, the seed documents' m² and km² (亿元/km²), 亩 and 公顷 in
    # words (docs/development.md, "Units in words in Chinese, symbols in English").
    worded = re.compile(r"平方米|平方公里|平方千米")
    with CATALOGUE.open("rb") as fh:
        catalogue = read_po(fh, locale="zh_Hans_CN")
    texts = [text for message in catalogue
             for text in (message.string if isinstance(message.string, tuple) else (message.string,))]
    texts += [path.read_text(encoding="utf-8") for path in (ROOT / "registry" / "help" / "zh").glob("*.md")]
    assert [text for text in texts if text and worded.search(text)] == []


def test_the_catalogue_is_the_one_source_no_template_is_kept():
    # docs/development.md "Translations": add-translations writes the .po; a .pot would only go stale.
    import shutil
    import subprocess

    import pytest

    if shutil.which("git") is None or not (ROOT / ".git").exists():
        pytest.skip("not a git checkout")
    tracked = subprocess.run(["git", "ls-files", "registry/translations"], cwd=ROOT, capture_output=True,
                             text=True, check=True).stdout.split()
    assert [path for path in tracked if path.endswith(".pot")] == []


def test_an_unknown_value_is_worded_one_way():
    """Three wordings had grown ('gone'；允许：…, gone（可选：…）, 未知值 …；允许的值：…): one now,
    ``UNKNOWN_VALUE`` (registry/domain/errors.py), which every closed list's refusal names."""
    from registry.domain.errors import UNKNOWN_VALUE

    assert sorted(m for m in extracted_msgids() if m.lower().startswith(("unknown value", "unknown role"))) == [
        UNKNOWN_VALUE]


def test_every_entry_with_a_named_placeholder_is_flagged_python_format():
    """``msgfmt -c`` checks that a translation keeps the msgid's %(name)s placeholders only where the
    entry says ``#, python-format``; merges of the catalogue lost the flag (twelve entries in session 32,
    two more in session 33: one flag a blank line away from its entry), and a translation that drops or
    misspells a placeholder then fails only when a reader meets it. Read as text: babel's reader adds
    the flag itself wherever it sees a placeholder."""
    entries = CATALOGUE.read_text(encoding="utf-8").split("\n\n")
    unflagged = []
    for entry in entries:
        msgid = entry.split("msgstr", 1)[0].partition("msgid ")[2]
        flags = [line for line in entry.splitlines() if line.startswith("#,")]
        if re.search(r"%\(\w+\)[sdrf]", msgid) and not any("python-format" in f for f in flags):
            unflagged.append(msgid[:60])
    assert unflagged == []
