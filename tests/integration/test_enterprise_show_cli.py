"""``registry enterprises show CREDIT_CODE [--as USER] [--json]`` on a committed database: the enterprise
as its page shows it (services/enterprises.get_enterprise) — details, former names, every project the
reader may see, the online monitoring's years with each compared project's verdict, the history with
what it changed — in the CLI's language, or as JSON with codes and ISO dates; who reads what as on the
page; an unknown or malformed code one error line, exit status 2."""
from __future__ import annotations

import json

import pytest

from registry import clock
from registry.cli import enterprise_show
from registry.services import accounts
from registry.services import projects as svc
from registry.services.enterprise_edits import edit_enterprise
from tests.integration.cli_projects import refused_alone, registry, session_on, users_database
from tests.integration.monitoring_data import code, monitored_enterprise
from tests.integration.project_data import CREDIT, REVIEWER

OLD, NEW = "上海测试电机有限公司", "上海新名电机有限公司"


@pytest.fixture(scope="module")
def firm(fresh_database_url, tmp_path_factory) -> dict:
    """``monitored_enterprise`` (an exit flagged against 2012, motors consistent, a 2015 exit without data,
    Minhang's draft) on a database of its own, the enterprise renamed by pudong with an industry code and
    an address; the URL and the projects' references."""
    url = users_database(fresh_database_url, "registry_test_enterprise_show_cli")
    with session_on(url) as session:
        ids = monitored_enterprise(session, tmp_path_factory.mktemp("monitoring"))
        edit_enterprise(session, accounts.actor_named(session, "pudong"), CREDIT,
                        {"name": NEW, "industry_code": "C381", "address": "张江路 1 号"}, None)
        session.commit()
        refs = {key: svc.get_project(session, REVIEWER, ids[key]).reference
                for key in ("exit", "motors", "later", "minhang")}
    return {"url": url, "refs": refs, "renamed_on": clock.today()}


def lines(firm, *args: str, lang: str = "en") -> list[str]:
    done = registry(firm["url"], "enterprises", "show", *args, lang=lang)
    assert done.exit_code == 0, done.output
    return done.stdout.splitlines()


def project_lines(shown: list[str]) -> list[str]:
    """The references of the lines under "Projects: N"."""
    start = next(n for n, line in enumerate(shown) if line.startswith(("Projects: ", "项目：")))
    count = int(shown[start].replace("：", ": ").split(": ")[1])
    return [line.split()[0] for line in shown[start + 1:start + 1 + count]]


def test_english_lines_show_the_page_details_projects_monitoring_and_history(firm):
    refs, shown = firm["refs"], lines(firm, CREDIT.lower())
    assert shown[0].startswith(f"{NEW}  {CREDIT}  (id ")
    assert shown[1:6] == ["District: Pudong New Area (310115)", "Industry code (GB/T 4754-2017): C381 (Manufacturing)",
                          "Address: 张江路 1 号", "Former names: 1",
                          f"  {OLD} (until {firm['renamed_on']:%b} {firm['renamed_on'].day}, {firm['renamed_on'].year})"]
    assert "Projects: 4" in shown
    assert f"  {refs['later']}  Structural adjustment (exit of outdated capacity)  2015  Draft  " in "\n".join(shown)
    assert sorted(project_lines(shown)) == sorted(refs.values())
    monitoring = shown[shown.index("Online energy monitoring: 2"):]
    assert monitoring[1].startswith("  2013  600.00 tce  —  ") and monitoring[1].endswith(" · System")
    assert monitoring[2].startswith("  2012  560.00 tce  市平台  ")
    assert monitoring[3:6] == [  # as the projects are listed: the latest year, then the latest registered, first
        f"    {refs['minhang']}  Consistent with the monitoring  Share of the monitored consumption: 5.9 %",
        f"    {refs['motors']}  Consistent with the monitoring  Share of the monitored consumption: 5.9 %",
        f"    {refs['exit']}  Deviation from the monitoring beyond the tolerance  Deviation: +14.8 %"]
    assert monitoring[6:8] == ["  Projects compared with a year the monitoring does not hold: 1",
                               f"    {refs['later']}  No monitoring data  (year compared 2014)"]
    history = shown[shown.index("History: 2"):]  # the registration's entry, then the rename
    assert history[1].endswith("  system  Record created") and history[4].endswith("  pudong  Edited")
    assert history[5:] == [f"    Name: {OLD} → {NEW}", "    Address: — → 张江路 1 号", "    Industry code: — → C381"]


