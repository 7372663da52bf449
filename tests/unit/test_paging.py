"""A list's number of pages (registry/domain/paging.py), which every pager and API body shows."""
from __future__ import annotations

from dataclasses import dataclass

import pytest

from registry.domain.paging import Paged, page_count


@pytest.mark.parametrize(("total", "size", "pages"), [(0, 25, 1), (1, 25, 1), (25, 25, 1), (26, 25, 2), (200, 50, 4)])
def test_an_empty_list_is_one_page_and_a_last_partial_page_counts(total, size, pages):
    assert page_count(total, size) == pages


def test_a_page_dto_takes_its_pages_from_its_own_fields():
    @dataclass(frozen=True)
    class Page(Paged):
        total: int
        page_size: int

    assert Page(51, 25).pages == 3
