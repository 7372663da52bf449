"""The 证明材料 card of the project page: upload (every refusal beside the form, in Chinese and in
English, nothing written), download (an attachment named in RFC 5987 form, its type, nosniff, the
content's ETag), remove (asked first, said after), and the history that records both."""
from __future__ import annotations

import hashlib
import html as html_lib
import re

import pytest
from sqlalchemy import func, select

from registry.models import AuditEntry, ProjectDocument
from tests import document_samples as samples
from tests.conftest import TEST_PASSWORD
from tests.web.flashes import after
from tests.web.page_text import section, text_of
from tests.web.project_form import form

pytestmark = pytest.mark.usefixtures("districts")
REMOVE_FORM = re.compile(r'<form method="post" action="(/projects/\d+/documents/\d+/remove)" data-confirm="([^"]*)"')


def _draft(client) -> int:
    created = client.post("/projects/new", data=form(new_parcels="[]"))
    assert created.status_code == 302, created.get_data(as_text=True)[:2000]
    client.get(created.headers["Location"])  # the registration's own message is shown and gone
    return int(created.headers["Location"].rsplit("/", 1)[1])


def upload(client, project_id: int, kind="savings_audit", name="节能量审核报告.pdf", content=None, lang="zh_Hans_CN"):
    body = samples.multipart({"kind": kind}, (name, samples.pdf() if content is None else content))
    return client.post(f"/projects/{project_id}/documents?lang={lang}", **body)


def stored(session) -> int:
    return session.scalar(select(func.count()).select_from(ProjectDocument))


@pytest.fixture
def draft_id(client, login):
    login("district_staff", "310115")
    return _draft(client)


def test_staff_upload_a_pdf_see_it_listed_and_download_it(client, session, draft_id):
    page = client.get(f"/projects/{draft_id}").get_data(as_text=True)
    assert 'enctype="multipart/form-data"' in page and 'name="kind" required' in page
    assert 'accept=".pdf,.jpg,.jpeg,.png,.ofd,.docx,.xlsx,.doc,.xls"' in page and 'data-max-bytes="20971520"' in page
    assert "格式为 PDF、JPEG、PNG、OFD、DOCX、XLSX、DOC、XLS；每个文件不超过 20 MB，每个项目最多 30 份。" in text_of(page)

    response = upload(client, draft_id)
    assert response.headers["Location"].endswith(f"/projects/{draft_id}#documents")
    assert after(client, response) == [("success", "已上传证明材料“节能量审核报告.pdf”。")]
    card = section(client.get(f"/projects/{draft_id}").get_data(as_text=True), "documents")
    assert "节能量审核报告 节能量审核报告.pdf 0.6 KB district_staff-310115" in card and "下载" in card

    document_id = session.scalar(select(ProjectDocument.id))
    download = client.get(f"/projects/{draft_id}/documents/{document_id}")
    sha256 = hashlib.sha256(samples.pdf()).hexdigest()
    assert download.status_code == 200 and download.get_data() == samples.pdf()
    assert download.headers["Content-Type"] == "application/pdf"
    assert download.headers["Content-Disposition"] == (
        f"attachment; filename=\"document-{document_id}.pdf\"; "
        "filename*=UTF-8''%E8%8A%82%E8%83%BD%E9%87%8F%E5%AE%A1%E6%A0%B8%E6%8A%A5%E5%91%8A.pdf")
    assert download.headers["X-Content-Type-Options"] == "nosniff" and download.headers["ETag"] == f'"{sha256}"'
    assert "sandbox" in download.headers["Content-Security-Policy"]
    again = client.get(f"/projects/{draft_id}/documents/{document_id}", headers={"If-None-Match": f'"{sha256}"'})
    assert again.status_code == 304 and again.get_data() == b"" and again.headers["ETag"] == f'"{sha256}"'


