"""click's own words in the CLI's language: the frame of every ``--help`` (Usage:, Options,
Commands, Show this message and exit.) and its usage errors (no such option, missing argument,
invalid value …, exit status 2).

click marks them for the standard library's gettext, which each of its modules imports as ``_``
(and ``ngettext``) and which takes its language from LANGUAGE/LC_ALL/LANG and a catalogue bound
for the whole process. The registry's CLI speaks REGISTRY_LANG's language (``cli_locale``) from
the registry's catalogue, and its subprocesses (PostgreSQL's tools) must keep theirs; so while the
``registry`` command runs (``RegistryGroup.main``), those names in click's modules are the CLI's
catalogue (``click_speaks``), and put back after. Each msgid click passes them is marked below for
pybabel, so the translations test asks for its Chinese; ``tests/unit/test_cli_help.py`` fails when a
new click passes another or stops importing ``_`` in one of these modules. Chinese has one plural
form: each of click's two forms is a msgid of its own. One stop is not in click's words: a missing
parameter's sentence ends with an ASCII "." of click's code (``MissingParameter.format_message``,
"{missing}{param_hint}.{msg}"), which read 缺少参数 'PROJECT'. in Chinese; it is the catalogue's too
while the command runs (``STOP``)."""
from __future__ import annotations

import importlib
import re
from contextlib import contextmanager
from typing import Callable, Iterator

from click.exceptions import MissingParameter, NoSuchOption
from click.types import Choice

from registry.domain.errors import N_

# The modules whose words a user of the command line sees (click's package imports them all).
CLICK_MODULES = ("click.core", "click.decorators", "click.exceptions", "click.formatting", "click.parser",
                 "click.termui", "click.types", "click.utils")

USAGE = N_("Usage:")
OPTIONS = N_("Options")
ARGUMENTS = N_("Positional arguments")
HELP_OPTION = N_("Show this message and exit.")
ENV_VAR = N_("env var: {var}")
DEFAULT = N_("default: {default}")
REQUIRED = N_("required")  # click looks up its word "required" by a variable, which pybabel cannot see

CLICK_MSGIDS = (
    USAGE, OPTIONS, ARGUMENTS, HELP_OPTION, ENV_VAR, DEFAULT, REQUIRED,
    N_("Commands"), N_("Show the version and exit."), N_("%(prog)s, version %(version)s"),
    N_("Do you want to continue?"), N_("Confirm the action without prompting."), N_("Aborted!"), N_("deprecated"),
    N_("(dynamic)"), N_("Missing command."), N_("Value must be an iterable."),
    N_("Got unexpected extra argument ({args})"), N_("Got unexpected extra arguments ({args})"),
    N_("Takes {nargs} values but 1 was given."), N_("Takes {nargs} values but {len} were given."),
    N_("DeprecationWarning: The command {name!r} is deprecated.{extra_message}"),
    N_("DeprecationWarning: The {param_type} {name!r} is deprecated.{extra_message}"),
    # usage errors (exceptions.py, parser.py)
    N_("Error: {message}"), N_("Try '{command} {option}' for help."),
    N_("Invalid value: {message}"), N_("Invalid value for {param_hint}: {message}"),
    N_("Missing argument"), N_("Missing option"), N_("Missing parameter"), N_("Missing {param_type}"),
    N_("Missing parameter: {param_name}"), N_("No such option {name!r}."), N_("No such command {name!r}."),
    N_("Did you mean {possibility}?"), N_("(Did you mean one of: {possibilities}?)"),
    N_("unknown error"), N_("Could not open file {filename!r}: {message}"),
    N_("Argument {name!r} takes {nargs} values."), N_("Option {name!r} does not take a value."),
    N_("Option {name!r} requires an argument."), N_("Option {name!r} requires {nargs} arguments."),
    # prompts (termui.py)
    N_("Repeat for confirmation"), N_("Error: The two entered values do not match."), N_("Error: invalid input"),
    N_("Press any key to continue..."),
    # values of the wrong type (types.py)
    N_("Choose from:\n\t{choices}"), N_("{value!r} is not {choice}."), N_("{value!r} is not one of {choices}."),
    N_("{value!r} does not match the format {format}."), N_("{value!r} does not match the formats {formats}."),
    N_("{value!r} is not a valid {number_type}."), N_("{value} is not in the range {range}."),
    N_("{value!r} is not a valid boolean. Recognized values: {states}"), N_("{value!r} is not a valid UUID."),
    N_("file"), N_("directory"), N_("path"),
    N_("{name} {filename!r} does not exist."), N_("{name} {filename!r} is a file."),
    N_("{name} {filename!r} is a directory."), N_("{name} {filename!r} is not readable."),
    N_("{name} {filename!r} is not writable."), N_("{name} {filename!r} is not executable."),
    N_("{len_type} values are required, but {len_value} was given."),
    N_("{len_type} values are required, but {len_value} were given."),
)


