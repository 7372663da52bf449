"""What pages show for stored values: labels instead of codes, formatted numbers, links instead of ids."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from registry.domain.permissions import Actor
from registry.services import audit
from tests.web.page_text import section
from tests.web.project_form import form


def test_the_trace_shows_labels_and_rounded_numbers_in_chinese(client, project_url):
    html = client.get(project_url).get_data(as_text=True)
    trace = section(html, "trace")
    assert "高效电机推广" in trace and "motor_upgrade" not in trace
    assert "否" in trace and "False" not in trace  # remanufactured
    # 55 kW × 0.75 × 6000 h × (1/0.921 − 1/0.946) = 7101.78… kWh, shown 7,102; 0.8728… tce shown 0.87
    assert "= 7,102 千瓦时" in trace and "= 0.87 吨标准煤" in trace and "年度 2013 " in trace
    assert not re.search(r"\d\.\d{7,}", trace)  # no unrounded figure (formulas keep ≤ 6 places)
    assert 'title="7101.7' in html  # the exact value stays readable


def test_the_trace_shows_labels_in_english(client, project_url):
    trace = section(client.get(project_url + "?lang=en").get_data(as_text=True), "trace")
    assert "High-efficiency motor upgrade" in trace and "motor_upgrade" not in trace
    assert " No " in trace and "False" not in trace
    assert "7,102" in trace and "0.87" in trace


def test_the_trace_quotes_the_equal_values_source_in_the_readers_language_alone(client, project_url):
    # reference data stored in both languages (migration 0017), picked by the page's locale
    chinese = section(client.get(project_url).get_data(as_text=True), "trace")
    english = section(client.get(project_url + "?lang=en").get_data(as_text=True), "trace")
    assert "全国平均供电煤耗，二手资料，待核实" in chinese and "National average" not in chinese
    assert "National average of coal per kWh supplied; secondary source, to be verified" in english
    assert "全国平均" not in english and "二手资料" not in english


def test_history_names_fields_values_and_references(client, project_url):
    html = client.get(project_url).get_data(as_text=True)
    history = section(html, "history")
    assert "motor_upgrade" not in history and "enterprise_id" not in history and "district_code" not in history
    assert "类型 — 高效电机推广" in history and "状态 草稿 已提交" in history
    assert "None" not in history and "{…}" not in history and "parcel_ids" not in history
    assert "上海测试电机有限公司" in history and "浦东新区" in history
    assert "变更：项目类型、年度、电机组" in history  # the inputs by what changed in them, by name
    found = re.search(r'<section class="card history">(.*?)</section>', html, re.S).group(1)
    assert re.search(r'href="/enterprises/\d+"', found) and re.search(r'href="/land/parcels/\d+">SH-', found)
    english = section(client.get(project_url + "?lang=en").get_data(as_text=True), "history")
    assert "Kind" in english and "High-efficiency motor upgrade" in english and "Pudong" in english


def test_parcels_of_a_project_link_to_their_page(client, project_url):
    html = client.get(project_url).get_data(as_text=True)
    assert re.search(r'<a href="/land/parcels/\d+"><code>', html)


def test_parcel_history_names_its_actions(client, login, session, ids):
    from registry.domain.permissions import Actor
    from registry.services import redevelopment

    parcel_id = ids["P1"]
    redevelopment.plan_redevelopment(session, Actor(None, "planner", "planner"), parcel_id,
                                     {"new_use": "B1", "planned_on": "2020-01-01"})
    login("planner")
    history = section(client.get(f"/land/parcels/{parcel_id}").get_data(as_text=True), "history")
    assert "plan_redevelopment" not in history and "规划二次开发" in history
    assert "商业" in history and "B1" not in history.replace("（B1）", "") and "None" not in history


def test_a_parcel_page_says_which_kind_of_zone_the_parcel_lies_in(client, login, ids):
    # The freed-land table says 开发区 or 104产业区块 for each parcel; its own page did not say at all.
    login("planner")
    for name, kind in (("P1", "开发区"), ("P2", "104产业区块"), ("P4", "198区域"), ("P7", "其他")):
        facts = client.get(f"/land/parcels/{ids[name]}").get_data(as_text=True)
        facts = re.sub(r"\s+", "", facts[facts.index('<dl class="parcel-facts">'):facts.index("</dl>")])
        assert f"<dt>区域类型</dt><dd>{kind}</dd>" in facts, name


def test_a_projects_parcel_page_names_its_district_and_links_the_project(client, project_url):
    html = client.get(project_url).get_data(as_text=True)
    parcel_url = re.search(r'<a href="(/land/parcels/\d+)"><code>', html).group(1)
    parcel = client.get(parcel_url).get_data(as_text=True)
    assert f'<a href="{project_url}">2013-310115-0001</a>' in parcel
    assert "浦东新区" in parcel and "区代码" not in parcel
    assert "Pudong" in client.get(parcel_url + "?lang=en").get_data(as_text=True)


def test_pagers_say_next_page_and_the_wizard_next_step(client, ids, login):
    login("planner")
    html = client.get("/land/freed?limit=1").get_data(as_text=True)
    assert "下一页" in html and "下一步" not in html


def test_english_pages_give_units_and_district_names_in_english(client, ids, login, session):
    from sqlalchemy import text

    from tests.integration.land_data import A

    session.execute(text("INSERT INTO targets (year, scope, district_code, metric, kind, value, unit) VALUES "
                         "(2017, 'district', :a, 'dev_zone_land_output_yi_yuan_per_km2', 'plan', 68, '亿元/km²')"),
                    {"a": A})
    session.execute(text("INSERT INTO parcel_outputs (parcel_id, year, output_wan_yuan) VALUES (:p, 2017, 25000)"),
                    {"p": ids["P1"]})
    login("admin")
    targets = client.get("/targets?year=2017&lang=en").get_data(as_text=True)
    assert "Test A" in targets and "测试A区" not in targets
    login("planner", username="planner-2")
    output = client.get("/land/output?year=2017&lang=en").get_data(as_text=True)
    assert "100 million yuan/km²" in output and "亿元" not in output and "万元" not in output
    parcel = client.get(f"/land/parcels/{ids['P1']}?lang=en").get_data(as_text=True)
    assert "10,000 yuan" in parcel and "万元" not in parcel and "亿元" not in parcel
    assert "Test A" in parcel
    matching = client.get("/land/matching?min_area=1&area_unit=ha&lang=en").get_data(as_text=True)
    assert f'<td title="{A}">Test A</td>' in matching and f"<td>{A}</td>" not in matching


def test_references_are_links_and_short_drill_down_cells_stay_on_one_line(client, ids, login, session):
    from sqlalchemy import text

    from tests.integration import rollup_data

    projects = rollup_data.load(session)
    session.execute(text("INSERT INTO project_parcels (project_id, parcel_id) VALUES (:p, :q)"),
                    {"p": projects["P1"], "q": ids["P1"]})
    session.execute(text("INSERT INTO parcel_outputs (parcel_id, year, output_wan_yuan) VALUES (:p, 2017, 25000)"),
                    {"p": ids["P2"]})
    login("planner")
    drill = client.get("/rollups/projects?year=2013&kind=structural_adjustment").get_data(as_text=True)
    assert f'<td class="nowrap what"><a href="/projects/{projects["P1"]}">P1</a></td>' in drill
    assert '<div class="table-scroll" tabindex="0" role="region" aria-label="汇总所含项目"><table class="data compact projects cards">' in drill
    # the one-line rule is app.css's, which every page links (tables.css repeated it)
    assert re.search(r"^\.nowrap\b.*white-space: nowrap", (Path(client.application.static_folder) / "css" / "app.css").read_text(), re.M)
    assert "css/tables.css" not in drill
    # a kind may wrap after its punctuation (rollups.css: the list fits a laptop), a status stays whole
    assert '<td class="nowrap">已核定</td>' in drill and '<td class="kind"><span class="kind-name">产业结构调整（淘汰落后产能）</span></td>' in drill
    freed = client.get("/land/freed?sort=code").get_data(as_text=True)
    assert f'<a href="/projects/{projects["P1"]}">P1</a>' in freed
    output = client.get("/land/output?year=2017&level=parcel").get_data(as_text=True)
    assert f'<a href="/land/parcels/{ids["P2"]}">T-P2</a>' in output


def test_every_equal_value_total_says_how_many_projects_lack_one(client, login, session):
    from sqlalchemy import text

    from tests.integration import rollup_data

    rollup_data.load(session)  # P10 (motor upgrade, 310112) has no equal value
    session.execute(text("UPDATE projects SET savings_tce_equal_value = NULL WHERE reference = 'P4'"))
    login("planner")
    html = client.get("/rollups?year=2013").get_data(as_text=True)
    by_kind = html.split("<h2>分类</h2>")[1].split("</table>")[0]
    motors = by_kind.split("高效电机推广")[1].split("</tr>")[0]  # P4 and P10: neither has an equal value
    assert "—" in motors and "其中 2 个项目缺等价值" in motors and not re.search(r">0\.0+<", motors)  # not a 0.00 figure
    total = by_kind.split('class="total"')[1]
    assert "其中 2 个项目缺等价值" in total
    by_district = html.split("<h2>分区</h2>")[1].split('<table class="data figures by-district">')[1].split("</table>")[0]
    minhang = by_district.split("闵行区")[1].split("</tr>")[0]
    assert "其中 2 个项目缺等价值" in minhang and "180.0" in minhang
    pudong = by_district.split("浦东新区")[1].split("</tr>")[0]
    assert "缺等价值" not in pudong
    trend = html.split("<h2>历年趋势</h2>")[1].split("</svg>")[0]
    assert "等价值 *" in trend and "部分项目没有等价值，按 0 计。" in trend
    assert "2013 · 等价值：" in trend and "（其中 2 个项目缺等价值）" in trend and "(其中" not in trend


def test_labels_before_a_value_end_in_the_language_s_colon(client, login, session, ids):
    # "下载: Excel", "统计口径: …", "年度: 2013": an English colon in Chinese text.
    from tests.integration import rollup_data

    rollup_data.load(session)
    login("admin")
    pages = {"/rollups?year=2013": ("数据截至：", "统计口径：", "下载："), "/land/freed": ("下载：",),
             "/targets?year=2013": ("年度：",)}
    for path, labels in pages.items():
        text = re.sub(r"<[^>]+>", "", client.get(path).get_data(as_text=True))
        assert all(label in text and label.replace("：", ": ") not in text for label in labels), path
    english = re.sub(r"<[^>]+>", "", client.get("/rollups?year=2013&lang=en").get_data(as_text=True))
    assert "Download:" in english and "Counting rule:" in english


def test_the_trace_says_which_ledger_and_which_motor_group_each_input_belongs_to(client, login, districts):
    """Before and after lines both read "电力 2,000 MWh" / "电力 1,500 MWh": the reviewer could not tell them apart."""
    import json

    login("district_staff", "310115")
    measured = {"kind": "contract_energy_management", "year": 2013, "method": "measured", "emc_model": "shared_savings",
                "energy_before": [{"energy": "electricity", "quantity": 2000, "unit": "MWh"}],
                "energy_after": [{"energy": "electricity", "quantity": 1500, "unit": "MWh"}]}
    two_groups = {"kind": "motor_upgrade", "year": 2013, "motors": [
        {"count": 1, "rated_kw": 55, "load_factor": 0.75, "hours_per_year": 6000, "efficiency_before": 0.921,
         "efficiency_after": 0.946}] * 2}
    pages = []
    for kind, inputs in (("contract_energy_management", measured), ("motor_upgrade", two_groups)):
        response = client.post("/projects/new", data=form(kind=kind, inputs=json.dumps(inputs), new_parcels="[]"))
        assert response.status_code == 302, response.get_data(as_text=True)[:2000]
        pages.append(section(client.get(response.headers["Location"]).get_data(as_text=True), "trace"))
    inputs = pages[0].split(" 折标系数")[0]
    assert re.search(r"改造前（基准期） 电力 2,000 兆瓦时 改造后（报告期） 电力 1,500 兆瓦时", inputs), inputs
    inputs = pages[1].split(" 折标系数")[0]
    assert re.search(r"第 1 组电机 电机台数 1 .* 第 2 组电机 电机台数 1 ", inputs), inputs
    factors = pages[0].split(" 折标系数")[1].split(" 计算步骤")[0]  # electricity's two factors, each with its basis
    assert re.search(r"电力 · 当量值 0.1229 千克标准煤/千瓦时 .* 电力 · 等价值 0.321 千克标准煤/千瓦时", factors), factors


def test_the_parcels_of_a_project_show_their_land_use_by_name(client, project_url):
    parcels = re.search(r"<h2>地块</h2>(.*?)</section>", client.get(project_url).get_data(as_text=True), re.S).group(1)
    assert ">二类工业用地（M2）</span></td>" in parcels and "<td>M2</td>" not in parcels


def test_an_amount_not_given_is_a_dash_without_a_unit(client, project_url):
    facts = client.get(project_url).get_data(as_text=True).split("<h2>项目</h2>")[1].split("</dl>")[0]
    assert "120.00&nbsp;万元" in facts  # the form's investment, to 0.01 万元 as the rollup and its workbook
    assert "万元" not in facts.split("申请补贴")[1].split("</dd>")[0]  # none was requested: — alone, not "— 万元"


# Numbers and dates in the reader's format in a history too: 2017年9月16日 / Sep 16, 2017, figures
# rounded as the project page rounds them (a correction's savings showed every digit the engine kept).
def _project_id(url: str) -> int:
    return int(re.search(r"/projects/(\d+)", url).group(1))


def _record_change(session, project_id: int) -> None:
    """A correction as the audit log keeps it: exact decimal strings, ISO days."""
    audit.record(session, Actor(None, "reviewer", "city_reviewer"), "correct", "project", project_id,
                 {"savings_tce": "0.872812345678", "completed_on": "2017-09-16"},
                 {"savings_tce": "1234.5678901234", "completed_on": "2017-10-30"}, note="re-measured")
    session.flush()


def test_history_rounds_savings_as_the_project_page_and_dates_in_chinese(client, session, project_url):
    _record_change(session, _project_id(project_url))
    history = section(client.get(project_url).get_data(as_text=True), "history")
    assert "0.87 吨标准煤" in history and "1,234.57 吨标准煤" in history
    assert "0.872812" not in history and "1234.5678" not in history
    assert "2017年9月16日" in history and "2017年10月30日" in history and "2017-09-16" not in history


def test_history_dates_and_figures_in_english(client, session, project_url):
    _record_change(session, _project_id(project_url))
    history = section(client.get(project_url + "?lang=en").get_data(as_text=True), "history")
    assert "1,234.57 tce" in history and "Sep 16, 2017" in history and "Oct 30, 2017" in history


def test_a_list_of_changed_inputs_is_written_with_the_chinese_list_comma(client, project_url):
    history = section(client.get(project_url).get_data(as_text=True), "history")
    assert "变更：项目类型、年度、电机组" in history
    english = section(client.get(project_url + "?lang=en").get_data(as_text=True), "history")
    assert re.search(r"changed: [^,]+, [^,]+, ", english)


def test_the_factor_table_keeps_an_energy_and_its_basis_on_one_line(client, project_url):
    # 电力 · 当量值 wrapped one character a line beside the long source column.
    factors = re.search(r"<table class=\"data compact cards factors\"><tbody><tr><td([^>]*)>电力 · 当量值</td>.*?<td([^>]*)>千克标准煤/千瓦时</td>",
                        client.get(project_url).get_data(as_text=True), re.S)
    # (on a phone, a card whose energy is a line of its own: class "what whole")
    assert factors and factors.group(1) == ' class="nowrap what whole"' and factors.group(2) == ' class="nowrap"'


@pytest.mark.parametrize("lang, labels", [
    ("zh_Hans_CN", ["计划完成日期", "完成日期", "核定日期"]), ("en", ["Planned completion", "Completed on", "Verified on"])])
def test_the_projects_dates_are_named_as_dates_not_as_its_statuses(client, project_url, lang, labels):
    """已完成 and 已核定 are statuses (the badge beside the title says them); the facts give days."""
    html = client.get(f"{project_url}?lang={lang}").get_data(as_text=True)
    facts = re.findall(r"<dt>([^<]+)</dt><dd>[^<]*</dd>", html)
    assert [f for f in facts if f in labels + ["已完成", "已核定", "Completed", "Verified", "计划完成"]] == labels
