"""District staff upload a parcel file in Chromium: progress is shown, then the error report."""
from __future__ import annotations

import pytest

from tests.browser.conftest import (answers_read, count_answers_read, log_in, recording_page, requests_elsewhere,
                                    save_screenshot, signed_in, wait_for_answers_read)
from tests.integration.imports.conftest import squares, write_parcels

pytestmark = pytest.mark.browser


def test_upload_shows_progress_and_the_error_report(page, live_server, tmp_path):
    land_use = ["M1"] * 20_000
    land_use[12_344] = "XX"
    path = write_parcels(tmp_path / "浦东地块.gpkg", squares(20_000), codes=[f"BR-{i}" for i in range(20_000)],
                         land_use=land_use)
    log_in(page, live_server, "pudong")
    count_answers_read(page)
    page.goto(live_server + "/imports/")
    # every question about the progress is held until the result is in: the page asks every 300 ms once
    # the file is sent, and on a quick machine the 20,000 rows were in before a second question (when the
    # first was let through, no question was left out and the test failed)
    polls = []
    page.route("**/imports/progress/*", lambda route: polls.append(route))
    page.set_input_files("input[name=file]", str(path))
    page.click("#import-form button[type=submit]")
    page.wait_for_selector("#import-progress:not([hidden])")
    page.wait_for_selector(".import-result", timeout=120_000)
    assert page.get_attribute("#import-progress", "data-stage") == "done"
    assert any("/imports/progress/" in url for url in page.requests_seen)
    # answers that come after the result (asked while it was on its way) leave the progress done
    late = polls
    assert late, "no question about the progress was out when the result came"
    read = answers_read(page, "/imports/progress/")
    for route in late:
        route.fulfill(json={"stage": "checking", "done": 5000, "total": 20000})
    wait_for_answers_read(page, "/imports/progress/", read + len(late))
    assert page.get_attribute("#import-progress", "data-stage") == "done"  # it went back to "checking"
    result = page.inner_text(".import-result")
    assert "12345" in result and "XX" in result
    assert page.get_attribute(".import-result", "data-loaded") == "false"
    save_screenshot(page, "bulk-import-report")
    with page.expect_download() as download:
        page.click(".import-result a:text-is(\"XLSX\")")
    assert download.value.suggested_filename.endswith(".xlsx")
    assert requests_elsewhere(page, live_server) == []


def test_a_file_outside_the_district_is_refused_row_by_row(page, live_server, tmp_path):
    minhang = squares(3, (121.38, 31.10))
    path = write_parcels(tmp_path / "minhang.geojson", minhang, codes=["M-1", "M-2", "M-3"], driver="GeoJSON")
    checked_only(page, live_server + "/imports/?lang=en", path)
    assert page.inner_text(".import-result").count("outside your district Pudong New Area") == 3


def checked_only(page, url, path) -> None:
    """Pudong's clerk uploads ``path`` at ``url`` to be checked only, and waits for the result: nothing
    stays in the browser tests' shared database (the wizard's tests draw over its newest parcels)."""
    log_in(page, url.split("/imports/")[0], "pudong")
    page.goto(url)
    page.set_input_files("input[name=file]", str(path))
    page.check("input[name=dry_run]")
    page.click("#import-form button[type=submit]")
    page.wait_for_selector(".import-result", timeout=120_000)


def test_done_counts_the_rows_read(page, live_server, tmp_path, db):
    """The progress line once an import is done counts the rows read, not "Done 1 / 1"."""
    path = write_parcels(tmp_path / "地块.gpkg", squares(1234), codes=[f"DC-{i}" for i in range(1234)])
    checked_only(page, live_server + "/imports/", path)
    assert page.get_attribute("#import-progress", "data-stage") == "done"
    assert db("SELECT count(*) FROM parcels WHERE code LIKE 'DC-%'") == 0
    assert page.inner_text("#import-progress .count") == "1,234 / 1,234"
    assert page.get_attribute("#import-progress progress", "value") == "1234"


