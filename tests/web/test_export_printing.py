"""A streamed export prints as the rollup's workbook does: its header on every page, A4 landscape, one
page wide (the drill-down's 导出 Excel printed its header on the first page only, portrait)."""
from __future__ import annotations

import io

from openpyxl import load_workbook

from tests.integration import rollup_data


def test_the_drill_downs_workbook_repeats_its_header_on_every_printed_page(client, login, session):
    rollup_data.load(session)
    login("planner")
    book = load_workbook(io.BytesIO(client.get("/rollups/projects/export?year=2013&format=xlsx").data))
    for sheet in book.worksheets:
        header = sheet.freeze_panes[1:]  # the row under the frozen ones
        assert sheet.print_title_rows == f"$1:${int(header) - 1}", sheet.title
        assert sheet.page_setup.orientation == "landscape" and sheet.page_setup.paperSize == 9, sheet.title
        assert (sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight) == (1, 0) and sheet.sheet_properties.pageSetUpPr.fitToPage
