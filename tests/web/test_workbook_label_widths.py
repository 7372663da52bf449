"""The rollup workbook's label columns (the summary's metrics, the kinds) are as wide as their longest
label in the reader's language: the widths were the Chinese names', and the English ones
(Structural adjustment (exit of outdated capacity)) were cut off by the figures beside them."""
from __future__ import annotations

import io
import unicodedata

import pytest
from openpyxl import load_workbook

from tests.integration import rollup_data


def columns_taken(text: str) -> int:
    """A sheet's character widths ``text`` takes: a CJK character two."""
    return sum(2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in text)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_metrics_and_kinds_fit_their_column(client, login, session, lang):
    rollup_data.load(session)
    login("admin")
    book = load_workbook(io.BytesIO(client.get(f"/rollups/export?year=2013&format=xlsx&lang={lang}").data))
    summary, by_kind = book.worksheets[0], book.worksheets[2]
    for sheet in (summary, by_kind):
        merged = {cell for cells in sheet.merged_cells.ranges for cell in cells.cells}  # the notes, across the table
        labels = [c.value for c in sheet["A"][1:] if isinstance(c.value, str) and (c.row, c.column) not in merged]
        assert len(labels) > 5, labels
        width = sheet.column_dimensions["A"].width
        assert [label for label in labels if columns_taken(label) > width] == [], (sheet.title, width)
