"""On English pages the registry's own words are English and what people typed stays as typed: a
value written in Chinese (a target's source, a parcel output's source, a project's name) is marked
``lang="zh-Hans"``, so a screen reader reads it with a Chinese voice; the demo's own mark of its
generated outputs, 示意, is the registry's vocabulary and is translated."""
from __future__ import annotations

import re

from sqlalchemy import text

from registry.domain.vocabulary import OUTPUT_ILLUSTRATIVE
from tests.integration import land_data, rollup_data

PLAN = "《上海市经济和信息化委员会2013年工作要点》"


def _cells(html: str, css_class: str) -> list[str]:
    return re.findall(rf'<td class="{css_class}"[^>]*>(.*?)</td>', html, re.S)


def test_a_target_source_typed_in_chinese_is_marked_chinese_on_the_english_pages(client, login, session):
    rollup_data.load(session)
    rollup_data.add_target(session, "retrofit_savings_tce", "400", "tce", source=PLAN)
    rollup_data.add_target(session, "emc_projects", "200", "项", source="Work plan of the commission")
    login("admin")
    english = client.get("/targets?year=2013&lang=en").get_data(as_text=True)
    sources = _cells(english, "prose whole")
    assert f'<span lang="zh-Hans">{PLAN}</span>' in sources
    assert "Work plan of the commission" in sources  # English stays unmarked
    rollup = client.get("/rollups?year=2013&lang=en").get_data(as_text=True)
    line = re.search(r"Sources of the targets: (.*?)</p>", rollup).group(1)
    assert sorted(line.split("; ")) == [f'<span lang="zh-Hans">{PLAN}</span>', "Work plan of the commission"], line
    # the drill-down's project names, typed in Chinese
    assert '<td class="title whole"><span lang="zh-Hans">项目 P1</span></td>' in client.get(
        "/rollups/projects?year=2013").get_data(as_text=True)
    chinese = client.get("/targets?year=2013&lang=zh_Hans_CN").get_data(as_text=True)
    assert 'lang="zh-Hans"' not in chinese and PLAN in chinese  # a Chinese page: nothing to mark


def test_a_parcels_output_sources_the_demos_in_english_a_planners_as_typed(client, login, session):
    ids = land_data.seed_land(session)
    for year, source in ((2016, OUTPUT_ILLUSTRATIVE), (2017, "区统计局年报")):
        session.execute(text("INSERT INTO parcel_outputs (parcel_id, year, output_wan_yuan, source) VALUES (:p, :y, 100, :s)"),
                        {"p": ids["P5"], "y": year, "s": source})
    login("planner")
    english = client.get(f"/land/parcels/{ids['P5']}?lang=en").get_data(as_text=True)
    assert "<td>illustrative (generated demo data)</td>" in english and "<td>示意</td>" not in english
    assert '<span lang="zh-Hans">区统计局年报</span>' in english
    chinese = client.get(f"/land/parcels/{ids['P5']}?lang=zh_Hans_CN").get_data(as_text=True)
    assert "<td>示意</td>" in chinese and 'lang="zh-Hans"' not in chinese
