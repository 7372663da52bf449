"""How a search text is matched against names and identifiers (``search.py``'s statements, the project
list's text filter): the ``LIKE`` patterns of the text and of its search key, with the text's ``%``,
``_`` and the escape character matching themselves, and the rank of a match (a whole identifier, a
start, anywhere)."""
from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import ColumnElement, case, or_

from registry.domain.search import SearchText

ESCAPE = "/"
RANK_EXACT, RANK_PREFIX, RANK_ANYWHERE = 0, 1, 2
TRIGRAM = 3  # a key's characters a trigram index needs to serve a LIKE anywhere in a name


def escaped(text: str) -> str:
    return text.replace(ESCAPE, ESCAPE * 2).replace("%", ESCAPE + "%").replace("_", ESCAPE + "_")


@dataclass(frozen=True)
class Patterns:
    """How one search text is matched against names and identifiers."""

    indexed: str  # %text% from three characters, else text%: what a trigram index serves
    prefix: str  # text%: what ranks a match before those holding the text
    caseless: bool  # no letter with a case: LIKE finds what ILIKE would, several times faster
    key_anywhere: str  # %key%: names' keys, whatever the length
    key_prefix: str  # key%
    characters: tuple[str, ...] | None  # a key of one or two characters' (no trigram): what 0044's index finds

    @classmethod
    def of(cls, search: SearchText) -> "Patterns":
        prefix, key_prefix = escaped(search.text) + "%", escaped(search.key) + "%"
        characters = tuple(dict.fromkeys(search.key)) if len(search.key) < TRIGRAM else None
        return cls("%" + prefix if search.anywhere else prefix, prefix, search.caseless, "%" + key_prefix, key_prefix,
                   characters)

    def like(self, column, pattern: str) -> ColumnElement[bool]:
        return column.like(pattern, escape=ESCAPE) if self.caseless else column.ilike(pattern, escape=ESCAPE)

    def is_one_of(self, column, texts: tuple[str, ...]) -> ColumnElement[bool]:
        """``column`` is one of ``texts``, case aside (patterns without wildcards: the trigram index serves them)."""
        return or_(*(self.like(column, escaped(t)) for t in texts))

    def name(self, key) -> ColumnElement[bool]:
        """A name holds the text: its search ``key`` (a generated column) holds the text's, found
        through its trigram index, or for a short text by reading the keys (plain bytes: ILIKE on
        the names under the database's C.UTF-8 lowered each through wide characters, ten times slower)."""
        return key.like(self.key_anywhere, escape=ESCAPE)

    def rank(self, exact: ColumnElement[bool] | None, keys, identifiers, *starting) -> ColumnElement[int]:
        """The exact match first, then a name (by its key) or an identifier that starts with the text
        (or whatever else ``starting`` says starts with it: a former name)."""
        whens = [(exact, RANK_EXACT)] if exact is not None else []
        starts = [k.like(self.key_prefix, escape=ESCAPE) for k in keys] + [self.like(c, self.prefix) for c in identifiers]
        starts += starting
        whens.append((or_(*starts), RANK_PREFIX))
        return case(*whens, else_=RANK_ANYWHERE)
