"""The enterprise directory's download (services/enterprise_exports.py) on real PostGIS: the
directory's filters and order on every page, the projects each reader may read counted, the monitored
years only for whom reads them, the columns and the About sheet, the bound and the audit entry."""
from __future__ import annotations

import csv
import io

import pytest
from openpyxl import load_workbook
from sqlalchemy import select

from registry.catalogues import translator
from registry.domain.errors import ValidationError
from registry.models import AuditEntry
from registry.services.enterprise_directory import EnterpriseFilter, list_enterprises
from registry.services.enterprise_exports import export_enterprises
from tests.integration.directory_data import (
    ADDRESS, BING, DING, FORMER, JIA, NAMES, YI, seed_directory, seed_file_details,
)
from tests.integration.project_data import MINHANG, PLANNER, PUDONG, REVIEWER

pytestmark = pytest.mark.usefixtures("districts")
ZH, EN = translator("zh_Hans_CN"), translator("en")
OURS = "名录"  # in every name of directory_data's enterprises, and in none other


@pytest.fixture
def ids(session):
    found = seed_directory(session)
    seed_file_details(session, found)
    return found


def _csv(session, actor, translate=ZH, **filters) -> list[dict[str, str]]:
    out = io.BytesIO()
    export_enterprises(session, actor, EnterpriseFilter(**({"text": OURS} | filters)), "csv", out, translate)
    raw = out.getvalue()
    assert raw.startswith(b"\xef\xbb\xbf")  # the BOM: Excel reads the Chinese as UTF-8
    return list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))


def _names(session, actor, **filters) -> list[str]:
    return [row["企业名称"] for row in _csv(session, actor, **filters)]


def _workbook(session, actor, translate=ZH, english=False, **filters):
    out = io.BytesIO()
    written = export_enterprises(session, actor, EnterpriseFilter(**({"text": OURS} | filters)), "xlsx", out,
                                 translate, english)
    return load_workbook(io.BytesIO(out.getvalue())), written


# the directory's orders and filters (one test: each seeding costs a second)
CHOICES = [{}, {"sort": "name", "descending": True}, {"sort": "credit_code"}, {"sort": "district"},
           {"sort": "projects", "descending": True}, {"sort": "projects"}, {"sort": "latest_year", "descending": True},
           {"district_code": "310115"}, {"industry": "C"}, {"with_projects": True}, {"with_projects": False},
           {"check": "enterprise_without_address"}]


def test_every_page_of_the_directory_in_its_order(session, ids):
    for filters in CHOICES:
        for actor in (REVIEWER, PUDONG):
            directory = list_enterprises(session, actor, EnterpriseFilter(text=OURS, page_size=200, **filters)).items
            # page and page size are not the file's: it holds every page
            assert _names(session, actor, page=2, page_size=1, **filters) == [row.name for row in directory], filters
    assert _names(session, REVIEWER, sort="projects", descending=True) == [NAMES[JIA], NAMES[YI], NAMES[DING], NAMES[BING]]
    assert _names(session, REVIEWER, check="enterprise_without_address") == [NAMES[DING], NAMES[BING], NAMES[YI]]


def test_a_row_holds_the_pages_columns_the_industry_section_address_former_names_and_monitored_years(session, ids):
    rows = {row["统一社会信用代码"]: row for row in _csv(session, REVIEWER)}
    jia = rows[JIA]
    assert (jia["企业名称"], jia["行业代码"], jia["行业门类（GB/T 4754-2017）"], jia["区"], jia["地址"]) == (
        NAMES[JIA], "C261", "制造业", "浦东新区", ADDRESS)
    assert (jia["项目数（项）"], jia["最近项目年份"]) == ("2", "2015")
    assert jia["曾用名"] == "、".join(FORMER) and jia["在线监测年份"] == "2019、2020"
    assert (rows[YI]["行业门类（GB/T 4754-2017）"], rows[YI]["在线监测年份"]) == ("电力、热力、燃气及水生产和供应业", "2021")
    bing = rows[BING]  # no project, no former name, no monitoring: empty, not 0
    assert (bing["项目数（项）"], bing["最近项目年份"], bing["曾用名"], bing["在线监测年份"]) == ("0", "", "", "")


