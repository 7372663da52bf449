"""The registry's years are domain/years.py's MIN_YEAR to MAX_YEAR: no text of the code, its templates or
its help writes the range out as literal figures, which would go on saying "2000–2100" after the
constants changed (user-visible texts take the constants; docstrings and comments name years.py)."""
from __future__ import annotations

import re
from pathlib import Path

from registry.domain.years import MAX_YEAR, MIN_YEAR

ROOT = Path(__file__).resolve().parents[2]
YEARS_MODULE = ROOT / "registry" / "domain" / "years.py"
WRITTEN_RANGE = re.compile(rf"{MIN_YEAR}\s*(?:–|-|—|to|至|and|AND|\.\.)\s*{MAX_YEAR}")


def _texts():
    for pattern in ("registry/**/*.py", "registry/help/**/*.md", "templates/**/*.html", "registry/static/js/*.js"):
        yield from (path for path in ROOT.glob(pattern) if path != YEARS_MODULE)


def test_no_text_writes_the_registry_s_year_range_as_literal_figures():
    written = [f"{path.relative_to(ROOT)}:{n}: {line.strip()}" for path in _texts()
               for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if WRITTEN_RANGE.search(line)]
    assert written == []


def test_the_pattern_finds_the_range_as_texts_wrote_it():
    assert all(WRITTEN_RANGE.search(text) for text in (f"{MIN_YEAR}–{MAX_YEAR}", f"{MIN_YEAR} 至 {MAX_YEAR}",
                                                        f"{MIN_YEAR} to {MAX_YEAR}", f"BETWEEN {MIN_YEAR} AND {MAX_YEAR}"))
