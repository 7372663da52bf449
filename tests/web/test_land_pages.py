"""The planner's pages through the Flask client: what the freed-land and parcel pages say."""
from __future__ import annotations

import json
import re

import pytest
from sqlalchemy import select, text

from geo.map_styles import PARCEL, PARCEL_STATUS_STYLES
from registry.models import Project
from registry.services.loading import load_dataset
from registry.services.records import parse_dataset
from tests.integration.land_data import A, B, polygon
from tests.integration.test_loading import document
from tests.web.page_text import section, text_of


@pytest.fixture
def planner(login):
    return login("planner")


def page_text(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, response.status_code
    return response.get_data(as_text=True)


def test_freed_land_map_has_a_legend_of_the_statuses_in_the_maps_colours(client, ids, planner):
    html = page_text(client, "/land/freed")
    legend = html[html.index('id="freed-legend"'):]
    legend = legend[:legend.index("</div>")]
    assert "二次开发状态" in legend
    for status, name in (("freed", "已腾出"), ("redevelopment_planned", "已规划二次开发"),
                         ("redeveloped", "已完成二次开发")):
        item = re.search(rf'<li data-status="{status}"><span style="([^"]*)"></span>([^<]*)</li>', legend)
        assert item, status
        assert PARCEL_STATUS_STYLES[status].fill in item[1] and PARCEL_STATUS_STYLES[status].outline in item[1]
        assert item[2] == name


def test_freed_land_table_names_the_land_use(client, ids, planner):
    html = page_text(client, f"/land/freed?district={B}")
    table = html[html.index('id="freed-table"'):]
    # the use each was freed with (原用途), by name, labelled on a phone's card
    assert re.search(r"<td [^>]*>一类物流仓储用地（W1）</td>", table) and re.search(r"<td [^>]*>二类工业用地（M2）</td>", table)
    assert not re.search(r"<td[^>]*>W1</td>", table)


def test_freed_land_download_links_follow_the_full_width_colon_without_a_space(client, ids, planner):
    html = page_text(client, "/land/freed")
    assert '<p class="exports screen-only">下载：<a href="/land/freed/export.geojson?' in html
    english = page_text(client, "/land/freed?lang=en")
    assert '<p class="exports screen-only">Download: <a href="/land/freed/export.geojson?' in english


def test_freed_land_breakdown_lists_every_zone_kind(client, ids, planner):
    html = page_text(client, "/land/freed?zone_kind=block_104")
    table = html[html.index("按区域类型"):]
    table = table[:table.index("</table>")]
    assert [re.sub(r"<[^>]+>", "", row) for row in re.findall(r"<tr><td>[^<]*</td><td[^>]*>(?:<a [^>]*>)?\d+(?:</a>)?</td>", table)] == [
        "开发区0", "104产业区块1", "195区域0", "198区域0", "其他0"]


def test_a_breakdowns_count_lists_its_parcels_keeping_the_other_filters(client, ids, planner):
    # The counts by district and zone kind were plain numbers: a planner retyped the filter to see the parcels.
    html = page_text(client, "/land/freed?year_from=2000")
    district = html[html.index("<caption>分区</caption>"):]
    links = re.findall(r'<td class="num"><a href="\?([^"]+)#freed-table">(\d+)</a></td>',
                       district[:district.index("</table>")].replace("&amp;", "&"))
    assert sorted(args for args, _ in links) == [f"year_from=2000&district={A}", f"year_from=2000&district={B}"]
    zones = html[html.index("按区域类型"):]
    zones = zones[:zones.index("</table>")].replace("&amp;", "&")
    linked = re.findall(r'<a href="\?([^"]+)#freed-table">(\d+)</a>', zones)
    assert linked and all(args.startswith("year_from=2000&zone_kind=") and count != "0" for args, count in linked)
    assert ">0</td>" in zones  # an empty zone kind has nothing to list
    for args, count in links + linked:
        listed = page_text(client, f"/land/freed?{args}")
        assert re.search(r'<dd id="total-count">(\d+)</dd>', listed)[1] == count, args


def test_the_filters_list_zone_kinds_and_districts_in_the_order_of_their_breakdowns(client, ids, planner):
    # The zone-kind filter listed 104产业区块 first, its breakdown 开发区 (the rank that decides a
    # parcel's zone kind).
    html = page_text(client, "/land/freed")

    def options(name: str) -> list[str]:
        return [text.strip() for text in re.findall(rf'<input type="checkbox" name="{name}" [^>]*>([^<]*)</label>', html)]

    def rows(caption: str) -> list[str]:
        table = html[html.index(f"<caption>{caption}</caption>"):]
        return re.findall(r"<tr><td>([^<]*)</td>", table[:table.index("</table>")])

    assert options("zone_kind") == rows("按区域类型") == ["开发区", "104产业区块", "195区域", "198区域", "其他"]
    listed = rows("分区")
    assert listed and [name for name in options("district") if name in listed] == listed


def test_the_filters_of_several_values_are_ticked_boxes_that_send_the_query_a_saved_link_holds(client, ids, planner):
    # They were <select multiple>, where only Ctrl/Cmd-click picks a second value and nothing said so:
    # planners picked one district and thought that was all. The query's names and values stay.
    html = page_text(client, f"/land/freed?district={A}&district={B}&land_use=M1&status=freed")
    form = html[html.index('id="freed-form"'):]
    form = form[:form.index("</form>")]
    assert "<select" not in form.replace('<select name="area_unit">', "")
    assert "每个列表可勾选多项；不勾选即为全部。" in text_of(form)

    def ticked(name: str) -> list[str]:
        return re.findall(rf'<input type="checkbox" name="{name}" value="([^"]+)" checked>', form)

    assert ticked("district") == sorted([A, B]) and ticked("land_use") == ["M1"] and ticked("status") == ["freed"]
    assert ticked("zone_kind") == [] and len(re.findall(r'name="zone_kind"', form)) == 5
    # the long lists fold; the summary names what is ticked, or says all
    summaries = [text_of(s).strip() for s in re.findall(r"<summary>(.*?)</summary>", form, re.S)]
    assert summaries == ["区 测试A区、测试B区", "原用途 一类工业用地（M1）"], summaries
    assert text_of(re.search(r"<summary>(.*?)</summary>", page_text(client, "/land/freed?lang=en"), re.S)[1]).strip() == "District All"
    assert re.findall(r'<fieldset class="options[^"]*" id="f-(\w+)"><legend[^>]*>([^<]+)</legend>', form) == [
        ("district", "区"), ("zone_kind", "区域类型"), ("land_use", "原用途"), ("status", "二次开发状态")]


def test_a_parcel_in_force_reads_from_its_first_day_to_date(client, ids, planner):
    assert "<dd>2010年1月1日至今</dd>" in page_text(client, f"/land/parcels/{ids['P1']}")
    assert "<dd>2010年1月1日 – 2015年1月1日</dd>" in page_text(client, f"/land/parcels/{ids['P6']}")  # end-dated
    assert "<dd>Jan 1, 2010 – present</dd>" in page_text(client, f"/land/parcels/{ids['P1']}?lang=en")


def test_back_to_freed_land_only_on_freed_land(client, ids, planner):
    assert "返回腾出土地" in page_text(client, f"/land/parcels/{ids['P1']}")
    never_freed = page_text(client, f"/land/parcels/{ids['P5']}")
    assert "返回腾出土地" not in never_freed and 'href="/land/freed"' not in never_freed.split("<main", 1)[-1]



@pytest.mark.parametrize("lang, why", [
    ("zh", "与相邻腾出地块合并 本地块无法合并：没有与其共边、用地性质相同的腾出地块。"),
    ("en", "Merge with adjoining freed parcels This parcel cannot be merged: no freed parcel of the same land use"
           " shares an edge with it."),
])
def test_a_parcel_without_a_neighbour_offers_no_merge_and_says_why(client, ids, planner, lang, why):
    # T-P1 touches no other freed M1 parcel: its merge form (codes, new code, 合并) could only be refused
    html = page_text(client, f"/land/parcels/{ids['P1']}?lang={lang}")
    assert why in text_of(html)
    assert f'action="/land/parcels/{ids["P1"]}/merge"' not in html and 'name="with"' not in html
    assert 'id="merge-preview"' not in html and f'action="/land/parcels/{ids["P1"]}/split"' in html


def test_a_parcel_with_a_neighbour_offers_it_to_merge_with(client, ids, planner, session):
    halves = [polygon(121.420, 31.220, 121.421, 31.222), polygon(121.421, 31.220, 121.422, 31.222)]
    assert client.post(f"/land/parcels/{ids['P1']}/split", data={"parts": json.dumps(halves)}).status_code == 302
    left = session.execute(text("SELECT id FROM parcels WHERE code = 'T-P1-1'")).scalar_one()
    html = page_text(client, f"/land/parcels/{left}")
    assert f'action="/land/parcels/{left}/merge"' in html and 'value="T-P1-2"' in html and "本地块无法合并" not in html
    assert 'id="merge-preview"' in html

def load_project(session, status: str, parcel_codes: list[str]) -> int:
    doc = document()
    doc["projects"][0] |= {"status": status, "parcel_codes": parcel_codes}
    load_dataset(session, parse_dataset(doc))
    return session.execute(select(Project.id).where(Project.reference == "2013-310115-0001")).scalar_one()


@pytest.mark.parametrize("status, term", [("draft", "拟腾出土地"), ("approved", "拟腾出土地"), ("verified", "腾出土地")])
def test_a_project_says_its_land_is_freed_only_once_it_is(client, session, login, status, term):
    project_id = load_project(session, status, ["P-OK"])
    login("planner")
    html = page_text(client, f"/projects/{project_id}")
    assert f"<dt>{term}</dt>" in html
    assert 'class="map-panel small"' in html and 'id="no-parcel-map"' not in html


def test_a_project_without_parcels_says_so_once_in_its_parcels_card_and_shows_no_map(client, session, login):
    # it said so twice: a note where the map would be (尚无地块，暂无地图。) and a row of an empty table
    project_id = load_project(session, "draft", [])
    login("planner")
    html = page_text(client, f"/projects/{project_id}")
    assert 'class="map-panel small"' not in html
    assert section(html, "parcels") == " 地块 无地块。 " and text_of(html).count("无地块") == 1
    assert "<table" not in html.split('<section class="card parcels">')[1].split("</section>")[0]


def test_freed_land_totals_give_mu_to_001_as_its_rows_and_exports_and_name_the_zipped_shapefile(client, ids, planner):
    html = page_text(client, "/land/freed")
    totals = text_of(html[html.index('<dl class="counts totals">'):html.index("</dl>")])
    by_district = html[html.index("分区"):]
    by_district = by_district[:by_district.index("</table>")]
    mu = re.findall(r'<td class="num">(?:<a [^>]*>)?([\d,.]+)(?:</a>)?</td>', by_district)[1]  # parcels (linked), 亩, km²
    assert re.search(r"面积（亩）\s*[\d,]+\.\d\d\b", totals) and re.fullmatch(r"[\d,]+\.\d\d", mu), (totals, mu)
    assert ">Shapefile（zip 压缩包）</a>" in html
    assert ">Shapefile (zip)</a>" in page_text(client, "/land/freed?lang=en")


@pytest.mark.parametrize("lang, used", [("zh", r"（利用率 \d+%）"), ("en", r"\(\d+% used\)")])
def test_a_matchs_area_reason_writes_its_percentage_as_the_rollups_do(client, ids, planner, lang, used):
    html = page_text(client, f"/land/matching?min_area=1&area_unit=ha&lang={lang}")
    assert re.search(used, html) and not re.search(r"\d %", html)


def test_the_parcel_page_shows_the_plans_figures_as_typed_and_its_area_in_mu_once(client, ids, planner):
    # 125,437.5 read 125,438; the English area read "60,609 (90.91 mu (亩))"
    response = client.post(f"/land/parcels/{ids['P1']}/plan", data={
        "new_use": "A35", "planned_on": "2018-01-02", "investment_wan_yuan": "125437.5", "expected_output_wan_yuan": "0.25"})
    assert response.status_code in (302, 303), response.status_code
    page = client.get(f"/land/parcels/{ids['P1']}").get_data(as_text=True)
    assert ">125,437.5</span>" in page and ">0.25</span>" in page
    english = text_of(client.get(f"/land/parcels/{ids['P1']}?lang=en").get_data(as_text=True))
    assert re.search(r"Area \(m²\) [\d,]+ \([\d,.]+ mu\) ", english), english[:600]
    assert "(亩)" not in english.split("Land-use class")[0]


def test_a_matched_parcels_code_stays_on_one_line(client, ids, planner):
    # on a phone the ranked list broke codes at their hyphens: SH- | 310115- | 000674
    html = page_text(client, "/land/matching?min_area=1&area_unit=ha")
    codes = re.findall(r'<td( class="nowrap")?><a href="/land/parcels/\d+">', html)
    assert codes and all(codes), codes


@pytest.mark.parametrize("path", ["/land/freed?area_min={}&area_unit=m2", "/land/parcels?area_min={}&area_unit=m2",
                                  "/land/matching?min_area={}&area_unit=m2"])
def test_an_area_grouped_in_thousands_is_read_as_the_pages_show_areas(client, ids, planner, path):
    # 20,000 m², as the pages write areas, was refused: 必须是数字，实际为“20,000”
    grouped, plain = page_text(client, path.format("20,000")), page_text(client, path.format("20000"))
    assert 'class="field-error"' not in grouped
    found = sorted(set(re.findall(r">(T-P\d)<", grouped)))
    assert found == ["T-P1", "T-P3"] and found == sorted(set(re.findall(r">(T-P\d)<", plain))), found


def test_a_query_finding_nothing_says_so_without_empty_tables_downloads_or_a_pager(client, ids, planner):
    # It showed 第 0–0 行，共 0 行, a district table of headers only and six downloads of nothing.
    html = page_text(client, "/land/freed?year_from=2030")
    assert "没有符合这些条件的腾出土地。" in html and '<dd id="total-count">0</dd>' in html
    assert "第 0–0 行" not in html and 'class="pager"' not in html
    assert 'class="exports' not in html and "按区域类型" not in html
    found = page_text(client, "/land/freed")
    assert 'class="exports' in found and "按区域类型" in found and "第 1–" in found
    matched = text_of(page_text(client, "/land/matching?min_area=9999999&area_unit=m2"))
    assert "没有满足该需求的腾出地块。" in matched and "0 个地块满足需求" not in matched


def test_the_plan_form_starts_with_no_new_use_chosen(client, ids, planner):
    """The new use is the plan's one decision: its list had 一类工业用地（M1） chosen, so a plan saved
    without looking planned industrial land again. It now starts on 请选择, required, and a plan sent
    so is refused naming the field, the form keeping what was typed."""
    html = page_text(client, f"/land/parcels/{ids['P1']}")
    select = re.search(r'<select name="new_use"[^>]*>(.*?)</select>', html, flags=re.S)
    assert select and "required" in select.group(0)[:40], html
    first = re.search(r"<option[^>]*>[^<]*</option>", select.group(1)).group(0)
    assert first == '<option value="">请选择</option>' and " selected" not in select.group(1), select.group(1)
    refused = client.post(f"/land/parcels/{ids['P1']}/plan", data={"new_use": "", "description": "研发楼"})
    body = refused.get_data(as_text=True)
    assert refused.status_code == 422 and "新用途：为必填项" in text_of(body), text_of(body)
    assert "研发楼</textarea>" in body


def test_freed_land_is_broken_down_by_freed_year_and_status_each_count_listing_its_parcels(client, ids, planner):
    """By district and by zone kind only: how much land each year freed, and how much of it still waits
    for a plan, were counted by hand from the table."""
    html = page_text(client, f"/land/freed?district={A}")
    for caption, expected in (("按腾出年度", [("2013", "1"), ("2014", "1"), ("2017", "1")]),
                              ("按二次开发状态", [("已腾出", "1"), ("已规划二次开发", "1"), ("已完成二次开发", "1")])):
        table = html[html.index(f"<caption>{caption}</caption>"):]
        table = table[:table.index("</table>")].replace("&amp;", "&")
        rows = re.findall(r'<tr><td>([^<]*)</td><td class="num"><a href="\?([^"]+)#freed-table">(\d+)</a></td>', table)
        assert [(label, count) for label, _, count in rows] == expected, table
        for _, args, count in rows:
            assert args.startswith(f"district={A}&"), args  # the other filters kept
            listed = page_text(client, f"/land/freed?{args}")
            assert re.search(r'<dd id="total-count">(\d+)</dd>', listed)[1] == count, args
    english = text_of(page_text(client, f"/land/freed?district={A}&lang=en"))
    assert "By year freed" in english and "By redevelopment status" in english


@pytest.mark.parametrize("name, status", [("P1", "freed"), ("P4", "redevelopment_planned"), ("P7", "redeveloped")])
def test_a_freed_parcels_page_draws_it_in_its_status_colour_as_the_freed_land_map_does(client, ids, planner, name, status):
    """The parcel page drew every parcel vermilion, the freed land's colour: a planner who followed a
    green (redeveloped) parcel from the freed-land map found it drawn as freed land still."""
    html = page_text(client, f"/land/parcels/{ids[name]}")
    config = json.loads(re.search(r'<script type="application/json" id="parcel-map-config">(.*?)</script>', html, re.S)[1])
    assert config["parcel"] == PARCEL_STATUS_STYLES[status].as_json(), config["parcel"]


def test_a_parcel_in_use_keeps_the_sites_colour(client, ids, planner):
    html = page_text(client, f"/land/parcels/{ids['P5']}")
    config = json.loads(re.search(r'<script type="application/json" id="parcel-map-config">(.*?)</script>', html, re.S)[1])
    assert config["parcel"] == PARCEL.as_json()
