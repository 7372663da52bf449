"""What a printed page needs from the server (static/css/print.css lays it out for paper): the print
sheet, a header line naming the registry, the page and the moment of its figures in the reader's
language, and a print button on the pages people print — the rollup, a project, the freed land, a
parcel, the data-quality checks. How they print is tests/browser/test_printing.py."""
from __future__ import annotations

import re
from datetime import datetime, timezone

import pytest

from registry.clock import frozen_at
from tests.integration import rollup_data
from tests.web.page_text import text_of

PRINTED_AT = datetime(2026, 12, 4, 22, 10, tzinfo=timezone.utc)  # 06:10 on 5 December in Shanghai
BUTTON = re.compile(r'<button type="button" class="secondary print-button" data-print hidden>([^<]*)</button>')
WORDS = {"zh": ("打印", "上海市产业结构调整和节能项目登记系统", "数据截至：2026年12月5日 06:10"),
         "en": ("Print", "Shanghai energy-saving and structural-adjustment registry", "Figures as of: Dec 5, 2026, 6:10 AM")}


def header_of(html: str) -> str:
    found = re.search(r'<div class="print-header">(.*?)</div>', html, re.S)
    assert found, "no print header"
    return text_of(found.group(1)).strip()


def printed(client, url: str, lang: str) -> str:
    with frozen_at(PRINTED_AT):
        response = client.get(f"{url}{'&' if '?' in url else '?'}lang={lang}")
    assert response.status_code == 200, response.status_code
    html = response.get_data(as_text=True)
    assert '<link rel="stylesheet" href="/static/css/print.css" media="print">' in html
    assert '<script src="/static/js/print.js"></script>' in html
    return html


def assert_printable(html: str, lang: str, title: str) -> None:
    button, registry, as_of = WORDS[lang]
    assert BUTTON.findall(html) == [button]  # one, hidden until print.js shows it
    assert header_of(html) == f"{registry} · {title} {as_of}"


@pytest.mark.parametrize("lang, freed, parcel", [("zh", "腾出土地", "地块 T-P1"), ("en", "Freed land", "Parcel T-P1")])
def test_the_freed_land_and_a_parcel_print_with_a_button_and_a_header(client, login, ids, lang, freed, parcel):
    login("planner")
    assert_printable(printed(client, "/land/freed", lang), lang, freed)
    assert_printable(printed(client, f"/land/parcels/{ids['P1']}", lang), lang, parcel)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_project_prints_with_a_button_and_a_header_named_by_its_reference(client, project_url, lang):
    html = printed(client, project_url, lang)
    reference = re.search(r"<title>([^<]*) · ", html).group(1)
    assert re.fullmatch(r"\d{4}-310115-\d{4}", reference)
    assert_printable(html, lang, reference)


@pytest.mark.parametrize("lang, title", [("zh", "年度汇总"), ("en", "Annual rollups")])
def test_the_rollup_prints_with_a_button_and_a_header(client, login, session, lang, title):
    rollup_data.load(session)
    login("planner")
    assert_printable(printed(client, "/rollups?year=2013", lang), lang, title)


@pytest.mark.parametrize("lang, as_of", [("zh", "数据截至：2013年6月30日"), ("en", "Figures as of: Jun 30, 2013")])
def test_a_rollup_as_of_a_day_prints_that_day_in_its_header(client, login, session, lang, as_of):
    rollup_data.load(session)
    login("planner")
    assert header_of(printed(client, "/rollups?year=2013&as_of=2013-06-30", lang)).endswith(as_of)


@pytest.mark.parametrize("lang, title", [("zh", "数据质量检查"), ("en", "Data-quality checks")])
def test_the_data_quality_checks_print_with_a_button_and_a_header(client, login, lang, title):
    login("city_reviewer")
    assert_printable(printed(client, "/quality/", lang), lang, title)


def test_pages_not_made_to_be_printed_have_the_header_but_no_button(client, login):
    login("planner")
    html = printed(client, "/projects", "zh")
    assert BUTTON.findall(html) == [] and header_of(html).startswith("上海市产业结构调整和节能项目登记系统 · 项目")


def _filters_said(html: str) -> str:
    return text_of(re.search(r'<p class="print-only filters-said">(.*?)</p>', html, re.S).group(1)).strip()


@pytest.mark.parametrize("lang, query, said", [
    ("zh", "", "筛选条件：无（全部腾出地块）"),
    ("zh", "?district=310101&district=310104&year_from=2014&land_use=M2&area_min=10&area_unit=mu",
     "筛选条件：区：测试A区、测试B区；腾出年度：2014–…；面积：10–… 亩；原用途：二类工业用地（M2）"),
    ("en", "?district=310101&status=freed&lon=121.5&lat=31.2&radius_km=3",
     "Filters: District: Test A; Redevelopment status: Freed; within 3 km of 121.5, 31.2"),
])
def test_the_printed_freed_land_says_which_filters_chose_it(client, login, ids, lang, query, said):
    login("planner")
    assert _filters_said(printed(client, f"/land/freed{query}", lang)) == said


def test_the_page_numbers_words_are_css_strings_that_nothing_can_break_out_of(app, monkeypatch):
    from registry.web import display

    with app.test_request_context("/?lang=zh_Hans_CN"):
        assert display.page_numbers() == '@page { @bottom-center { content: "第 " counter(page) " 页，共 " counter(pages) " 页"; } }'
    # a translation holding a quote, a backslash or </style> stays inside its string
    monkeypatch.setattr(display, "gettext", lambda msgid: 'p. "%(page)s" \\ </style><script>%(pages)s')
    with app.test_request_context("/"):
        rule = str(display.page_numbers())
    assert rule == r'@page { @bottom-center { content: "p. \"" counter(page) "\" \\ \3c /style>\3c script>" counter(pages); } }'
    assert "</" not in rule
