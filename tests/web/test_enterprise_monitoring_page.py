"""An enterprise's page's 能耗在线监测 section (templates/enterprises/_monitoring.html): its monitored years
the latest first with the projects compared with each and their verdicts as the project page words
them, in Chinese and English, and its bar chart; one line when nothing is monitored (an administrator
is sent to load it); nothing for planners or another district's staff."""
from __future__ import annotations

import re

import pytest

from registry.services import projects as svc
from tests.integration.monitoring_data import monitored_enterprise
from tests.integration.project_data import REVIEWER
from tests.web.page_text import text_of

pytestmark = pytest.mark.usefixtures("districts")


@pytest.fixture
def firm(session, tmp_path) -> dict[str, int]:
    return monitored_enterprise(session, tmp_path)


def page(client, enterprise_id: int) -> str:
    response = client.get(f"/enterprises/{enterprise_id}")
    assert response.status_code == 200
    return response.get_data(as_text=True)


def section(html: str) -> str | None:
    """The section's HTML, ``None`` when the page has none."""
    found = re.search(r'<section class="card enterprise-monitoring" id="monitoring">(.*?)</section>', html, re.S)
    return found.group(1) if found else None


def table_text(html: str) -> str:
    """The section's text without its chart."""
    return text_of(re.sub(r'<div class="chart-box">.*?</div>', "", section(html), flags=re.S))


def references(session, firm) -> dict[str, str]:
    return {name: svc.get_project(session, REVIEWER, firm[name]).reference for name in ("exit", "motors", "later", "minhang")}


def row(text: str, year: int) -> str:
    """A year's row: from its year to the next row's (or the table's end)."""
    return re.search(rf" {year} \d[\d,]*\.\d\d .*?(?= \d{{4}} \d[\d,]*\.\d\d | 对照年度无| Projects compared with|$)", text).group(0)


def test_a_reviewer_reads_the_years_and_the_verdicts_in_chinese_and_english(client, login, session, firm):
    ref = references(session, firm)
    login("city_reviewer")
    html = page(client, firm["enterprise"])
    text = table_text(html)
    assert text.index(" 2013 600.00 ") < text.index(" 2012 560.00 "), text  # the latest first
    assert "年度 综合能耗（吨标准煤） 对照的项目 来源 导入" in text
    assert " 2013 600.00 — — " in text  # nothing compared with 2013, no source
    compared = row(text, 2012)
    assert f"{ref['exit']} 与监测数据偏差超限 偏差：+14.8 %" in compared, compared
    assert f"{ref['motors']} 与监测数据相符 占监测综合能耗：5.9 %" in compared
    assert f"{ref['minhang']} 与监测数据相符" in compared and "市平台" in compared
    assert f"对照年度无监测数据的项目 {ref['later']} 无监测数据 （对照年度 2014）" in text
    assert f'<a href="/projects/{firm["exit"]}#monitoring">{ref["exit"]}</a> <span class="badge monitoring-badge">' in html
    chart = re.search(r'<div class="chart-box">(.*?)</div>', section(html), re.S).group(1)
    assert chart.count("<svg") == 6 and 'aria-label="各年综合能耗（吨标准煤）"' in chart
    assert "2012 · 能耗在线监测：560.00 吨标准煤" in chart  # a bar's tooltip, the earliest year first
    client.get("/lang/en")
    english = table_text(page(client, firm["enterprise"]))
    assert "Year Comprehensive energy consumption (tce) Projects compared Source Loaded" in english
    assert f"{ref['exit']} Deviation from the monitoring beyond the tolerance Deviation: +14.8 %" in english
    assert f"{ref['motors']} Consistent with the monitoring Share of the monitored consumption: 5.9 %" in english
    assert (f"Projects compared with a year the monitoring does not hold {ref['later']} No monitoring data "
            "(year compared 2014)") in english


def test_district_staff_read_their_districts_verdicts_only_and_planners_no_section(client, login, session, firm):
    ref = references(session, firm)
    login("district_staff", "310115")
    text = table_text(page(client, firm["enterprise"]))
    assert ref["exit"] in text and ref["minhang"] not in text  # Minhang's draft
    login("district_staff", "310112")  # a Pudong enterprise: its figures are Pudong's to read
    html = page(client, firm["enterprise"])
    assert ref["minhang"] in html and section(html) is None
    login("planner")
    html = page(client, firm["enterprise"])
    assert section(html) is None and "能耗在线监测" not in html.split("<main")[1]


def test_without_figures_one_line_says_so_and_an_administrator_is_sent_to_load_them(client, login, firm):
    login("city_reviewer")
    said = "能耗在线监测中没有该企业统一社会信用代码的数据。"
    assert text_of(section(page(client, firm["unmonitored"]))).strip() == f"能耗在线监测 {said}"
    login("admin")
    html = section(page(client, firm["unmonitored"]))
    assert text_of(html).strip() == f"能耗在线监测 {said} 导入监测数据" and 'href="/monitoring#load"' in html
