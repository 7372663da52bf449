"""``registry parcels list`` on a committed database (the land test map): the parcel list page's service,
filters and order; the projects named as the user ``--as`` reads them; lines in the CLI's language,
JSON and CSV with the API's keys and codes, the same in both languages; a bad filter one error line."""
from __future__ import annotations

import csv
import io
import json

import pytest
from sqlalchemy import select

from registry.cli import parcel_list as command
from registry.domain import parcel_list
from registry.domain.permissions import Actor
from registry.models import Parcel
from registry.services import accounts
from registry.services import projects as svc
from tests.integration.cli_projects import refused_alone, registry, session_on
from tests.integration.land_data import A, B, committed_land_database
from tests.integration.project_data import draft

ALL = ["T-P1", "T-P2", "T-P3", "T-P4", "T-P5", "T-P7"]  # every live parcel: in use too, not the end-dated P6


@pytest.fixture(scope="module")
def url(fresh_database_url, runner):
    url = committed_land_database(fresh_database_url, "registry_test_parcel_list_cli")
    with session_on(url) as session:
        for username, district in (("a-staff", A), ("b-staff", B)):
            accounts.create_user(session, Actor.system(), username, "a-long-password", "district_staff", district)
        p1, p5 = session.scalars(select(Parcel.id).where(Parcel.code.in_(("T-P1", "T-P5"))).order_by(Parcel.code))
        svc.register_project(session, accounts.actor_named(session, "a-staff"),
                             draft(district_code=A, new_parcels=(), parcel_ids=(p1, p5)))
        session.commit()
    return url


@pytest.fixture(scope="module")
def reference(url) -> str:
    with session_on(url) as session:
        return svc.list_projects(session, Actor.system(), svc.ProjectFilter()).items[0].reference


def _codes(result) -> list[str]:
    assert result.exit_code == 0, result.output
    return [line.split()[1] for line in result.stdout.splitlines()]


def test_lines_name_each_parcel_with_the_projects_the_user_may_read(url, reference):
    done = registry(url, "parcels", "list")
    assert _codes(done) == ALL and done.stderr == ""
    p1 = done.stdout.splitlines()[0]
    assert f"  T-P1  Test A ({A})  Development zone  " in p1 and p1.endswith(f" m²  Freed  {reference}")
    area = p1.split("  ")[-3]
    assert area.startswith("42,") and area.endswith(" m²")  # grouped, as the page shows it
    assert done.stdout.splitlines()[4].endswith(f"  In use  {reference}")
    # B's staff may not read A's draft: not named, and held by no project of theirs
    other = registry(url, "parcels", "list", "--project", "with", "--as", "b-staff")
    assert other.exit_code == 0 and other.stdout == ""
    assert registry(url, "parcels", "list", "--as", "b-staff").stdout.splitlines()[0].endswith("  Freed  —")
    chinese = registry(url, "parcels", "list", "--code", "t-p1", lang="zh_CN.UTF-8").stdout
    assert f"  T-P1  测试A区（{A}）  开发区  " in chinese and f"  已腾出  {reference}" in chinese


def test_the_filters_and_the_order_are_the_pages(url):
    assert _codes(registry(url, "parcels", "list", "--status", "in_use", "--status", "freed", "--sort", "area_m2",
                           "--dir", "desc", "--project", "with")) == ["T-P1", "T-P5"]
    assert _codes(registry(url, "parcels", "list", "--project", "without", "--code", "t-p")) == [
        "T-P2", "T-P3", "T-P4", "T-P7"]
    assert _codes(registry(url, "parcels", "list", "--district", A, "--land-use", "M1")) == ["T-P1", "T-P4", "T-P5"]
    assert _codes(registry(url, "parcels", "list", "--area-max", "2", "--area-unit", "ha", "--zone-kind",
                           "development_zone", "--zone-kind", "region_198")) == ["T-P4", "T-P5"]


def test_a_longer_list_is_read_page_after_page_up_to_the_limit(url, monkeypatch):
    monkeypatch.setattr(parcel_list, "PAGE_SIZES", (2,))  # pages of two: the list read two by two
    monkeypatch.setattr(command, "PAGE", 2)
    done = registry(url, "parcels", "list", "--limit", "5", "--sort", "code", "--dir", "desc")
    assert _codes(done) == ["T-P7", "T-P5", "T-P4", "T-P3", "T-P2"]
    assert done.stderr == "(5 of 6 parcels; raise --limit or narrow the filters)\n"
    assert _codes(registry(url, "parcels", "list")) == ALL


def test_json_and_csv_keep_the_apis_keys_and_codes_in_every_language(url, reference):
    english = registry(url, "parcels", "list", "--code", "T-P5", "--format", "json")
    body = json.loads(english.stdout)
    item = body["items"][0]
    assert body["total"] == 1 and float(body["area_m2"]) == float(item["area_m2"])
    assert item == {"id": item["id"], "code": "T-P5", "district_code": A, "zone_kind": "development_zone",
                    "land_use_class": "M1", "area_m2": item["area_m2"], "status": "in_use", "is_illustrative": False,
                    "projects": [{"id": item["projects"][0]["id"], "reference": reference}]}
    assert registry(url, "parcels", "list", "--code", "T-P5", "--format", "json", lang="zh_CN.UTF-8").stdout == \
        english.stdout
    rows = list(csv.reader(io.StringIO(registry(url, "parcels", "list", "--format", "csv").stdout)))
    assert rows[0] == ["id", "code", "district_code", "zone_kind", "land_use_class", "area_m2", "status",
                       "is_illustrative", "projects"]
    assert [r[1] for r in rows[1:]] == ALL and rows[1][6:] == ["freed", "false", reference]


def test_a_value_the_page_refuses_is_one_error_line_naming_it(url):
    refused_alone(url, "error: --area-min: must be a number, got “abc”", "parcels", "list", "--area-min", "abc")
    refused_alone(url, "error: --district: must be a 6-digit GB/T 2260 code, got “31011”", "parcels", "list", "--district", "31011")



def test_an_empty_list_of_parcels_or_projects_says_so_on_stderr(url):
    empty = registry(url, "parcels", "list", "--code", "NO-SUCH-PARCEL")
    assert empty.exit_code == 0 and empty.stdout == "" and empty.stderr == "No parcel matches these filters.\n"
    empty = registry(url, "projects", "list", "--year", "2099", lang="zh_CN.UTF-8")
    assert empty.exit_code == 0 and empty.stdout == "" and empty.stderr == "没有符合条件的项目。\n"
