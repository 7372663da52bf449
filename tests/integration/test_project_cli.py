"""``registry projects list|show|submit|approve|return|complete|verify`` on a committed database: the
same services as the pages and the API, acting as a named user (the audit trail names them), one
project by the single step and several by the batch, all or nothing; every refusal one error line
(exit status 2) in the CLI's language, with the database as it was."""
from __future__ import annotations

import json
from datetime import date

import pytest

from registry import clock
from registry.services import projects as svc
from tests.integration.cli_projects import (
    last_entries, refused_alone, registered, registry, snapshot, users_database,
)
from tests.integration.project_data import OVERDUE_TODAY, SQUARE


@pytest.fixture(scope="module")
def url(fresh_database_url):
    return users_database(fresh_database_url, "registry_test_project_cli")


def test_a_step_is_taken_as_the_named_user_and_audited_under_their_name(url):
    view = registered(url)
    done = registry(url, "projects", "submit", str(view.id), "--as", "pudong")
    assert done.exit_code == 0, done.output
    assert done.stdout == f"{view.reference} 高效电机改造 is now Submitted\n"
    assert last_entries(url, view.id) == [("pudong", "submit", None)]


def test_a_reference_names_the_project_and_a_return_keeps_its_comment(url):
    view = registered(url, "submitted")
    done = registry(url, "projects", "return", view.reference, "--as", "reviewer", "--comment", "请补充能源台账")
    assert done.exit_code == 0, done.output
    assert last_entries(url, view.id) == [("reviewer", "return", "请补充能源台账")]


def test_several_projects_take_the_step_together(url):
    views = [registered(url, "submitted", title=f"电机改造 {n}") for n in (1, 2, 3)]
    done = registry(url, "projects", "approve", str(views[0].id), views[1].reference, str(views[2].id),
                    "--as", "reviewer")
    assert done.exit_code == 0, done.output
    assert done.stdout.splitlines() == [f"{v.reference} {v.title} is now Approved" for v in views]
    assert [last_entries(url, v.id) for v in views] == [[("reviewer", "approve", None)]] * 3


def test_completion_takes_the_day_the_district_reports(url):
    view = registered(url, "approved")
    done = registry(url, "projects", "complete", str(view.id), "--as", "pudong", "--completed-on", "2013-12-28")
    assert done.exit_code == 0, done.output
    shown = json.loads(registry(url, "projects", "show", str(view.id), "--json").stdout)
    assert (shown["status"], shown["completed_on"]) == ("completed", "2013-12-28")


def test_approving_or_verifying_records_the_approved_subsidy(url):
    view = registered(url, "submitted")
    done = registry(url, "projects", "approve", view.reference, "--as", "reviewer", "--subsidy-approved", "1,200")
    assert done.exit_code == 0, done.output
    shown = json.loads(registry(url, "projects", "show", str(view.id), "--json").stdout)
    assert (shown["status"], shown["subsidy_approved_wan_yuan"]) == ("approved", 1200)
    assert shown["history"][-1]["changes"]["subsidy_approved_wan_yuan"] == [None, "1200"]


@pytest.mark.parametrize("status, args, line", [
    ("submitted", ("approve", "{id}", "--as", "pudong"), "error: Your role may not take the step “Approve”."),
    ("draft", ("submit", "{id}", "--as", "minhang"), "error: no project with id {id}"),
    ("draft", ("submit", "{reference}", "--as", "minhang"), "error: no project with reference {reference}"),
    ("approved", ("complete", "{id}", "--as", "minhang"),
     "error: District staff of Minhang may not act in district Pudong New Area."),
    ("submitted", ("return", "{id}", "--as", "reviewer"), "error: comment: a comment is required"),
    ("submitted", ("approve", "99999999", "--as", "reviewer"), "error: no project with id 99999999"),
    ("submitted", ("approve", "{id}", "--as", "nobody"), "error: no user named nobody"),
    ("approved", ("complete", "{id}", "--as", "pudong", "--completed-on", "2030-01-01"), "error: --completed-on “2030-01-01”: must not be in the future"),
    ("approved", ("complete", "{id}", "{id2}", "--as", "pudong"),
     "error: action: Completion is reported on each project's page"),
    ("submitted", ("approve", "{id}", "{id}", "--as", "reviewer"), "error: PROJECT…: project {id} is named more than once"),
    ("submitted", ("approve", "{id}", "{id2}", "--as", "reviewer", "--subsidy-approved", "5"),
     "error: --subsidy-approved “5”: an approved subsidy is one project's: approve or verify that project alone"),
    ("submitted", ("approve", "{id}", "--as", "reviewer", "--subsidy-approved", "-5"),
     "error: --subsidy-approved: must not be negative, got “-5”"),
])
def test_a_refusal_is_one_line_and_changes_nothing(url, status, args, line):
    view, other = registered(url, status), registered(url, status)
    names = {"id": view.id, "id2": other.id, "reference": view.reference}
    refused_alone(url, line.format(**names), "projects", *(arg.format(**names) for arg in args))


