"""What a reviewer's workflow card offers and asks before a step that credits a claim: the step
forward first and sending back as the lesser button; verifying a dossier with no energy-savings
audit report asked first (the flagged claims' questions: test_monitoring_pages.py)."""
from __future__ import annotations

import re

import pytest

pytestmark = pytest.mark.usefixtures("districts")


def test_a_reviewers_card_offers_the_step_forward_first_and_sending_back_as_the_lesser_button(client, login, session):
    """A completed project's card read 退回并附意见 · 核定, both drawn alike, where a submitted one's read
    批准 · 退回并附意见: the button taken on most projects moved with the status."""
    from registry.services import projects as svc
    from tests.integration.project_data import PUDONG, REVIEWER, draft

    submitted = svc.register_project(session, PUDONG, draft(new_parcels=()), submit=True)
    completed = svc.register_project(session, PUDONG, draft(new_parcels=()), submit=True)
    svc.transition(session, REVIEWER, completed.id, "approve")
    svc.transition(session, PUDONG, completed.id, "complete")
    login("city_reviewer")
    for view, forward in ((submitted, "approve"), (completed, "verify")):
        page = client.get(f"/projects/{view.id}").get_data(as_text=True)
        assert re.findall(r'<button type="submit" name="action" value="(\w+)" class="([^"]*)"', page) == [
            (forward, f"action-{forward}"), ("return", "action-return secondary")]


def test_verifying_without_the_audit_report_is_said_and_asked_first_as_its_documents_freeze(client, login, session):
    """核定 took a completed project whose dossier had no 节能量审核报告 without a word; verified, its
    documents cannot change, and the data-quality page then lists it for good."""
    from registry.services import documents
    from registry.services import projects as svc
    from tests import document_samples as samples
    from tests.integration.project_data import PUDONG, REVIEWER, draft

    view = svc.register_project(session, PUDONG, draft(new_parcels=()), submit=True)
    svc.transition(session, REVIEWER, view.id, "approve")
    svc.transition(session, PUDONG, view.id, "complete")
    login("city_reviewer")
    page = client.get(f"/projects/{view.id}").get_data(as_text=True)
    workflow = re.search(r'<section class="card workflow">(.*?)</section>', page, re.S).group(1)
    verify = re.search(r'<button type="submit" name="action" value="verify"[^>]*>', workflow).group(0)
    assert 'data-confirm="证明材料中还没有节能量审核报告，核定后证明材料不能再增删。仍要核定吗？"' in verify
    assert '<p class="hint" id="no-audit-report">证明材料中还没有节能量审核报告：核定后证明材料不能再增删，请先补充，或附意见退回。</p>' in workflow
    documents.add_document(session, REVIEWER, view.id, documents.NewDocument(
        "savings_audit", "节能量审核报告.pdf", samples.pdf("报告")), 20 * 1024 * 1024)
    page = client.get(f"/projects/{view.id}").get_data(as_text=True)
    assert "data-confirm" not in re.search(r'<button type="submit" name="action" value="verify"[^>]*>', page).group(0)
    assert "no-audit-report" not in page
