"""Commands whose ``--help`` speaks the CLI's language (REGISTRY_LANG, else LANG).

A command's help, an option's or an argument's stays English in the code, marked ``N_()``: that
text is the msgid. It is looked up in the catalogue when the help is drawn, never when the command
is declared, so one process draws a command's help in either language (the tests do). Declare a
command with ``command``/``group`` below, or with ``.command()``/``.group()`` of a group declared
so (``command_class``): ``tests/unit/test_cli_help.py`` draws every command's help in Chinese and
fails on any text left English. click's own words come from ``cli/click_words.py``, the layout
in a terminal's columns from ``cli/help_layout.py``."""
from __future__ import annotations

import functools
import inspect
from typing import Mapping

import click

from registry.cli.click_words import ARGUMENTS, DEFAULT, ENV_VAR, HELP_OPTION, OPTIONS
from registry.cli.help_layout import HelpFormatter, first_sentence
from registry.cli.option_errors import named_as_given
from registry.domain.errors import N_, ValidationError
from registry.i18n import cli_translator


def translated(help_text: str) -> str:
    """A help text as click shows it (dedented, cut at a form feed), in the CLI's language."""
    return cli_translator()(inspect.cleandoc(help_text).partition("\f")[0])


def help_record(param: click.Parameter, ctx: click.Context) -> tuple[str, str] | None:
    """A parameter's row of the help (``Option.get_help_record``): its help and click's notes on it
    (default, required, range) in the CLI's language."""
    gettext = cli_translator()
    if isinstance(param, click.Argument):
        return param.make_metavar(ctx), translated(param.help) if param.help else ""
    if not isinstance(param, click.Option):
        return param.get_help_record(ctx)
    if param.hidden:
        return None
    extra = param.get_help_extra(ctx)
    notes = [gettext(ENV_VAR).format(var=", ".join(extra["envvars"]))] if "envvars" in extra else []
    if "default" in extra:
        notes.append(gettext(DEFAULT).format(default=extra["default"]))
    if "range" in extra:
        notes.append(extra["range"])
    if "required" in extra:
        notes.append(gettext(extra["required"]))
    text = translated(param.help) if param.help else ""
    if notes:
        notes_text = gettext(N_("; ")).join(notes)
        text = gettext(N_("%(help)s  [%(notes)s]")) % {"help": text, "notes": notes_text} if text else \
            gettext(N_("[%(notes)s]")) % {"notes": notes_text}
    return param.get_help_spec(ctx), text


class _Context(click.Context):
    formatter_class = HelpFormatter


class _TranslatedHelp:
    """What a registry command draws of its help, in the CLI's language (a mixin of click's
    ``Command`` and ``Group``: the methods are theirs, with the texts translated)."""

    context_class = _Context

    def format_help_text(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        if self.help:
            formatter.write_paragraph()
            with formatter.indentation():
                formatter.write_text(translated(self.help))

    def format_epilog(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        if self.epilog:
            formatter.write_paragraph()
            with formatter.indentation():
                formatter.write_text(translated(self.epilog))

    def get_short_help_str(self, limit: int = 45) -> str:
        """Its line in its group's list: click's shortening of the English; of a translation, its
        first sentence."""
        english = self.short_help or self.help
        if not english or translated(english) == inspect.cleandoc(english).partition("\f")[0]:
            return super().get_short_help_str(limit)
        return first_sentence(translated(english), limit)

    def format_arguments(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        arguments = [param for param in self.get_params(ctx) if isinstance(param, click.Argument)]
        if any(argument.help is not None for argument in arguments):
            with formatter.section(cli_translator()(ARGUMENTS)):
                formatter.write_dl([help_record(argument, ctx) for argument in arguments])

    def format_options(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        records = [help_record(param, ctx) for param in self.get_params(ctx) if not isinstance(param, click.Argument)]
        records = [record for record in records if record is not None]
        if records:
            with formatter.section(cli_translator()(OPTIONS)):
                formatter.write_dl(records)

    def get_help_option(self, ctx: click.Context) -> click.Option | None:
        option = super().get_help_option(ctx)
        if option is not None:  # click words it once, in the language of its first use: the msgid, drawn in each run's
            option.help = HELP_OPTION
        return option


class TranslatedCommand(_TranslatedHelp, click.Command):
    """A registry command: its help in the CLI's language, and a service's refusal of its options
    named as its user gave them (``cli/option_errors.py``; ``fields``: a refused field → the parameter
    given for it, where their names differ)."""

    def __init__(self, *args, fields: Mapping[str, str] | None = None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields = dict(fields or {})

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except ValidationError as error:
            refused = named_as_given(error, ctx, self.fields)
            if refused is error:
                raise
            raise refused from error


class TranslatedGroup(_TranslatedHelp, click.Group):
    command_class = TranslatedCommand
    group_class = type  # its subgroups are of its class

    def format_options(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        super().format_options(ctx, formatter)
        self.format_commands(ctx, formatter)


command = functools.partial(click.command, cls=TranslatedCommand)
group = functools.partial(click.group, cls=TranslatedGroup)