def test_a_batch_with_one_refused_project_names_it_and_changes_nothing(url):
    submitted, draft = registered(url, "submitted"), registered(url)
    before = snapshot(url)
    refused = registry(url, "projects", "approve", str(submitted.id), str(draft.id), "--as", "reviewer")
    assert refused.exit_code == 2
    assert refused.stderr.splitlines() == [
        "error: Nothing was changed: 1 of the 2 selected projects cannot take the step “Approve”.",
        f"  {draft.reference}: The step “Approve” is not possible while the project's status is “Draft”."]
    assert snapshot(url) == before


def test_messages_speak_the_shells_language(url):
    view = registered(url)
    done = registry(url, "projects", "submit", str(view.id), "--as", "pudong", lang="zh_CN.UTF-8")
    assert done.stdout == f"{view.reference} 高效电机改造现为已提交\n"
    shown = registry(url, "projects", "show", str(view.id), lang="zh_CN.UTF-8").stdout.splitlines()
    assert shown[0] == f"{view.reference}  高效电机改造（ID {view.id}，版本 {view.version + 1}）"
    assert "状态：已提交" in shown and "区：浦东新区（310115）" in shown and "节能量，当量值（吨标准煤）：0.87" in shown
    assert f"企业：{view.enterprise_name}（{view.credit_code}）" in shown  # its code noted as Chinese notes it
    assert shown[-1] == "可执行的操作：批准（approve）、退回并附意见（return）"
    refused = registry(url, "projects", "approve", str(view.id), "--as", "pudong", lang="zh_CN.UTF-8")
    assert refused.exit_code == 2 and refused.stderr == "错误：您的角色不能执行“批准”。\n"


def test_the_list_filters_and_reads_as_the_named_user(url):
    mine = registered(url, title="闵行不可见的草稿")
    listed = json.loads(registry(url, "projects", "list", "--q", "闵行不可见", "--json").stdout)
    assert listed["total"] == 1 and listed["items"][0]["reference"] == mine.reference
    assert listed["items"][0]["savings_tce"] == pytest.approx(0.873, abs=0.001)
    as_minhang = json.loads(registry(url, "projects", "list", "--q", "闵行不可见", "--as", "minhang", "--json").stdout)
    assert as_minhang == {"total": 0, "items": []}
    lines = registry(url, "projects", "list", "--status", "draft", "--limit", "1")
    assert lines.exit_code == 0 and len(lines.stdout.splitlines()) == 1
    assert "projects; raise --limit or narrow the filters)" in lines.stderr


def test_show_gives_the_savings_on_both_bases_the_parcels_and_the_history(url):
    view = registered(url, "approved")
    shown = registry(url, "projects", "show", view.reference, "--as", "reviewer")
    assert shown.exit_code == 0, shown.output
    lines = shown.stdout.splitlines()
    assert lines[0] == f"{view.reference}  高效电机改造  (id {view.id}, version {view.version})"
    assert "Status: Approved" in lines and "District: Pudong New Area (310115)" in lines
    assert "Energy saved, equivalent value (tce): 0.87" in lines
    assert any(line.startswith("Energy saved, equal value (tce): ") for line in lines)
    assert "Supporting documents: 0" in lines and "History: 3" in lines
    assert lines[-1] == "Steps you may take: Return with comment (return)"
    document = json.loads(registry(url, "projects", "show", str(view.id), "--json").stdout)
    assert [h["action"] for h in document["history"]] == ["create", "submit", "approve"]
    assert document["document_count"] == 0 and document["parcels"] == []
    assert date.fromisoformat(document["updated_at"][:10])


