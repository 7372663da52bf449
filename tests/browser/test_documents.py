"""A city reviewer attaches a PDF (their verification notes) to a submitted project on its page in
Chromium, sees it listed, downloads it under its Chinese name, and removes it after the page's
question; a file beyond the bound is refused by the page before it is sent. (The demo holds no
Pudong draft, and a reviewer adds and removes their own papers while a project is submitted.)"""
from __future__ import annotations

from pathlib import Path

import pytest

from tests import document_samples as samples
from tests.browser.conftest import LINES_JS, log_in, save_screenshot, signed_in

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
    assert page.inner_text("#no-documents") == "暂无证明材料。" and page.locator("section.documents table").count() == 0
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


def upload_pdf(page, project_url: str, kind: str, text: str, button: str) -> None:
    """Upload a PDF named LONG_NAME holding ``text`` on the project page, as a document of ``kind``
    (its name in the page's language), with the form's ``button``."""
    page.goto(project_url)
    page.select_option("select[name=kind]", label=kind)
    page.set_input_files("#document-file", files=[{"name": LONG_NAME, "mimeType": "application/pdf",
                                                   "buffer": samples.pdf(text)}])
    with page.expect_navigation():
        page.get_by_role("button", name=button).click()


LONG_NAME = "上海泰泰机械有限公司2017年度清洁生产审核节能量第三方审核报告（最终稿，含附件及现场照片）.pdf"


def test_on_a_phone_a_document_is_a_card_its_download_and_remove_in_sight(browser, live_server, db):
    """In seven columns at 360 px the table scrolled sideways: the download link, the point of the
    row, was out of sight; each document is now a card of the screen's width."""
    project_id = db(SUBMITTED)
    context = browser.new_context(viewport={"width": 360, "height": 740}, locale="zh-CN", has_touch=True)
    page = context.new_page()
    log_in(page, live_server, "reviewer")
    upload_pdf(page, f"{live_server}/projects/{project_id}", "节能量审核报告", "Phone card", "上传")
    box = page.locator("section.documents .table-scroll")
    assert box.evaluate("b => b.scrollWidth - b.clientWidth") == 0
    row = page.locator("section.documents tbody tr").filter(has_text=LONG_NAME)
    for part in (row.get_by_role("link", name=f"下载 {LONG_NAME}"), row.get_by_role("button", name=f"移除 {LONG_NAME}"),
                 row.locator("td.document-name")):
        found = part.bounding_box()
        assert found["x"] >= 0 and found["x"] + found["width"] <= 360, found
    assert row.bounding_box()["height"] < 200
    save_screenshot(page, "project-documents-phone")
    page.once("dialog", lambda dialog: dialog.accept())
    with page.expect_navigation():
        row.get_by_role("button", name=f"移除 {LONG_NAME}").click()
    context.close()


def test_in_english_at_a_desk_a_document_s_kind_stays_on_one_line(browser, live_server, register):
    """In seven columns in the project page's column (703 px at 1280) "Completion and acceptance
    papers" stood four lines tall; in five (who above when, download above remove) it keeps one."""
    project_id, _ = register("英文材料类型测试", 1)[0]
    context, page = signed_in(browser, live_server, {"width": 1280, "height": 860}, lang="en", user="reviewer")
    upload_pdf(page, f"{live_server}/projects/{project_id}", "Completion and acceptance papers", "Acceptance", "Upload")
    row = page.locator("section.documents tbody tr").filter(has_text=LONG_NAME)
    kind = row.locator("td").nth(0)
    assert kind.inner_text() == "Completion and acceptance papers"
    assert page.evaluate(LINES_JS, kind.element_handle()) == 1
    box = page.locator("section.documents .table-scroll")
    assert box.evaluate("b => b.scrollWidth - b.clientWidth") == 0  # the whole table in sight, nothing cut off
    assert row.get_by_role("link", name=f"Download {LONG_NAME}").is_visible()
    assert row.get_by_role("button", name=f"Remove {LONG_NAME}").is_visible()
    save_screenshot(page, "project-documents-en-desk")
    context.close()