def test_an_ascii_name_is_its_own_fallback(client, session, draft_id):
    upload(client, draft_id, kind="site_photo", name="site-01.png", content=samples.png())
    document_id = session.scalar(select(ProjectDocument.id))
    download = client.get(f"/projects/{draft_id}/documents/{document_id}")
    assert download.headers["Content-Type"] == "image/png"
    assert download.headers["Content-Disposition"] == "attachment; filename=\"site-01.png\"; filename*=UTF-8''site-01.png"


# (form fields, status, the refusal in Chinese, in English)
REFUSALS = {
    "no file": ({"kind": "contract"}, 422, "请选择要上传的文件", "choose a file to upload"),
    "no kind": ({"kind": "", "name": "合同.pdf"}, 422, "请选择材料类型", "choose the kind of document"),
    "empty": ({"content": b""}, 422, "是空文件：没有任何内容", "is empty: the file holds no content"),
    "not a document": ({"name": "说明.pdf", "content": b"<html>hi</html>"}, 422,
                       "不是本系统接受的文件：证明材料须为 PDF、JPEG、PNG、OFD、DOCX、XLSX、DOC、XLS 之一，而此文件的内容不属于其中任何一种",
                       "is not a file the registry accepts: a document is one of PDF, JPEG, PNG, OFD, DOCX, XLSX, "
                       "DOC, XLS, and this file's content is none of them"),
    "suffix": ({"name": "合同.docx"}, 422, "是 PDF 文件，但文件名以“.docx”结尾：PDF 文件的文件名应以 .pdf 结尾",
               "is a PDF file but its name ends in “.docx”: a PDF file's name ends in .pdf"),
    "too large": ({"content": samples.pdf() + b" " * (1024 * 1024)}, 422,
                  "为 1.0 MB：证明材料每个文件不超过 1 MB", "is 1.0 MB: a document may be at most 1 MB"),
}


@pytest.mark.parametrize("lang", ["zh_Hans_CN", "en"])
@pytest.mark.parametrize("case", list(REFUSALS))
def test_each_refusal_is_said_beside_the_form_in_the_users_language_and_nothing_is_written(app, client, session,
                                                                                           draft_id, case, lang):
    app.config["DOCUMENT_MAX_BYTES"] = 1024 * 1024
    fields, status, chinese, english = REFUSALS[case]
    if case == "no file":  # a browser sends the field with no name and no bytes
        response = client.post(f"/projects/{draft_id}/documents?lang={lang}", **samples.multipart(fields, ("", b"")))
    else:
        response = upload(client, draft_id, lang=lang, **{"kind": "contract", **fields})
    page = response.get_data(as_text=True)
    assert response.status_code == status
    card = section(page, "documents")
    assert (chinese if lang == "zh_Hans_CN" else english) in card
    assert 'role="alert"' in page[page.index('id="documents"'):]
    assert stored(session) == 0 and session.scalar(select(func.count()).where(AuditEntry.action == "add_document")) == 0
    if fields.get("kind", "contract"):
        assert '<option value="contract" selected>' in page  # what was chosen stays chosen


@pytest.mark.parametrize("lang, message", [
    ("zh_Hans_CN", "此文件已在本项目的证明材料中（文件名为“节能量审核报告.pdf”）。"),
    ("en", "This file is already among the project's documents, as 节能量审核报告.pdf."),
])
def test_the_same_file_again_is_refused_beside_the_form(client, session, draft_id, lang, message):
    upload(client, draft_id)
    again = upload(client, draft_id, kind="other", name="副本.pdf", lang=lang)
    assert again.status_code == 409 and message in section(again.get_data(as_text=True), "documents")
    assert stored(session) == 1


