"""``registry projects correct PROJECT --from FILE.json --reason TEXT --as USER`` on a committed
database: the correction service of the correction page and the API, acting as a named user; the
file's fields replace the project's, what changed is printed as the audit entry records it, and
every refusal is one error line in the CLI's language with the database as it was."""
from __future__ import annotations

import json

import pytest

from tests.integration.cli_projects import (
    last_entries, refused_alone, registered, registry, session_on, snapshot, users_database,
)
from tests.integration.project_data import MOTORS

from registry.models import Project


@pytest.fixture(scope="module")
def url(fresh_database_url):
    return users_database(fresh_database_url, "registry_test_correction_cli")


@pytest.fixture
def changes(tmp_path):
    """A JSON file holding ``fields`` (or the text given as it is), its path as the command takes it."""
    def write(fields: dict | str, name: str = "changes.json") -> str:
        path = tmp_path / name
        path.write_text(fields if isinstance(fields, str) else json.dumps(fields, ensure_ascii=False), encoding="utf-8")
        return str(path)

    return write


FOUR_MOTORS = MOTORS | {"motors": [MOTORS["motors"][0] | {"count": 4}]}


def stored(url: str, project_id: int) -> tuple:
    with session_on(url) as session:
        p = session.get(Project, project_id)
        return p.title, p.investment_wan_yuan, p.savings_tce, p.version


def test_a_correction_changes_the_given_fields_keeps_the_others_and_says_what_changed(url, changes):
    view = registered(url, "verified", investment_wan_yuan=120)
    done = registry(url, "projects", "correct", view.reference, "--as", "reviewer", "--reason", "统计局核定为 4 台电机",
                    "--from", changes({"inputs": FOUR_MOTORS, "investment_wan_yuan": "150.5"}))
    assert done.exit_code == 0, done.output
    lines = done.stdout.splitlines()
    assert lines[0] == f"Corrected {view.reference} 高效电机改造, now at version {view.version + 1}"
    assert "  Savings input document: … → changed: Motor groups" in lines
    assert "  Savings, equivalent value (当量值): 0.87 tce → 3.49 tce" in lines
    assert "  Investment: 120.00 10k yuan → 150.50 10k yuan" in lines
    assert lines[-1] == "Reason: 统计局核定为 4 台电机"
    title, investment, savings, version = stored(url, view.id)
    assert (title, str(investment), str(round(savings, 2)), version) == ("高效电机改造", "150.5", "3.49", view.version + 1)
    assert last_entries(url, view.id) == [("reviewer", "correct", "统计局核定为 4 台电机")]


def test_the_lines_speak_the_shells_language(url, changes):
    view = registered(url, "verified")
    done = registry(url, "projects", "correct", str(view.id), "--as", "reviewer", "--reason", "名称更正",
                    "--from", changes({"title": "高效电机改造（更正）"}), lang="zh_CN.UTF-8")
    assert done.exit_code == 0, done.output
    assert done.stdout.splitlines() == [
        f"已更正 {view.reference} 高效电机改造（更正），现为第 {view.version + 1} 版",
        "  项目名称：高效电机改造 → 高效电机改造（更正）", "原因：名称更正"]


def test_a_dry_run_says_what_would_change_and_writes_nothing(url, changes):
    view = registered(url, "verified")
    before = snapshot(url)
    tried = registry(url, "projects", "correct", str(view.id), "--as", "reviewer", "--reason", "试算", "--dry-run",
                     "--from", changes({"inputs": FOUR_MOTORS}))
    assert tried.exit_code == 0, tried.output
    assert tried.stdout.splitlines()[0] == (f"Dry run, nothing written: the correction of {view.reference} "
                                            "高效电机改造 would change")
    assert "  Savings, equivalent value (当量值): 0.87 tce → 3.49 tce" in tried.stdout.splitlines()
    assert snapshot(url) == before


def test_json_gives_the_changes_as_recorded_and_the_project(url, changes):
    view = registered(url, "verified")
    done = registry(url, "projects", "correct", str(view.id), "--as", "reviewer", "--json",
                    "--from", changes({"title": "电机改造（更正）", "reason": "名称以营业执照为准"}))
    assert done.exit_code == 0, done.output
    document = json.loads(done.stdout)
    assert document["dry_run"] is False and document["changes"] == {"title": ["高效电机改造", "电机改造（更正）"]}
    assert document["project"]["title"] == "电机改造（更正）" and document["project"]["status"] == "verified"
    assert last_entries(url, view.id) == [("reviewer", "correct", "名称以营业执照为准")]