def test_each_reader_gets_their_counts_and_only_the_monitoring_they_read(session, ids):
    pudong = {row["统一社会信用代码"]: row for row in _csv(session, PUDONG)}
    # Minhang's approved project, not its draft; Minhang's monitored years are not Pudong staff's to read
    assert (pudong[YI]["项目数（项）"], pudong[YI]["最近项目年份"], pudong[YI]["在线监测年份"]) == ("1", "2014", "")
    assert pudong[DING]["项目数（项）"] == "0" and pudong[JIA]["在线监测年份"] == "2019、2020"
    minhang = {row["统一社会信用代码"]: row for row in _csv(session, MINHANG)}
    assert (minhang[YI]["在线监测年份"], minhang[JIA]["在线监测年份"], minhang[JIA]["项目数（项）"]) == ("2021", "", "1")
    planner = _csv(session, PLANNER)
    assert "在线监测年份" not in planner[0] and len(planner) == 4  # planners read no monitoring at all
    assert [r["企业名称"] for r in _csv(session, PUDONG, district_code="310115")] == [NAMES[BING], NAMES[JIA]]


def test_the_workbook_has_a_frozen_filtered_header_counts_as_numbers_and_an_about_sheet(session, ids):
    book, written = _workbook(session, PUDONG, industry="C", sort="projects", descending=True)
    assert written.count == 2 and written.file_name.startswith("enterprises-") and written.file_name.endswith(".xlsx")
    sheet, about = book.worksheets
    assert (sheet.title, about.title) == ("企业", "说明")
    headers = [c.value for c in sheet[1]]
    assert headers[:4] == ["企业名称", "统一社会信用代码", "行业代码", "行业门类（GB/T 4754-2017）"]
    assert sheet.freeze_panes == "A2" and sheet.auto_filter.ref == "A1:J3"
    assert [sheet.cell(r, 1).value for r in (2, 3)] == [NAMES[JIA], NAMES[DING]]
    assert sheet.cell(2, headers.index("项目数（项）") + 1).value == 2
    assert sheet.cell(2, headers.index("最近项目年份") + 1).value == 2015
    lines = {row[0].value: row[1].value for row in about.iter_rows(min_row=2)}
    assert lines["企业名称或统一社会信用代码"] == OURS and lines["区"] == "全市"
    assert lines["行业（GB/T 4754-2017）"] == "C（制造业）" and lines["排序"] == "项目（降序）"
    assert lines["企业数（家）"] == 2 and lines["导出人"] == "pudong-staff"
    assert lines["项目数（项）"].startswith("项目数只计您可查看的项目") and "本区" in lines["在线监测年份"]
    finer, _ = _workbook(session, REVIEWER, industry="C26", with_projects=True)
    lines = {row[0].value: row[1].value for row in finer.worksheets[1].iter_rows(min_row=2)}
    assert lines["行业（GB/T 4754-2017）"] == "代码以 C26 开头（制造业）" and lines["项目"] == "有项目"
    assert "项目数（项）" not in lines  # a city reviewer counts every project


def test_english_headers_and_names_for_an_english_reader(session, ids):
    book, _ = _workbook(session, REVIEWER, EN, english=True, district_code="310112")
    sheet = book.worksheets[0]
    assert [c.value for c in sheet[1]][:5] == ["Enterprise name", "Unified social credit code", "Industry code",
                                               "Industry section (GB/T 4754-2017)", "District"]
    assert [sheet.cell(r, 4).value for r in (2, 3)] == ["Manufacturing", "Production and supply of electricity, heat, gas and water"]
    assert {sheet.cell(r, 5).value for r in (2, 3)} == {"Minhang"} and book.worksheets[1].title == "About"


def _exports(session) -> list[AuditEntry]:
    return list(session.scalars(select(AuditEntry).where(AuditEntry.action == "export")))


def test_each_download_is_one_audit_entry_and_a_refused_one_writes_nothing(session, ids, make_user):
    reviewer = make_user("directory-reviewer", "city_reviewer").actor()
    out = io.BytesIO()
    with pytest.raises(ValidationError) as refused:
        export_enterprises(session, reviewer, EnterpriseFilter(text=OURS), "xlsx", out, ZH, limit=3)
    assert out.getvalue() == b"" and "共有 4 家企业符合条件，一次下载最多 3 家" in refused.value.render(ZH)
    for bad in (EnterpriseFilter(check="project_without_parcel"), EnterpriseFilter()):
        with pytest.raises(ValidationError):
            export_enterprises(session, reviewer, bad, "pdf" if bad.check is None else "csv", out, ZH)
    assert _exports(session) == [] and out.getvalue() == b""
    written = export_enterprises(session, reviewer, EnterpriseFilter(text=f" {OURS} ", district_code="310115",
                                                                     industry="C2", with_projects=True, sort="projects",
                                                                     descending=True), "csv", out, ZH)
    (entry,) = _exports(session)
    assert (entry.user_id, entry.entity, entry.entity_id) == (reviewer.user_id, "enterprise_list", "-")
    assert entry.changes == {"format": "csv", "rows": written.count, "text": OURS, "district_code": "310115",
                             "industry": "C2", "projects": "with", "sort": "projects", "descending": True}
    assert written.count == 1  # 甲, found with the text again after the entry's commit
