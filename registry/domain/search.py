"""What a search box's text means: one line, normalised as people type and paste it.

Someone reads a parcel code, a credit code, a project reference or half a company name over the
phone; the text is taken as meant (docs/development.md, "Search"): full-width letters, digits and
spaces (Chinese input methods) read as ASCII (NFKC), invisible characters pasted from documents
(zero-width spaces, byte-order marks, control characters) dropped, runs of white space one space,
none at either end. Matching ignores case and width: what is compared is the ``search_key`` of
both sides — of the text, and of the names and codes stored (migration 0030), which hold full-width
letters and brackets as Chinese input methods write them (上海ＡＢ化工（集团）有限公司).

Where a text is looked for (docs/performance.md, "Search"): anywhere in names (a project's, an
enterprise's); in identifiers (a project reference, a credit code) anywhere from ``SUBSTRING_MIN``
characters, which trigram indexes serve, at their start below that (a one- or two-character text has
no trigram: names are then read whole, which their tables allow at city scale, identifiers are not).
Parcel codes, a million of them, are matched at their start whatever the length.
"""
from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from registry.domain.credit_code import is_valid_credit_code, normalize_credit_code
from registry.domain.errors import N_, ValidationError

FIELD = "q"
MAX_LENGTH = 100  # characters, after normalisation
SUBSTRING_MIN = 3  # shorter texts match identifiers at their start only (names anywhere)
EMPTY = N_("is empty; give a name, a code or a reference, whole or in part")
# Unicode categories dropped: control (Cc: after white space is folded, what is left is invisible)
# and format (Cf: zero-width space and joiners, BOM, direction marks pasted with a code).
_INVISIBLE = ("Cc", "Cf")


def normalize_query(raw: str) -> str:
    """``raw`` as meant: NFKC (Ｓ　Ｈ－０１ → S H-01), invisible characters out, white space folded."""
    folded = unicodedata.normalize("NFKC", raw)
    kept = "".join(c if c.isspace() or unicodedata.category(c) not in _INVISIBLE else "" for c in folded)
    return " ".join(kept.split())


def search_key(text: str) -> str:
    """``text`` as the search compares it: NFKC, then lower case (ＡＢ（集团）Ü → ab(集团)ü), as the
    database's ``registry_search_key`` writes the names' and codes' keys. Lower case, not Unicode case
    folding (PostgreSQL 15 has no casefold()): both sides agree, and only ß/ss and the final σ differ
    from a folding. One character at a time, as PostgreSQL lowers (İ → i, where Python writes i̇)."""
    return "".join(c.lower()[0] for c in unicodedata.normalize("NFKC", text))


@dataclass(frozen=True)
class SearchText:
    """A normalised, non-empty search text of at most ``MAX_LENGTH`` characters."""

    text: str

    @property
    def anywhere(self) -> bool:
        """Whether it is looked for anywhere in references and credit codes (else at their start
        only; names are looked into in either case)."""
        return len(self.text) >= SUBSTRING_MIN

    @property
    def key(self) -> str:
        """What names and parcel codes are compared with (``search_key``)."""
        return search_key(self.text)

    @property
    def caseless(self) -> bool:
        """Whether it has no letter with a case (Chinese, digits): matched case-sensitively then,
        which reads a table several times faster than ignoring case and finds the same."""
        return self.text.lower() == self.text.upper()

    @property
    def identifiers(self) -> tuple[str, ...]:
        """The whole identifiers it may be (a reference, a parcel code): as typed, and without its
        spaces (a code read out in groups: SH 310115 000123), each once."""
        compact = self.text.replace(" ", "")
        return (self.text,) if compact == self.text else (self.text, compact)

    @property
    def credit_code(self) -> str | None:
        """The unified social credit code it is, if it is a whole valid one (GB 32100, spaces and
        case as typed: 9131 0115 ma1k…)."""
        code = normalize_credit_code(self.text)
        return code if is_valid_credit_code(code) else None


def parse_search(raw: str | None) -> SearchText | None:
    """The search text of ``raw``; ``None`` when nothing is left to look for (the page then says
    what to type); ``ValidationError`` on ``q`` when it is longer than ``MAX_LENGTH``."""
    text = normalize_query(raw or "")
    if not text:
        return None
    if len(text) > MAX_LENGTH:
        raise ValidationError.single(
            FIELD, N_("is %(length)d characters long; search for at most %(limit)d, e.g. a name, a code or a "
                      "reference"), length=len(text), limit=MAX_LENGTH)
    return SearchText(text)