@pytest.mark.parametrize("lang, message", [
    ("zh_Hans_CN", "区级人员只能在项目为“草稿”“已退回”或“已批准”时上传证明材料；本项目当前为“已提交”。"),
    ("en", "District staff add documents while a project is a draft, returned or approved; this one is Submitted."),
])
def test_a_submitted_project_takes_no_document_from_its_district(client, session, draft_id, lang, message):
    client.post(f"/projects/{draft_id}/transition", data={"action": "submit", "version": "1"})
    page = client.get(f"/projects/{draft_id}?lang={lang}").get_data(as_text=True)
    assert 'action="/projects/%d/documents"' % draft_id not in page  # no form that could only be refused
    # where the form was, why it is gone: the refusal an upload would meet
    assert message in section(page, "documents")
    refused = upload(client, draft_id, lang=lang)
    assert refused.status_code == 409 and message in text_of(refused.get_data(as_text=True))
    assert stored(session) == 0


def _signed_in(app, make_user, username, role, district=None):
    other = app.test_client()
    make_user(username, role, district)
    assert other.post("/login", data={"username": username, "password": TEST_PASSWORD}).status_code == 302
    return other


def test_removing_asks_first_says_what_was_removed_and_is_in_the_history(client, session, draft_id):
    upload(client, draft_id, kind="contract", name="合同.pdf")
    page = client.get(f"/projects/{draft_id}").get_data(as_text=True)
    found = REMOVE_FORM.search(page)
    assert found and html_lib.unescape(found.group(2)) == (
        "从项目 2013-310115-0001 中移除证明材料“合同.pdf”？此操作无法撤销；审计日志只保留其文件名和校验值，不保留内容。")
    removed = client.post(found.group(1))
    assert after(client, removed) == [("success", "已移除证明材料“合同.pdf”。")]
    assert stored(session) == 0
    history = section(client.get(f"/projects/{draft_id}").get_data(as_text=True), "history")
    assert "移除证明材料" in history and "上传证明材料" in history
    assert "材料类型 合同 —" in history and "文件名 合同.pdf —" in history and "大小 — 0.6 KB" in history


def test_a_reviewer_cannot_remove_the_districts_document_and_is_told_why(app, client, session, make_user, draft_id):
    upload(client, draft_id)
    client.post(f"/projects/{draft_id}/transition", data={"action": "submit", "version": "1"})
    reviewer = _signed_in(app, make_user, "reviewer-1", "city_reviewer")
    document_id = session.scalar(select(ProjectDocument.id))
    page = reviewer.get(f"/projects/{draft_id}").get_data(as_text=True)
    assert "/remove" not in page and f'action="/projects/{draft_id}/documents"' in page  # reviewers add now
    refused = reviewer.post(f"/projects/{draft_id}/documents/{document_id}/remove?lang=en")
    assert refused.status_code == 403
    assert "City reviewers remove only the documents they uploaded themselves." in text_of(refused.get_data(as_text=True))
    assert stored(session) == 1


def test_a_planner_reads_and_downloads_but_is_offered_no_form(app, client, session, make_user, draft_id):
    upload(client, draft_id)
    client.post(f"/projects/{draft_id}/transition", data={"action": "submit", "version": "1"})
    planner = _signed_in(app, make_user, "planner-1", "planner")
    page = planner.get(f"/projects/{draft_id}").get_data(as_text=True)
    assert "节能量审核报告.pdf" in page and "/remove" not in page and 'name="kind"' not in page
    assert 'id="documents-closed"' not in page  # a planner never adds: nothing to explain
    document_id = session.scalar(select(ProjectDocument.id))
    assert planner.get(f"/projects/{draft_id}/documents/{document_id}").get_data() == samples.pdf()
    assert planner.post(f"/projects/{draft_id}/documents", data={"kind": "other"}).status_code == 403


def test_a_project_without_documents_says_so_in_a_line_not_an_empty_table(client, draft_id):
    page = client.get(f"/projects/{draft_id}").get_data(as_text=True)
    assert section(page, "documents").strip().startswith("证明材料 暂无证明材料。")
    assert 'id="no-documents"' in page and "<th scope=\"col\">文件名</th>" not in page
