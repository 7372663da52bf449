"""The progress line once an import is done counts the rows read, not "Done 1 / 1"."""
from __future__ import annotations

import pytest

from tests.browser.conftest import log_in
from tests.integration.imports.conftest import squares, write_parcels

pytestmark = pytest.mark.browser


def test_done_counts_the_rows_read(page, live_server, tmp_path, db):
    path = write_parcels(tmp_path / "地块.gpkg", squares(1234), codes=[f"DC-{i}" for i in range(1234)])
    log_in(page, live_server, "pudong")
    page.goto(live_server + "/imports/")
    page.set_input_files("input[name=file]", str(path))
    # checked only: the 1,234 parcels would stay in Pudong in the browser tests' shared database, where
    # the wizard's tests take the newest parcel without a project to draw over (they drew over these)
    page.check("input[name=dry_run]")
    page.click("#import-form button[type=submit]")
    page.wait_for_selector(".import-result", timeout=120_000)
    assert page.get_attribute("#import-progress", "data-stage") == "done"
    assert db("SELECT count(*) FROM parcels WHERE code LIKE 'DC-%'") == 0
    assert page.inner_text("#import-progress .count") == "1,234 / 1,234"
    assert page.get_attribute("#import-progress progress", "value") == "1234"
