"""A city reviewer attaches a PDF (their verification notes) to a submitted project on its page in
Chromium, sees it listed, downloads it under its Chinese name, and removes it after the page's
question; a file beyond the bound is refused by the page before it is sent. (The demo holds no
Pudong draft, and a reviewer adds and removes their own papers while a project is submitted.)"""
from __future__ import annotations

from pathlib import Path

import pytest

from tests import document_samples as samples
from tests.browser.conftest import log_in, save_screenshot

pytestmark = pytest.mark.browser
PDF_NAME = "现场核查意见（盖章版）.pdf"
SUBMITTED = "SELECT min(id) FROM projects WHERE status = 'submitted'"


def flash(page) -> str:
    return page.locator('main > .flashes[role="status"]').inner_text()


def test_upload_a_pdf_see_it_listed_download_it_and_remove_it(page, live_server, db):
    project_id = db(SUBMITTED)
    count = "SELECT count(*) FROM project_documents WHERE project_id = :p"
    assert project_id is not None and db(count, p=project_id) == 0
    log_in(page, live_server, "reviewer")
    page.goto(f"{live_server}/projects/{project_id}")

    page.select_option("select[name=kind]", label="其他")
    page.set_input_files("#document-file", files=[{"name": PDF_NAME, "mimeType": "application/pdf",
                                                   "buffer": samples.pdf("Site check, stamped")}])
    assert page.locator("#document-file-chosen").inner_text() == PDF_NAME
    with page.expect_navigation():
        page.get_by_role("button", name="上传").click()
    assert flash(page) == f"已上传证明材料“{PDF_NAME}”。" and page.url.endswith("#documents")
    row = page.locator("section.documents tbody tr").filter(has_text=PDF_NAME)
    assert row.locator("td").nth(0).inner_text() == "其他" and row.locator("td").nth(2).inner_text().endswith("KB")
    assert db(count, p=project_id) == 1
    save_screenshot(page, "project-documents-zh")

    with page.expect_download() as download:
        row.get_by_role("link", name=f"下载 {PDF_NAME}").click()
    assert download.value.suggested_filename == PDF_NAME
    assert Path(download.value.path()).read_bytes() == samples.pdf("Site check, stamped")

    asked: list[str] = []
    page.once("dialog", lambda dialog: (asked.append(dialog.message), dialog.accept()))
    with page.expect_navigation():
        row.get_by_role("button", name=f"移除 {PDF_NAME}").click()
    assert asked and asked[0].startswith("从项目 ") and f"中移除证明材料“{PDF_NAME}”？" in asked[0]
    assert flash(page) == f"已移除证明材料“{PDF_NAME}”。"
    assert page.locator("section.documents tbody").inner_text().strip() == "暂无证明材料。"
    assert db(count, p=project_id) == 0


def test_a_file_beyond_the_bound_is_refused_before_it_is_sent(page, live_server, db):
    project_id = db(SUBMITTED)
    log_in(page, live_server, "reviewer")
    page.goto(f"{live_server}/projects/{project_id}")
    posted: list[str] = []
    page.on("request", lambda request: posted.append(request.url) if request.method == "POST" else None)
    page.select_option("select[name=kind]", label="现场照片")
    page.set_input_files("#document-file", files=[{"name": "航拍.png", "mimeType": "image/png",
                                                   "buffer": samples.png() + b"\x00" * (20 * 1024 * 1024)}])
    message = page.evaluate("document.getElementById('document-file').validationMessage")
    assert message == "此文件超过 20 MB，超出了证明材料的大小上限。"
    page.get_by_role("button", name="上传").click()
    page.wait_for_timeout(300)  # a submit would have started its POST by now
    assert posted == [] and db("SELECT count(*) FROM project_documents WHERE project_id = :p", p=project_id) == 0