def test_chinese_lines_speak_the_pages_words(firm):
    refs, shown = firm["refs"], lines(firm, CREDIT, lang="zh")
    day = firm["renamed_on"]
    assert shown[1:6] == ["区：浦东新区（310115）", "行业代码（GB/T 4754-2017）：C381（制造业）", "地址：张江路 1 号",
                          "曾用名：1", f"  {OLD} （使用至 {day.year}年{day.month}月{day.day}日）"]
    assert "项目：4" in shown and "能耗在线监测：2" in shown and "历史记录：2" in shown
    assert f"    {refs['exit']}  与监测数据偏差超限  偏差：+14.8 %" in shown
    assert "  对照年度无监测数据的项目：1" in shown and f"    {refs['later']}  无监测数据  （对照年度 2014）" in shown
    assert f"    名称：{OLD} → {NEW}" in shown


def test_json_keeps_codes_and_iso_dates_for_scripts(firm):
    refs = firm["refs"]
    found = json.loads("\n".join(lines(firm, CREDIT, "--json")))
    assert {key: found[key] for key in ("credit_code", "name", "industry_code", "district_code", "address")} == {
        "credit_code": CREDIT, "name": NEW, "industry_code": "C381", "district_code": "310115", "address": "张江路 1 号"}
    assert found["former_names"] == [{"name": OLD, "until": firm["renamed_on"].isoformat()}]
    assert {p["reference"]: (p["status"], p["kind"]) for p in found["projects"]}[refs["exit"]] == (
        "draft", "structural_adjustment")
    years = found["monitoring"]["years"]
    assert [(y["year"], y["consumption_tce"]) for y in years] == [(2013, 600), (2012, 560)]
    assert {p["reference"]: (p["check"]["verdict"], p["check"]["flagged"]) for p in years[1]["projects"]} == {
        refs["exit"]: ("flagged", True), refs["motors"]: ("consistent", False), refs["minhang"]: ("consistent", False)}
    assert [p["check"]["claim"]["year"] for p in found["monitoring"]["without_figure"]] == [2014]
    assert [(h["action"], h["username"]) for h in found["history"]] == [("create", None), ("update", "pudong")]
    assert found["history"][1]["changes"]["name"] == [OLD, NEW]


def test_a_planner_reads_the_projects_without_the_monitoring(firm):
    shown = lines(firm, CREDIT, "--as", "planner")
    assert not any(line.startswith("Online energy monitoring") for line in shown)
    assert json.loads("\n".join(lines(firm, CREDIT, "--as", "planner", "--json")))["monitoring"] is None


def test_district_staff_read_their_district_and_not_another_districts_draft(firm):
    refs = firm["refs"]
    pudong = lines(firm, CREDIT, "--as", "pudong")
    assert "Projects: 3" in pudong and sorted(project_lines(pudong)) == sorted([refs["exit"], refs["motors"], refs["later"]])
    assert not any(refs["minhang"] in line for line in pudong)  # Minhang's draft: neither listed nor compared
    assert any(line.startswith(f"    {refs['exit']}  Deviation") for line in pudong)
    minhang = lines(firm, CREDIT, "--as", "minhang")
    assert "Projects: 1" in minhang and project_lines(minhang) == [refs["minhang"]]
    assert not any(line.startswith("Online energy monitoring") for line in minhang)  # a Pudong enterprise's


def test_every_project_is_printed_page_after_page(firm, monkeypatch):
    monkeypatch.setattr(enterprise_show, "MAX_PAGE_SIZE", 3)  # the service's pages of 3: two of them
    shown = lines(firm, CREDIT)
    assert "Projects: 4" in shown and sorted(project_lines(shown)) == sorted(firm["refs"].values())
    assert len(json.loads("\n".join(lines(firm, CREDIT, "--json")))["projects"]) == 4


@pytest.mark.parametrize("given, line", [
    (code(7), f"error: no enterprise with credit code {code(7)}"),
    ("91310115", "error: CREDIT_CODE “91310115”: must be 18 characters long, got 8"),
    (CREDIT[:17] + ("1" if CREDIT[17] != "1" else "2"), "error: CREDIT_CODE “"),
])
def test_an_unknown_or_malformed_code_is_one_error_line(firm, given, line):
    refused_alone(firm["url"], line, "enterprises", "show", given)
    chinese = registry(firm["url"], "enterprises", "show", code(7), lang="zh")
    assert chinese.exit_code == 2 and chinese.stderr == f"错误：没有统一社会信用代码为 {code(7)} 的企业\n"