def test_the_progress_counts_in_the_pages_language_not_the_browsers(browser, live_server, tmp_path, db):
    """A German browser showed 1.234 / 1.234 under a Chinese page that writes 1,234 (French: 1 234)."""
    path = write_parcels(tmp_path / "地块.gpkg", squares(1234), codes=[f"DL-{i}" for i in range(1234)])
    context, page = recording_page(browser, locale="de-DE")
    try:
        checked_only(page, live_server + "/imports/", path)
        assert page.inner_text("#import-progress .count") == "1,234 / 1,234"
        assert db("SELECT count(*) FROM parcels WHERE code LIKE 'DL-%'") == 0
    finally:
        context.close()


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_on_a_phone_each_refusal_reads_with_its_reason_in_sight(browser, live_server, tmp_path, lang):
    """At 390 px the report's five columns pushed the reason, what the report is read for, past the
    screen's edge: each line is now a card, its reason on a line of its own."""
    from tests.integration.imports.test_project_import import _ENTERPRISE, _PARCELS, _motor, _workbook

    rows = [_motor("2017-310115-9601", 台数="三台", 负载率="七成五", **{_PARCELS: None}),
            _motor("2017-310115-9602", **{"额定功率（千瓦）": "五十五千瓦", _PARCELS: None})]
    path = _workbook(tmp_path, rows, enterprises=[_ENTERPRISE])
    width = 390
    context, page = signed_in(browser, live_server, {"width": width, "height": 844}, lang, user="pudong", has_touch=True)
    try:
        page.goto(live_server + "/imports/")
        page.select_option("select[name=target]", "projects")
        page.set_input_files("input[name=file]", str(path))
        page.check("input[name=dry_run]")
        page.click("#import-form button[type=submit]")
        page.wait_for_selector(".import-result table.report", timeout=120_000)
        reasons = page.eval_on_selector_all(".import-result table.report tbody td:last-child", """cells => cells.map(
            c => { const r = c.getBoundingClientRect(); return {left: r.left, right: r.right, text: c.innerText}; })""")
        assert len(reasons) == 3 and all(r["text"] for r in reasons), reasons
        assert all(0 <= r["left"] and r["right"] <= width for r in reasons), reasons
        box = page.eval_on_selector(".import-result .table-scroll", "b => [b.scrollWidth, b.clientWidth]")
        assert box[0] <= box[1], box  # nothing to scroll sideways to
        save_screenshot(page, f"bulk-import-report-phone-{lang}")
    finally:
        context.close()


def test_a_project_workbook_is_asked_nothing_of_a_gis_file_and_a_refused_upload_has_failed(page, live_server, tmp_path):
    from registry.services.imports.project_template import template_bytes

    workbook = tmp_path / "项目.xlsx"
    workbook.write_bytes(template_bytes())
    log_in(page, live_server, "pudong")
    page.goto(live_server + "/imports/")
    gis_fields = ["select[name=crs]", "input[name=encoding]", "input[name=layer]", "input[name=repair]"]
    assert all(page.is_visible(field) for field in gis_fields)
    page.select_option("select[name=target]", "projects")
    # a coordinate system, a Shapefile's encoding, a layer or a repair of shapes: nothing a workbook has
    assert not any(page.is_visible(field) for field in gis_fields)
    assert page.is_visible("input[name=dry_run]") and page.is_visible("input[name=on_error][value=skip]")
    page.select_option("select[name=target]", "parcels")
    assert all(page.is_visible(field) for field in gis_fields)
    # the workbook sent as parcels is refused: the progress says so, not 完成 above the refusal
    page.set_input_files("input[name=file]", str(workbook))
    page.click("#import-form button[type=submit]")
    page.wait_for_selector("#import-result .field-errors")
    assert page.get_attribute("#import-progress", "data-stage") == "failed"
    assert page.inner_text("#import-progress .stage") == "失败"
    assert not page.is_visible("#import-progress progress")  # a full bar under 失败 read as done
    assert page.inner_text("#import-result .field-errors").startswith("文件：是 Excel 工作簿")