def test_show_names_the_possible_double_registrations(url):
    first, second = registered(url, title="锅炉改造（一）"), registered(url, title="锅炉改造（二）")
    shown = registry(url, "projects", "show", first.reference, "--as", "reviewer")
    assert shown.exit_code == 0, shown.output
    lines = shown.stdout.splitlines()
    assert any(line.startswith("Possible double registration: ") for line in lines)
    assert f"  {second.reference}  锅炉改造（二）  Draft  The same enterprise, in the same year" in lines
    document = json.loads(registry(url, "projects", "show", str(first.id), "--json").stdout)
    assert {"id": second.id, "reference": second.reference, "status": "draft",
            "reasons": ["The same enterprise, in the same year"]} in document["possible_duplicates"]


def test_list_and_show_name_districts_land_use_and_parcel_status_as_the_pages_do(url):
    view = registered(url, title="地块名称测试", new_parcels=(svc.NewParcel(SQUARE, "M2"),))
    listed = registry(url, "projects", "list", "--q", "地块名称测试", lang="zh_CN.UTF-8")
    assert listed.exit_code == 0, listed.output
    [line] = listed.stdout.splitlines()
    assert "  草稿  2013  浦东新区（310115）  0.87 吨标准煤  地块名称测试" in line and " 310115 " not in line
    english = registry(url, "projects", "list", "--q", "地块名称测试").stdout
    assert "  Draft  2013  Pudong New Area (310115)  0.87 tce  地块名称测试" in english
    shown = registry(url, "projects", "show", str(view.id), lang="zh_CN.UTF-8").stdout.splitlines()
    [parcel] = [line for line in shown if line.startswith(f"  {view.parcels[0].id:>7}  SH-310115-")]
    assert parcel.endswith("  10,567 m²  二类工业用地（M2）  使用中"), parcel
    assert [line for line in shown if " M2 " in line or line.endswith("in_use")] == []
    history = [line for line in shown if line.startswith("  ") and "系统" not in line and "创建" in line]
    assert history and "pudong" in history[0] and "T" not in history[0].split("pudong")[0]  # no ISO moment
    document = json.loads(registry(url, "projects", "show", str(view.id), "--json").stdout)
    assert [(p["land_use_class"], p["status"]) for p in document["parcels"]] == [("M2", "in_use")]
    assert document["district_code"] == "310115"


def test_the_list_and_its_export_take_the_overdue_projects_alone_and_say_how_late_each_is(url, tmp_path):
    late = registered(url, "approved", title="逾期命令行", planned_completion=date(2026, 12, 4))
    registered(url, "approved", title="逾期命令行（未到期）", planned_completion=date(2026, 12, 5))
    output = tmp_path / "overdue.csv"
    with clock.frozen_at(OVERDUE_TODAY):
        listed = registry(url, "projects", "list", "--q", "逾期命令行", "--overdue", lang="zh_CN.UTF-8")
        every = json.loads(registry(url, "projects", "list", "--q", "逾期命令行", "--json").stdout)
        shown = registry(url, "projects", "show", str(late.id)).stdout.splitlines()
        exported = registry(url, "projects", "export", "--q", "逾期命令行", "--overdue", "--format", "csv",
                            "-o", str(output))
    assert listed.exit_code == 0, listed.output
    [line] = listed.stdout.splitlines()
    assert f"{late.reference}  已批准（逾期 1 天）  2013  浦东新区（310115）" in line
    assert sorted(item["overdue_days"] or 0 for item in every["items"]) == [0, 1] and every["total"] == 2
    assert "Status: Approved (1 day overdue)" in shown and "Planned completion: Dec 4, 2026" in shown
    assert exported.exit_code == 0 and exported.stdout.strip() == f"1 project written to {output}"
