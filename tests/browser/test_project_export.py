"""Downloading the project list in a real Chromium: filter the list with its form, sort it by a
column, and the 导出 buttons download those projects — all of them, in that order — as a file the
browser saves under its dated name."""
from __future__ import annotations

import csv
import io
import re
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from openpyxl import load_workbook

from tests.browser.conftest import save_screenshot, signed_in

pytestmark = pytest.mark.browser


def test_the_buttons_download_what_the_filtered_sorted_list_shows(browser, live_server, db):
    context, page = signed_in(browser, live_server, {"width": 1280, "height": 900}, user="reviewer")
    try:
        page.goto(live_server + "/projects?district=")
        page.select_option("select[name=kind]", "motor_upgrade")
        page.select_option("select[name=page_size]", "25")
        page.click("form.filters button[type=submit]")
        page.wait_for_load_state("networkidle")
        page.click("th a:has-text('项目编号')")  # sort by reference, newest first
        page.wait_for_load_state("networkidle")
        save_screenshot(page, "project-list-export")
        total = db("SELECT count(*) FROM projects WHERE kind = 'motor_upgrade'")
        assert total > 0
        button = page.get_by_role("link", name="导出 CSV")
        query = parse_qs(urlsplit(button.get_attribute("href")).query, keep_blank_values=True)
        assert query["kind"] == ["motor_upgrade"] and query["sort"] == ["reference"] and query["dir"] == ["desc"]
        with page.expect_download() as waiting:
            button.click()
        download = waiting.value
        # the kind chosen, no district or year: "filtered" in its name (services/projects/filters.download_stem)
        assert re.fullmatch(r"projects-filtered-\d{4}-\d{2}-\d{2}\.csv", download.suggested_filename)
        rows = list(csv.reader(io.StringIO(Path(download.path()).read_bytes().decode("utf-8-sig"))))
        references = [row[0] for row in rows[1:]]
        assert len(references) == total  # every page, not the 25 shown
        assert references == sorted(references, reverse=True)
        assert {row[5] for row in rows[1:]} == {"高效电机推广"}
        with page.expect_download() as waiting:
            page.get_by_role("link", name="导出 Excel").click()
        sheet = load_workbook(io.BytesIO(Path(waiting.value.path()).read_bytes())).worksheets[0]
        assert [sheet.cell(r, 1).value for r in range(2, sheet.max_row + 1)] == references
    finally:
        context.close()
