"""The ``--help`` pages laid out by the columns a terminal draws: a Chinese character takes two.

click wraps help by characters, so a paragraph of Chinese came out up to twice as wide as the
terminal (a 78-character line is 156 columns), which the terminal then broke anywhere, and a row
whose option held a wide character (``--subsidy-approved 万元``) pushed its description out of line.
``HelpFormatter`` (every registry command's, ``cli/translated.py``) measures in columns instead: a
paragraph holding wide characters is wrapped here — between any two Chinese characters, never before
closing punctuation (，。）) nor after opening (（“) — and handed to click as a block it keeps as it
is (click's ``\\b``); a definition list (options, commands) is laid out here. English paragraphs
are click's as before."""
from __future__ import annotations

import unicodedata
from typing import Iterable, Sequence

import click

from registry.cli.click_words import USAGE
from registry.i18n import cli_translator

_OPENING = "（［「『《〈【“‘"
_CLOSING = "，。、；：？！）］」』》〉】”’…"
_KEEP_AS_IS = "\b"  # click: a paragraph whose first line is this is not rewrapped


def _is_wide(char: str) -> bool:
    return unicodedata.east_asian_width(char) in "WF"


def columns(text: str) -> int:
    """The columns a terminal draws ``text`` in: two for a wide (Chinese, full-width) character."""
    return sum(2 if _is_wide(char) else 1 for char in text)


def holds_wide(text: str) -> bool:
    return any(_is_wide(char) for char in text)


def _may_break(before: str, after: str) -> bool:
    """Whether a line may end between the characters ``before`` and ``after`` (neither a space)."""
    if after in _CLOSING or before in _OPENING:
        return False
    return _is_wide(before) or _is_wide(after)


def _pieces(text: str) -> list[str]:
    """``text`` cut where a line may break: at spaces (kept as one-space pieces) and between wide
    characters; a word of narrow characters (an option, a code, a file name) stays whole."""
    pieces: list[str] = []
    for char in " ".join(text.split()):
        if char == " ":
            pieces.append(" ")
        elif pieces and pieces[-1] != " " and not _may_break(pieces[-1][-1], char):
            pieces[-1] += char
        else:
            pieces.append(char)
    return pieces


def wrap(text: str, width: int) -> list[str]:
    """``text`` as lines of at most ``width`` columns (a word wider than that on a line of its own)."""
    lines: list[str] = []
    line = ""
    for piece in _pieces(text):
        if piece == " ":
            line += " " if line else ""
        elif not line or columns(line + piece) <= width:
            line += piece
        else:
            lines.append(line.rstrip())
            line = piece
    if line.strip():
        lines.append(line.rstrip())
    return lines


def first_sentence(text: str, limit: int) -> str:
    """A command's line in its group's list, from its translated help: the first sentence (to its
    。), cut to ``limit`` columns with …, as click shortens an English help to its first sentence."""
    sentence = " ".join(text.partition("\n\n")[0].split())
    end = sentence.find("。")
    sentence = sentence[:end + 1] if end >= 0 else sentence
    if columns(sentence) <= limit:
        return sentence
    cut = ""
    for piece in _pieces(sentence):  # whole words: docs/api.md, not docs/a…
        if columns(cut + piece) > limit - 2:  # … is two columns in a Chinese terminal's font
            break
        cut += piece
    return cut.rstrip("，、；：（“ ") + "…"


def _kept_as_wrapped(text: str, width: int) -> str:
    """``text`` with each paragraph that holds wide characters wrapped to ``width`` columns and
    marked for click to keep as it is; other paragraphs as they were, for click to wrap."""
    paragraphs = text.split("\n\n")
    return "\n\n".join("\n".join([_KEEP_AS_IS, *wrap(paragraph, width)])
                       if holds_wide(paragraph) and not paragraph.startswith(_KEEP_AS_IS) else paragraph
                       for paragraph in paragraphs)


class HelpFormatter(click.HelpFormatter):
    """click's formatter, measuring in a terminal's columns where Chinese is drawn."""

    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        if prefix is None:  # 用法：registry …, not click's 用法： registry …
            word = cli_translator()(USAGE)
            prefix = word if holds_wide(word) else f"{word} "
        super().write_usage(prog, args, prefix)

    def write_heading(self, heading: str) -> None:
        if holds_wide(heading):  # 选项：, not click's 选项:
            self.write(f"{'':>{self.current_indent}}{heading}：\n")
        else:
            super().write_heading(heading)

    def write_text(self, text: str) -> None:
        super().write_text(_kept_as_wrapped(text, self.width - self.current_indent))

    def write_dl(self, rows: Iterable[Sequence[str]], col_max: int = 30, col_spacing: int = 2) -> None:
        """click's layout of a definition list (the term, then its text in a column at most
        ``col_max`` from the left; a longer term on a line of its own), measured in columns."""
        rows = [(first, second) for first, second in rows]
        first_col = min(max((columns(first) for first, _ in rows), default=0), col_max) + col_spacing
        text_width = max(self.width - first_col - 2, 10)
        margin = " " * (first_col + self.current_indent)
        for first, second in rows:
            self.write(f"{'':>{self.current_indent}}{first}")
            if not second:
                self.write("\n")
                continue
            if columns(first) <= first_col - col_spacing:
                self.write(" " * (first_col - columns(first)))
            else:
                self.write("\n" + margin)
            lines = [line for paragraph in second.split("\n\n") for line in wrap(paragraph, text_width)] or [""]
            self.write(lines[0] + "\n")
            for line in lines[1:]:
                self.write(margin + line + "\n")
