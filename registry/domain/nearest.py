"""The known values nearest one a reader typed (a refusal's "did you mean …?").

A value is near a name when it is a slip of it (a few characters apart: ``natual_gas``,
``electricty``), a part of it or it of the value (``coal`` of ``raw_coal``, ``gasolin``), or when
they share a word of three letters or more (``coal2`` and ``raw_coal``). Slips and parts, when there
are any, are suggested without the names that only share a word (``natual_gas`` is natural gas, not
every gas); nearer first by how many characters apart, then in the vocabulary's order.

The wizard's script words the same rule for what its JSON box refuses
(``registry/static/js/wizard-values.js``, ``nearestCodes``), so the page and the server suggest alike.
"""
from __future__ import annotations

import re
from typing import Iterable, Mapping

MAX_COMPARED = 40  # characters of a value compared (a value sent to the API may be of any length)
_SEPARATORS = re.compile(r"[\s\-_/()（）]+")
_WORDS = re.compile(r"[a-z]{3,}")


def folded(text: str) -> str:
    """``text`` as names are compared: lower case, its spaces, hyphens and brackets one ``_``."""
    return _SEPARATORS.sub("_", text.strip().lower()).strip("_")


def edit_distance(a: str, b: str) -> int:
    """Characters inserted, deleted or replaced to turn ``a`` into ``b`` (Levenshtein)."""
    previous = list(range(len(b) + 1))
    for i, char in enumerate(a, start=1):
        current = [i]
        for j, other in enumerate(b, start=1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (char != other)))
        previous = current
    return previous[-1]


def _closeness(typed: str, name: str) -> tuple[int, int] | None:
    """(tier, characters apart) of a folded value and name, or None when they are not near."""
    distance = edit_distance(typed, name)
    if distance <= max(1, len(name) // 4) or (min(len(typed), len(name)) >= 2 and (typed in name or name in typed)):
        return 0, distance
    if set(_WORDS.findall(typed)) & set(_WORDS.findall(name)):
        return 1, distance
    return None


def nearest(value: str, names: Mapping[str, Iterable[str]], limit: int = 3) -> tuple[str, ...]:
    """The keys of ``names`` (key → the names it is known by, its code among them) nearest ``value``,
    at most ``limit``, nearest first; none when nothing is near."""
    typed = folded(value[:MAX_COMPARED])
    if not typed:
        return ()
    ranked = []
    for order, (key, known_as) in enumerate(names.items()):
        close = [c for c in (_closeness(typed, folded(name)) for name in known_as) if c is not None]
        if close:
            ranked.append((*min(close), order, key))
    best = min((tier for tier, *_ in ranked), default=None)  # slips and parts, when any, without shared words
    return tuple(key for tier, *_, key in sorted(ranked) if tier == best)[:limit]
