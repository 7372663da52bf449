"""``registry documents list|add|get|remove`` on a committed database: the documents service of the
project page and the API, acting as a named user; several files are added all or none, and every
refusal is one error line with the database as it was."""
from __future__ import annotations

import json

import pytest

from tests import document_samples as samples
from tests.integration.cli_projects import (
    last_entries, refused_alone, registered, registry, snapshot, users_database,
)


@pytest.fixture(scope="module")
def url(fresh_database_url):
    return users_database(fresh_database_url, "registry_test_document_cli")


@pytest.fixture
def files(tmp_path):
    (tmp_path / "节能量审核报告.pdf").write_bytes(samples.pdf("audit"))
    (tmp_path / "现场.png").write_bytes(samples.png())
    (tmp_path / "notes.txt").write_bytes(b"plain text is no document the registry takes\n")
    (tmp_path / "renamed.pdf").write_bytes(samples.png())
    return tmp_path


def listed(url: str, project: int) -> dict:
    result = registry(url, "documents", "list", str(project), "--json")
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_files_are_added_as_the_named_user_listed_fetched_and_removed(url, files, tmp_path, monkeypatch):
    view = registered(url)
    added = registry(url, "documents", "add", view.reference, str(files / "节能量审核报告.pdf"), str(files / "现场.png"),
                     "--as", "pudong", "--category", "site_photo")
    assert added.exit_code == 0, added.output
    assert [line.split(":")[1].split("(")[0].strip() for line in added.stdout.splitlines()] == [
        "节能量审核报告.pdf", "现场.png"]
    assert last_entries(url, view.id, 2) == [("pudong", "add_document", None)] * 2
    found = listed(url, view.id)
    assert [(d["file_name"], d["kind"], d["uploaded_by"]) for d in found["items"]] == [
        ("节能量审核报告.pdf", "site_photo", "pudong"), ("现场.png", "site_photo", "pudong")]
    first = found["items"][0]["id"]

    fetched = registry(url, "documents", "get", str(first), "-o", str(tmp_path / "copy.pdf"))
    assert fetched.exit_code == 0, fetched.output
    assert (tmp_path / "copy.pdf").read_bytes() == samples.pdf("audit")
    assert registry(url, "documents", "get", str(first), "-o", "-").stdout_bytes == samples.pdf("audit")
    monkeypatch.chdir(files)  # its own name is taken there: never written over
    kept = registry(url, "documents", "get", str(first))
    assert kept.exit_code == 2 and kept.stderr == "error: 节能量审核报告.pdf exists already: name another file with -o\n"
    assert (files / "节能量审核报告.pdf").read_bytes() == samples.pdf("audit")

    removed = registry(url, "documents", "remove", str(first), "--as", "pudong")
    assert removed.exit_code == 0 and removed.stdout == f"removed document {first}: 节能量审核报告.pdf\n"
    assert [d["file_name"] for d in listed(url, view.id)["items"]] == ["现场.png"]
    assert last_entries(url, view.id) == [("pudong", "remove_document", None)]


@pytest.mark.parametrize("status, args, line", [
    ("draft", ("add", "{id}", "{files}/notes.txt", "--as", "pudong"),
     "error: notes.txt: file: is not a file the registry accepts"),
    ("draft", ("add", "{id}", "{files}/renamed.pdf", "--as", "pudong"), "error: renamed.pdf: file: is a PNG file but its name ends in “.pdf”"),
    ("draft", ("add", "{id}", "{files}/节能量审核报告.pdf", "--as", "planner"),
     "error: Your role may not add documents to a project."),
    ("draft", ("add", "{id}", "{files}/节能量审核报告.pdf", "--as", "minhang"), "error: no project with id {id}"),
    ("verified", ("add", "{id}", "{files}/节能量审核报告.pdf", "--as", "pudong"),
     "error: The documents of a verified project are frozen"),
    ("draft", ("remove", "99999999", "--as", "pudong"), "error: no document with id 99999999"),
    ("draft", ("get", "99999999"), "error: no document with id 99999999"),
])
def test_a_refusal_is_one_line_and_stores_nothing(url, files, status, args, line):
    view = registered(url, status)
    names = {"id": view.id, "reference": view.reference, "files": files}
    refused_alone(url, line.format(**names), "documents", *(arg.format(**names) for arg in args))


