"""Languages: 简体中文 by default, English on request; numbers and dates in the user's locale."""
from __future__ import annotations

import functools
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Callable, Mapping

from babel import Locale
from babel import dates as babel_dates
from babel import numbers as babel_numbers
from babel.support import Translations
from flask import Flask, request, session
from flask_babel import Babel, format_date, format_datetime, format_decimal, get_locale, gettext
from werkzeug.datastructures import LanguageAccept

from registry.clock import SHANGHAI, now
from registry.domain.errors import Bilingual, Day, DistrictRef, Moment, Month, Number, Show
from registry.domain.presentation import given_places, grouped_pattern, places_of, round_half_up
from registry.domain.trace_storage import render_stored_trace

DEFAULT_LOCALE = "zh_Hans_CN"
LANGUAGES = {"zh_Hans_CN": "简体中文", "en": "English"}
# The BCP 47 tags of HTML's lang and hreflang (a screen reader picks its voice by them).
HTML_LANG = {"zh_Hans_CN": "zh-CN", "en": "en"}
LANG_PARAM = "lang"
HEADER_LANGUAGE_PATHS = ("/api/", "/ogc", "/tiles/")  # machine clients: Accept-Language counts
SESSION_USER_KEY = "_user_id"  # Flask-Login's: set in the session cookie of a signed-in browser

babel = Babel()


def select_locale() -> str:
    """``?lang=`` (remembered in the session), else the session's choice, else Chinese."""
    asked = request.args.get(LANG_PARAM)
    if asked in LANGUAGES:
        session[LANG_PARAM] = asked
        return asked
    return remembered_locale(session, request.path, request.accept_languages)


def remembered_locale(cookie: Mapping | None, path: str, accept_languages: LanguageAccept) -> str:
    """The language of a request without ``?lang=``: the session's choice, else Chinese (the OGC
    items shortcut asks the same of the session cookie it opens)."""
    remembered = cookie.get(LANG_PARAM) if cookie is not None else None
    if remembered in LANGUAGES:
        return remembered
    # A GIS or API client may ask in its header. Browsers get Chinese unless they switch — also
    # for the API calls and downloads their pages make (signed in by the session cookie), so a
    # page and its download speak the same language.
    if path.startswith(HEADER_LANGUAGE_PATHS) and (cookie is None or SESSION_USER_KEY not in cookie):
        asked = accept_languages.best_match(["zh_Hans_CN", "zh", "en"])
        return "en" if asked == "en" else DEFAULT_LOCALE  # zh, zh-CN, zh-TW… → our Chinese
    return DEFAULT_LOCALE


def current_locale() -> str:
    """The request's locale code (``zh_Hans_CN`` or ``en``)."""
    return str(get_locale())


def reads_english() -> bool:
    """Whether the request's reader reads English (pages that pick a name_en over a name_zh)."""
    return current_locale() == "en"


@functools.lru_cache(maxsize=8)
def catalogue(directory: str, locale: str) -> Callable[[str], str]:
    """gettext of ``locale`` outside a request (the OGC items shortcut): the catalogue Flask-Babel
    reads, the msgid itself where it has no translation (English)."""
    return Translations.load(directory, [locale]).gettext


def init_app(app: Flask) -> None:
    app.config.setdefault("BABEL_TRANSLATION_DIRECTORIES", str(Path(__file__).parent / "translations"))
    app.config["BABEL_DEFAULT_LOCALE"] = DEFAULT_LOCALE
    babel.init_app(app, locale_selector=select_locale)
    app.jinja_env.globals.update(LANGUAGES=LANGUAGES, LANG_PARAM=LANG_PARAM, get_locale=get_locale, html_lang=html_lang,
                                 trace_for_reader=trace_for_reader, now=now)
    app.jinja_env.filters["num"] = format_number
    app.jinja_env.filters["in_unit"] = format_figure
    app.jinja_env.filters["day"] = format_date
    app.jinja_env.filters["moment"] = format_moment
    app.jinja_env.filters["combine"] = lambda base, extra: {**base, **extra}  # query-string links


def html_lang(code: str | None = None) -> str:
    """The HTML lang tag of locale ``code`` (default: the page's locale)."""
    return HTML_LANG.get(code or str(get_locale()), HTML_LANG[DEFAULT_LOCALE])