def test_the_approved_subsidy_is_changed_by_the_option_or_the_file_and_kept_without_either(url, changes):
    view = registered(url, "verified")
    done = registry(url, "projects", "correct", view.reference, "--as", "reviewer", "--reason", "复核补贴",
                    "--subsidy-approved", "1,150", "--from", changes({"subsidy_approved_wan_yuan": 9}))
    assert done.exit_code == 0, done.output
    assert done.stdout.splitlines()[1:] == ["  Subsidy approved: — → 1,150.00 10k yuan", "Reason: 复核补贴"]
    from_file = registry(url, "projects", "correct", view.reference, "--as", "reviewer", "--reason", "复核补贴",
                         "--json", "--from", changes({"subsidy_approved_wan_yuan": 0}))
    assert json.loads(from_file.stdout)["changes"] == {"subsidy_approved_wan_yuan": ["1150", "0"]}
    kept = registry(url, "projects", "correct", view.reference, "--as", "reviewer", "--reason", "名称",
                    "--json", "--from", changes({"title": "电机改造"}))
    assert json.loads(kept.stdout)["changes"] == {"title": ["高效电机改造", "电机改造"]}


@pytest.mark.parametrize("status, args, fields, line", [
    ("verified", ("99999999", "--as", "reviewer", "--reason", "x"), {"title": "新名称"},
     "error: no project with id 99999999"),
    ("verified", ("2013-310115-9999", "--as", "reviewer", "--reason", "x"), {"title": "新名称"},
     "error: no project with reference 2013-310115-9999"),
    ("verified", ("{id}", "--as", "reviewer"), {"title": "新名称"}, "error: reason: a correction needs a reason"),
    ("verified", ("{id}", "--as", "reviewer", "--reason", "  "), {"title": "新名称"},
     "error: --reason “  ”: a correction needs a reason"),
    ("verified", ("{id}", "--as", "pudong", "--reason", "x"), {"title": "新名称"},
     "error: Only city reviewers may correct a verified project."),
    ("verified", ("{id}", "--as", "nobody", "--reason", "x"), {"title": "新名称"}, "error: no user named nobody"),
    ("approved", ("{id}", "--as", "reviewer", "--reason", "x"), {"title": "新名称"},
     "error: Only verified projects are corrected; edit the project instead."),
    ("verified", ("{id}", "--as", "reviewer", "--reason", "x", "--version", "1"), {"title": "新名称"},
     "error: This project was changed by reviewer at "),
    ("verified", ("{id}", "--as", "reviewer", "--reason", "x"), "{\"title\": ",
     "error: --from: "),
    ("verified", ("{id}", "--as", "reviewer", "--reason", "x"), "[1, 2]", "error: --from: must be a JSON object"),
    ("verified", ("{id}", "--as", "reviewer", "--reason", "x"), {"titel": "新名称", "version": 3},
     "error: titel: Unknown field.; version: Unknown field."),
    ("verified", ("{id}", "--as", "reviewer", "--reason", "x"), {"investment_wan_yuan": "1.5e12"},
     "error: investment_wan_yuan: "),
    ("verified", ("{id}", "--as", "reviewer", "--reason", "x"),
     {"inputs": MOTORS | {"motors": [MOTORS["motors"][0] | {"efficiency_after": 94.6}]}},
     "error: inputs.motors[0].efficiency_after: "),
    ("verified", ("{id}", "--as", "reviewer", "--reason", "x"), {"investment_wan_yuan": "abc", "district_code": "999999"},
     "error: investment_wan_yuan: must be a number, got “abc”; district_code: no district with code 999999"),
    ("verified", ("{id}", "--as", "reviewer", "--reason", "x", "--subsidy-approved", "-1"), {"title": "新名称"},
     "error: --subsidy-approved: must not be negative, got “-1”"),
])
def test_a_refusal_is_one_line_and_changes_nothing(url, changes, status, args, fields, line):
    view = registered(url, status)
    names = {"id": view.id, "reference": view.reference}
    refused_alone(url, line.format(**names), "projects", "correct", *(arg.format(**names) for arg in args),
                  "--from", changes(fields))


def test_a_file_that_is_not_there_is_refused_by_its_name(url, tmp_path):
    view = registered(url, "verified")
    refused_alone(url, "error: --from: cannot be read: ", "projects", "correct", str(view.id), "--as", "reviewer",
                  "--reason", "x", "--from", str(tmp_path / "missing.json"))


def test_a_wrong_unit_is_said_in_the_shells_language_and_changes_nothing(url, changes):
    view = registered(url, "verified")
    before = snapshot(url)
    wrong = MOTORS | {"motors": [MOTORS["motors"][0] | {"efficiency_after": 94.6}]}
    refused = registry(url, "projects", "correct", str(view.id), "--as", "reviewer", "--reason", "单位",
                       "--from", changes({"inputs": wrong}), lang="zh_CN.UTF-8")
    assert refused.exit_code == 2 and refused.stdout == ""
    assert refused.stderr.startswith("错误：inputs.motors[0].efficiency_after：")
    assert snapshot(url) == before
