"""The project list's ``enterprise=`` (ListCriteria.enterprise_code) on real PostGIS: exactly the
enterprise's projects — not another's whose title holds its code, as the text search finds —, with the
list's other filters and reading rules, none for a code nobody has; its export the same projects."""
from __future__ import annotations

import csv
import io

import pytest
from openpyxl import load_workbook

from registry.catalogues import translator
from registry.domain.errors import ValidationError
from registry.services import projects as svc
from registry.services.project_exports import export_projects
from registry.services.projects.filters import enterprise_code, parse_project_filter
from tests.integration import enterprise_filter_data as data
from tests.integration.project_data import PUDONG, REVIEWER

pytestmark = pytest.mark.usefixtures("districts")


def listed(session, actor, **filters) -> list[str]:
    page = svc.list_projects(session, actor, svc.ProjectFilter(sort="reference", descending=False, **filters))
    assert page.total == len(page.items) == svc.count_projects(session, actor, svc.ProjectFilter(**filters))
    return [p.reference for p in page.items]


def test_the_filter_lists_the_enterprises_projects_exactly(session):
    data.load(session)
    # the text finds 乙's project too: its title quotes 甲's code
    assert data.QUOTING in listed(session, REVIEWER, text=data.FIRST)
    assert listed(session, REVIEWER, enterprise_code=data.FIRST) == [
        "2015-310115-0001", "2016-310112-0001", "2016-310115-0001"]
    assert listed(session, REVIEWER, enterprise_code=data.SECOND) == [data.QUOTING]
    assert listed(session, REVIEWER, enterprise_code=data.UNKNOWN) == []


def test_the_filter_narrows_with_the_others_and_the_lists_reading_rules(session):
    data.load(session)
    assert listed(session, REVIEWER, enterprise_code=data.FIRST, year=2016) == ["2016-310112-0001", "2016-310115-0001"]
    assert listed(session, REVIEWER, enterprise_code=data.FIRST, status="approved", district_code="310115") == [
        "2015-310115-0001", "2016-310115-0001"]
    # Pudong's staff read no Minhang draft, whichever way they ask
    assert listed(session, PUDONG, enterprise_code=data.FIRST) == ["2015-310115-0001", "2016-310115-0001"]


def test_the_code_is_read_as_typed_and_a_malformed_one_is_refused_naming_the_filter():
    typed = "９１" + data.FIRST[2:].lower()[:8] + " " + data.FIRST[10:]
    assert enterprise_code(typed) == data.FIRST and enterprise_code(" ") is None
    assert parse_project_filter({"enterprise": typed, "year": "2016"}).enterprise_code == data.FIRST
    with pytest.raises(ValidationError) as refused:
        parse_project_filter({"enterprise": data.FIRST[:17] + "0", "year": "abc"})
    assert [e.field for e in refused.value.field_errors] == ["year", "enterprise"]


def test_the_export_holds_the_same_projects_and_names_the_enterprise(session):
    data.load(session)
    out = io.BytesIO()
    export_projects(session, REVIEWER, svc.ProjectFilter(enterprise_code=data.FIRST, sort="reference",
                                                         descending=False), "csv", out, translator("zh_Hans_CN"))
    rows = list(csv.DictReader(io.StringIO(out.getvalue().decode("utf-8-sig"))))
    assert [r["项目编号"] for r in rows] == ["2015-310115-0001", "2016-310112-0001", "2016-310115-0001"]
    out = io.BytesIO()
    export_projects(session, REVIEWER, svc.ProjectFilter(enterprise_code=data.FIRST), "xlsx", out,
                    translator("zh_Hans_CN"))
    sheet, about = load_workbook(io.BytesIO(out.getvalue())).worksheets
    assert sheet.max_row == 4  # the header and the three
    assert {row[0].value: row[1].value for row in about.iter_rows(min_row=2)}["企业"] == f"上海甲电机有限公司（{data.FIRST}）"