def format_number(value, places: int = 2) -> str:
    """A number in the user's locale with ``places`` decimals, rounded half up (as the workbooks'
    Excel rounds, and the statistics tables); '—' for unknown."""
    if value is None:
        return "—"
    if isinstance(value, (int, float, Decimal)) and not isinstance(value, bool):
        number = Decimal(str(value)) if isinstance(value, float) else Decimal(value)
        if number.is_finite():  # Babel's own rounding is half even: 2.345 read 2.34 here, 2.35 in Excel
            value = round_half_up(number, places)
    return format_decimal(value, format=grouped_pattern(places))


def format_figure(value, unit: str) -> str:
    """A figure in ``unit`` as every page shows it: the unit's places (``presentation.PLACES``),
    grouped in the user's locale; '—' for unknown. The ``|in_unit`` filter."""
    return format_number(value, places_of(unit))


def format_moment(value) -> str:
    """A timestamp as the reader sees the clock: in the registry's zone (Flask-Babel's
    ``BABEL_DEFAULT_TIMEZONE``, Asia/Shanghai), the date as ``|day`` gives it and the time to the
    minute, in the locale's order — 2026年12月5日 06:10, Dec 5, 2026, 6:10 AM."""
    return format_datetime(value, moment_pattern(get_locale()))


def moment_pattern(locale: Locale) -> str:
    """The pattern of ``|moment``: the medium date and the short time in the locale's order."""
    return locale.datetime_formats["medium"].format(locale.time_formats["short"].pattern,
                                                    locale.date_formats["medium"].pattern)


def labelled(label: str, value: str) -> str:
    """"label: value" in the page's language (label：value in Chinese): a map's or a chart's tooltip."""
    return gettext("%(label)s: %(value)s", label=label, value=value)


def noted(text: str, note: str) -> str:
    """"text (note)" in the page's language (text（note）in Chinese)."""
    return gettext("%(text)s (%(note)s)", text=text, note=note)


def translate(msgid: str) -> str:
    """gettext for domain messages (``RegistryError.render(translate)``)."""
    return gettext(msgid)


def trace_for_reader(stored: Mapping | None) -> dict | None:
    """A project's stored trace in the request's language (the project page, the API)."""
    return render_stored_trace(stored, gettext, presenter(current_locale())) if stored else None


def presenter(locale: str, lookup: Callable[[str], tuple[str, str] | None] = lambda code: None) -> Show:
    """How the values of a message read in ``locale`` (``Message.render(gettext, show)``): a
    ``DistrictRef`` by its name — its own names, else ``lookup(code)`` → (Chinese, English), else
    its code —, a ``Bilingual`` text in the locale's language, a ``Number`` in the locale's number
    format, a ``Day``, a ``Month`` and a ``Moment`` as the pages show dates (``|day``, ``|moment``); other values
    as they are."""
    english = locale.startswith("en")

    def show(value):
        if isinstance(value, DistrictRef):
            names = value.names or (lookup(value.code) if value.code else None)
            return (names[1] if english else names[0]) if names else str(value)
        if isinstance(value, Bilingual):
            return value.text(english)
        if isinstance(value, Number):
            return show_number(value, locale)
        if isinstance(value, Day):
            return babel_dates.format_date(value.value, "medium", locale=locale)
        if isinstance(value, Month):
            return babel_dates.format_skeleton("yMMMM", date(value.year, value.month, 1), locale=locale)
        if isinstance(value, Moment):
            return babel_dates.format_datetime(value.value, moment_pattern(Locale.parse(locale)),
                                               tzinfo=SHANGHAI, locale=locale)
        return value

    return show


def show_number(value: Number, locale: str) -> str:
    """A ``Number`` in ``locale``: grouped, rounded half up to its places, else with the places it was given."""
    number = Decimal(str(value.value)) if isinstance(value.value, float) else Decimal(value.value)
    places = given_places(number) if value.places is None else value.places
    if value.places is not None:
        number = round_half_up(number, places)
    return babel_numbers.format_decimal(number, format=grouped_pattern(places), locale=locale)


def cli_locale(lang: str | None = None) -> str:
    """The CLI's locale: ``REGISTRY_LANG`` or the shell's ``LANG`` (zh… → Chinese, else English)."""
    import os

    lang = lang or os.environ.get("REGISTRY_LANG") or os.environ.get("LANG", "")
    return DEFAULT_LOCALE if lang.lower().startswith("zh") else "en"


def cli_translator(lang: str | None = None):
    """gettext for the CLI, in ``cli_locale``."""
    from registry.catalogues import translator

    return translator(cli_locale(lang))
