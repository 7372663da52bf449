"""How many pages a list makes: ``total`` rows at ``page_size`` a page, at least one (an empty list is
one empty page, as its pager says). The lists' page DTOs take ``pages`` from ``Paged``."""
from __future__ import annotations


def page_count(total: int, page_size: int) -> int:
    return max(1, -(-total // page_size))


class Paged:
    """A mixin for a page of a list that has ``total`` and ``page_size`` (dataclass fields of its own)."""

    @property
    def pages(self) -> int:
        return page_count(self.total, self.page_size)  # type: ignore[attr-defined]
