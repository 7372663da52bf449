"""gettext functions for a locale outside a request (CLI, import reports), from the same catalogue."""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Callable

from babel.support import Translations

CATALOGUE_DIR = Path(__file__).parent / "translations"


@lru_cache(maxsize=8)
def translator(locale: str) -> Callable[[str], str]:
    """gettext for ``locale``; English (the msgids) for 'en' or an unknown locale."""
    if locale.startswith("en"):
        return lambda msgid: msgid
    return Translations.load(str(CATALOGUE_DIR), [locale]).gettext
