"""An audit entry's changes as the command line prints them (``registry audit list``, ``registry
projects correct``): the history's words in the shell's language, codes by name, figures rounded
with their unit, days and moments as the pages write them, ids by the names of what they name."""
from __future__ import annotations

import pytest

from registry.cli.changes import change_lines
from registry.services.history import References

REFS = References(enterprises={7: "上海测试电机有限公司"}, parcels={11: "SH-310115-0001", 12: "SH-310115-0002"},
                  districts={"310115": ("浦东新区", "Pudong New Area"), "310112": ("闵行区", "Minhang")})


@pytest.mark.parametrize("lang, expected", [
    ("en", ["Status: Approved → Verified",
            "Savings, equivalent value (当量值): 0.87 tce → 3.49 tce",
            "Investment: 120.00 10k yuan → 150.50 10k yuan",
            "District: Pudong New Area (310115) → Minhang (310112)",
            "Enterprise: — → 上海测试电机有限公司",
            "Parcels: SH-310115-0001 → SH-310115-0001, SH-310115-0002, 99",
            "Planned completion: Dec 28, 2013 → Jan 5, 2014",
            "Savings input document: … → changed: Motor groups"]),
    ("zh_CN.UTF-8", ["状态：已批准 → 已核定",
                     "节能量（当量值）：0.87 吨标准煤 → 3.49 吨标准煤",
                     "投资：120.00 万元 → 150.50 万元",
                     "区：浦东新区（310115） → 闵行区（310112）",
                     "企业：— → 上海测试电机有限公司",
                     "地块：SH-310115-0001 → SH-310115-0001、SH-310115-0002、99",
                     "计划完成日期：2013年12月28日 → 2014年1月5日",
                     "节能量输入文档：… → 变更：电机组"]),
])
def test_a_projects_changes_read_as_its_history_does(monkeypatch, lang, expected):
    monkeypatch.setenv("REGISTRY_LANG", lang)
    changes = {"status": ["approved", "verified"], "savings_tce": ["0.873456", "3.4938"],
               "investment_wan_yuan": ["120", "150.5"], "district_code": ["310115", "310112"],
               "enterprise_id": [None, 7], "parcel_ids": [[11], [11, 12, 99]],
               "planned_completion": ["2013-12-28", "2014-01-05"],
               "inputs": [{"kind": "motor_upgrade", "motors": [{"count": 1}]},
                          {"kind": "motor_upgrade", "motors": [{"count": 4}]}]}
    assert change_lines("project", changes, REFS, "correct") == expected


def test_a_users_and_a_tokens_changes_name_roles_yes_no_and_moments(monkeypatch):
    monkeypatch.setenv("REGISTRY_LANG", "en")
    assert change_lines("user", {"role": ["planner", "city_reviewer"], "is_active": [True, False]}) == [
        "Role: Planner → City reviewer", "Can sign in: Yes → No"]
    [revoked] = change_lines("api_token", {"revoked_at": [None, "2026-12-05T06:10:00+00:00"]})
    assert revoked == "Revoked at: — → Dec 5, 2026, 2:10\u202fPM"  # Beijing time, as the pages


def test_a_loads_summary_has_figures_without_a_before(monkeypatch):
    monkeypatch.setenv("REGISTRY_LANG", "zh_CN.UTF-8")
    assert change_lines("dataset", {"inserted": {"districts": 16, "parcels": 0}}, action="load") == [
        "新增：— → 行政区 16、地块 0"]


def test_a_backups_and_a_restores_summary_has_figures_without_a_before(monkeypatch):
    # `registry audit list --entity database` (docs/operations.md) stopped on a traceback at the first backup
    monkeypatch.setenv("REGISTRY_LANG", "en")
    backup = {"file": "/backups/registry-2026-12-07.dump", "size_bytes": 4276846, "os_user": "postgres"}
    assert change_lines("database", backup, action="backup") == [
        "File: — → /backups/registry-2026-12-07.dump", "Size: — → 4.1 MB",
        "Operating-system account: — → postgres"]
    [*_, asked] = change_lines("database", backup | {"as_user": "ops-admin"}, action="restore")
    assert asked == "User named with --as: — → ops-admin"