def test_every_refused_file_of_several_is_named_with_why_and_none_is_added(url, files):
    view = registered(url)
    stored = registry(url, "documents", "add", str(view.id), str(files / "现场.png"), "--as", "pudong")
    assert stored.exit_code == 0, stored.output
    (files / "scan.pdf").write_bytes(samples.pdf("scan") + b"\0" * (1024 * 1024))
    before = snapshot(url)
    refused = registry(url, "documents", "add", view.reference, *(str(files / name) for name in (
        "节能量审核报告.pdf", "notes.txt", "renamed.pdf", "现场.png", "scan.pdf", "节能量审核报告.pdf")),
        "--as", "pudong", REGISTRY_DOCUMENT_MAX_MB="1")
    assert refused.exit_code == 2 and refused.stdout == ""
    lines = refused.stderr.splitlines()
    assert lines[0] == "error: Nothing was added: 5 of the 6 files cannot be added."
    assert lines[1].startswith("  notes.txt: file: is not a file the registry accepts: ")
    assert lines[2:] == [
        "  renamed.pdf: file: is a PNG file but its name ends in “.pdf”: a PNG file's name ends in .png",
        "  现场.png: This file is already among the project's documents, as 现场.png.",
        "  scan.pdf: file: is 1.0 MB: a document may be at most 1 MB",
        "  节能量审核报告.pdf: This file was given twice: it is the same as 节能量审核报告.pdf."]
    assert snapshot(url) == before
    in_chinese = registry(url, "documents", "add", view.reference, str(files / "节能量审核报告.pdf"),
                          str(files / "notes.txt"), "--as", "pudong", lang="zh_CN.UTF-8")
    assert in_chinese.exit_code == 2
    assert in_chinese.stderr.splitlines()[0] == "错误：未添加任何文件：2 个文件中有 1 个无法添加。"
    assert in_chinese.stderr.splitlines()[1].startswith("  notes.txt：文件：不是本系统接受的文件：")
    assert snapshot(url) == before


def test_a_file_beyond_the_bound_is_refused_by_its_size_before_it_is_read(url, files):
    view = registered(url)
    (files / "scan.pdf").write_bytes(samples.pdf() + b"\0" * (1024 * 1024))
    before = snapshot(url)
    refused = registry(url, "documents", "add", str(view.id), str(files / "scan.pdf"), "--as", "pudong",
                       REGISTRY_DOCUMENT_MAX_MB="1")
    assert refused.exit_code == 2
    assert refused.stderr == "error: scan.pdf: file: is 1.0 MB: a document may be at most 1 MB\n"
    assert snapshot(url) == before


def test_another_districts_document_and_a_reviewers_removal_follow_the_pages_rules(url, files):
    view = registered(url, "approved")
    added = registry(url, "documents", "add", str(view.id), str(files / "现场.png"), "--as", "pudong")
    assert added.exit_code == 0, added.output
    [document] = listed(url, view.id)["items"]
    as_minhang = json.loads(registry(url, "documents", "list", str(view.id), "--as", "minhang", "--json").stdout)
    assert [(d["id"], d["removable"]) for d in as_minhang["items"]] == [(document["id"], False)]
    before = snapshot(url)
    refused = registry(url, "documents", "remove", str(document["id"]), "--as", "reviewer")
    assert refused.exit_code == 2 and snapshot(url) == before
    assert refused.stderr == "error: City reviewers remove only the documents they uploaded themselves.\n"


def test_a_project_without_documents_says_so(url):
    view = registered(url)
    empty = registry(url, "documents", "list", view.reference)
    assert empty.exit_code == 0 and empty.stdout == "" and empty.stderr == "No document yet.\n", empty.output