# How one thing follows another in a list (the registry's own: 、 in Chinese); click joins a choice's
# values with ", " in its code, not in a msgid.
LIST_SEPARATOR = N_(", ")
# A sentence of click's and the one it adds (没有选项 '--dir'。您是否要输入 '--district'？): Chinese puts no
# space after its full stop.
SENTENCES = N_("{first} {then}")

# A missing parameter's sentence and its stop (。 in Chinese), and the same with click's note after it
# (缺少选项 '--kind'。可选：…, with no space after 。).
STOP = N_("{sentence}.")
STOP_THEN = N_("{sentence}. {more}")
# click's stop: the first "." that ends the sentence, before a space or at the end (the dots of a
# metavar, FILES..., are followed by more of the name or its closing quote).
CLICKS_STOP = re.compile(r"\.(?: |$)")


def stopped(message: str, gettext: Callable[[str], str]) -> str:
    """A missing parameter's ``message`` as click words it, its stop the catalogue's."""
    found = CLICKS_STOP.search(message)
    if found is None:
        return message
    sentence, more = message[:found.start()], message[found.end():]
    return gettext(STOP_THEN).format(sentence=sentence, more=more) if more else gettext(STOP).format(sentence=sentence)


# click fills some of its sentences with words of its own, in English and outside its msgids: a number
# type's name ("{value!r} is not a valid {number_type}.": integer, integer range, float, float range) and a
# path's (``Path``'s "{name} {filename!r} does not exist.": File, Directory, Path, named when the command is
# declared, before the CLI's language is known). Those words are the catalogue's while the command runs: a
# range is named as its numbers (“x”不是有效的整数), a float as a number (数字).
INTEGER, NUMBER = N_("integer"), N_("number")
CLICKS_WORDS = {"number_type": {"integer": INTEGER, "integer range": INTEGER, "float": NUMBER, "float range": NUMBER},
                "name": {"File": N_("file"), "Directory": N_("directory"), "Path": N_("path")}}


class _Filled(str):
    """A translated sentence of click's whose ``format`` says click's own words (``CLICKS_WORDS``) in
    the catalogue's language too."""

    gettext: Callable[[str], str]

    def format(self, *args: object, **kwargs: object) -> str:
        for key, words in CLICKS_WORDS.items():
            word = kwargs.get(key)
            if isinstance(word, str) and word in words:
                translated = self.gettext(words[word])
                # click capitalises a path's name ("File"): kept so where the catalogue has the English word
                kwargs[key] = word if translated == words[word] and key == "name" else translated
        return str.format(self, *args, **kwargs)


def _filled(text: str, gettext: Callable[[str], str]) -> str:
    if not any("{" + key + "}" in text for key in CLICKS_WORDS):
        return text
    filled = _Filled(text)
    filled.gettext = gettext
    return filled


# click says a refused value with Python's repr ('x'); the registry quotes the value a refusal is about
# “x”, in both languages (docs/development.md, "Decisions", "A refused value is quoted"). The msgids keep
# click's placeholder, which their translations must keep too; the text click formats says ours.
CLICKS_VALUE, OUR_VALUE = "{value!r}", "“{value}”"


@contextmanager
def click_speaks(catalogue: Callable[[str], str]) -> Iterator[None]:
    """click's words through ``catalogue`` (the CLI's) while the block runs, a refused value quoted as
    the registry quotes one."""
    def gettext(msgid: str) -> str:
        return _filled(catalogue(msgid).replace(CLICKS_VALUE, OUR_VALUE), catalogue)

    def ngettext(singular: str, plural: str, n: int) -> str:
        return gettext(singular if n == 1 else plural)

    clicks_missing = MissingParameter.format_message

    def missing(error: MissingParameter) -> str:
        return stopped(clicks_missing(error), gettext)

    def not_a_choice(choice: Choice, value: object, ctx: object) -> str:
        # click 8.2+'s Choice.get_invalid_choice_message with the catalogue's separator
        names = gettext(LIST_SEPARATOR).join(map(repr, choice._normalized_mapping(ctx=ctx).values()))
        return ngettext("{value!r} is not {choice}.", "{value!r} is not one of {choices}.",
                        len(choice.choices)).format(value=value, choice=names, choices=names)

    clicks_no_such_option = NoSuchOption.format_message

    def no_such_option(error: NoSuchOption) -> str:
        whole = clicks_no_such_option(error)
        if not error.possibilities:
            return whole
        return gettext(SENTENCES).format(first=error.message, then=whole[len(error.message) + 1:])

    replaced = [(MissingParameter, "format_message", clicks_missing),
                (NoSuchOption, "format_message", clicks_no_such_option),
                (Choice, "get_invalid_choice_message", Choice.get_invalid_choice_message)]
    MissingParameter.format_message = missing
    NoSuchOption.format_message = no_such_option
    Choice.get_invalid_choice_message = not_a_choice
    for module in map(importlib.import_module, CLICK_MODULES):
        for name, ours in (("_", gettext), ("ngettext", ngettext)):
            if hasattr(module, name):
                replaced.append((module, name, getattr(module, name)))
                setattr(module, name, ours)
    try:
        yield
    finally:
        for module, name, theirs in reversed(replaced):
            setattr(module, name, theirs)
