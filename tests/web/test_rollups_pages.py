"""Rollup pages and the API through the Flask client (the targets page: test_targets_pages.py)."""
from __future__ import annotations

import io
import re

from openpyxl import load_workbook
from sqlalchemy import text

from registry.web.charts import DRAWINGS
from tests.integration import rollup_data
from tests.web.page_text import text_of
from tests.web.report_cells import as_excel_shows, body_rows as _body_rows


def test_dashboard_shows_progress_with_drill_down_links(client, login, session):
    rollup_data.load(session)
    rollup_data.add_target(session, "retrofit_savings_tce", "400", "tce")
    login("planner")
    response = client.get("/rollups?year=2013")
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "年度汇总" in html and "<svg" in html and "节能量" in html
    assert "/rollups/projects?year=2013" in html and "kind=technical_retrofit" in html
    assert "所选范围内暂无计入项目" not in html
    drill = client.get("/rollups/projects?year=2013&rule=verified&kind=technical_retrofit")
    assert drill.status_code == 200 and "P2" in drill.get_data(as_text=True)


def test_the_dashboard_opens_on_the_latest_year_with_data_not_an_empty_last_year(client, login, session):
    rollup_data.load(session)  # counted (verified) in 2012, 2013 and 2014; today is years later
    login("planner")
    html = client.get("/rollups").get_data(as_text=True)
    assert '<option value="2014" selected' in html and "所选范围内暂无计入项目" not in html
    rollup_data.add_target(session, "retrofit_savings_tce", "400", "tce", year=2015)  # a year with targets
    assert '<option value="2015" selected' in client.get("/rollups").get_data(as_text=True)


def test_the_dashboard_opens_on_the_programme_year_not_on_its_stragglers(client, login, session):
    # The demo opened on 2018: four projects of 2017 verified in January, no target. A leader
    # expects the latest year with a plan and counted projects (here 2013, plans 2013 and 2016).
    rollup_data.load(session)  # counted (verified) in 2012, 2013 and 2014
    rollup_data.add_target(session, "retrofit_savings_tce", "400", "tce", year=2013)
    rollup_data.add_target(session, "retrofit_savings_tce", "400", "tce", year=2016)  # nothing counted yet
    rollup_data.add_target(session, "structural_adjustment_projects", "9", "项", year=2014, kind="actual")
    login("city_reviewer")
    assert '<option value="2013" selected' in client.get("/rollups").get_data(as_text=True)


def test_a_year_with_nothing_counted_says_so_in_charts_and_table(client, login, session):
    rollup_data.load(session)
    login("planner")
    html = client.get("/rollups?year=2009").get_data(as_text=True)
    # The district chart (its text and its accessible label, in each of its six drawings), the kind and
    # the district tables, and the progress panel (no target either: no table of dashes); the trend
    # across years still draws 2013.
    assert html.count("所选范围内暂无计入项目") == 2 * len(DRAWINGS) + 3 and "<polyline" in html


def test_bad_parameters_are_said_on_the_page_and_refuse_a_download(client, login):
    """A page shows what the rest of its address asks for and says the value it could not use
    (tests/web/test_refused_filters.py); a download makes no file (422)."""
    login("planner")
    for url, said in (("/rollups?year=abc", "year：必须是数字，实际为“abc”"),
                      ("/rollups?as_of=31/12/2013", "as_of：必须是 YYYY-MM-DD 格式的日期或 ISO 8601 时间，实际为“31/12/2013”"),
                      ("/rollups?rule=all", "rule：未知取值“all”（可选：verified、completed）"),
                      ("/rollups/projects?kind=x", "kind：未知取值“x”（可选："),
                      ("/rollups/projects?page=two", "page：必须是整数，实际为“two”")):
        response = client.get(url)
        assert response.status_code == 200 and said in text_of(response.get_data(as_text=True)), url
    for url in ("/rollups/export?format=pdf", "/rollups/export?year=abc", "/rollups/projects/export?kind=x"):
        assert client.get(url).status_code == 422, url
    api = client.get("/api/v1/rollups?year=2013&as_of=nope")
    assert api.status_code == 422 and api.mimetype == "application/problem+json"
    assert "as_of" in api.get_json()["errors"]


def test_api_returns_the_rollup_as_json(client, login, session):
    rollup_data.load(session)
    login("planner")
    body = client.get("/api/v1/rollups?year=2013&district=310115").get_json()
    assert body["totals"]["project_count"] == 2 and body["totals"]["savings_tce"] == 1200
    assert body["district_code"] == "310115"


def test_export_downloads_xlsx_and_frozen_report_after_closing(client, login, session):
    rollup_data.load(session)
    login("admin")
    xlsx = client.get("/rollups/export?year=2013&format=xlsx")
    assert xlsx.status_code == 200 and "attachment" in xlsx.headers["Content-Disposition"]
    assert load_workbook(io.BytesIO(xlsx.data)).worksheets[2].max_row == 1 + 6 + 1  # 分类: every kind (boilers at 0) and the total
    assert client.get("/rollups/export?year=2013&format=xlsx&frozen=1").status_code == 404
    closed = client.post("/rollups/close", data={"year": "2013", "rule": "verified"})
    assert closed.status_code == 302
    first = client.get("/rollups/export?year=2013&format=xlsx&frozen=1").data
    session.execute(text("UPDATE projects SET savings_tce = 999 WHERE reference = 'P2'"))
    assert client.get("/rollups/export?year=2013&format=xlsx&frozen=1").data == first
    html = client.get("/rollups?year=2013").get_data(as_text=True)
    assert "冻结" in html and "999" in html


def test_the_workbook_formats_each_target_by_its_metric_and_names_methods(client, login, session):
    rollup_data.load(session)
    rollup_data.add_target(session, "projects_total", "120", "项")
    rollup_data.add_target(session, "energy_intensity_reduction_pct", "3.5", "%")
    session.execute(text("UPDATE projects SET savings_method = 'measured' WHERE reference = 'P2'"))
    login("planner")
    book = load_workbook(io.BytesIO(client.get("/rollups/export?year=2013&format=xlsx").data))
    summary = {row[0].value: row for row in book.worksheets[0].iter_rows(min_row=2)}
    # targets as entered (120 projects, not 120.00; 3.5 %), the column's points aligned (120 keeps room
    # for 3.5's ".5"); an actual to its unit's places (% to 0.1)
    projects_target, percent_target = summary["项目（全部类型）"][3], summary["单位增加值能耗下降"][3]
    assert (projects_target.number_format, percent_target.number_format) == ("#,##0_._0", "#,##0.0")
    assert as_excel_shows(projects_target.value, projects_target.number_format) == "120"
    assert summary["单位增加值能耗下降"][5].number_format.startswith("#,##0.0")
    projects = {row[0].value: row[-2].value for row in book["项目"].iter_rows(min_row=2)}
    assert projects["P2"] == "改造前后实测"  # not the code 'measured'


def test_the_dashboard_and_the_workbook_say_which_documents_the_targets_come_from(client, login, session):
    # A leader saw 目标 500 with no word of where it came from; only the targets page (administrators) said.
    rollup_data.load(session)
    plan = "《上海市经济和信息化委员会2013年工作要点》"
    rollup_data.add_target(session, "retrofit_savings_tce", "400000", "tce", source=plan)
    rollup_data.add_target(session, "emc_projects", "200", "项", source=plan)
    rollup_data.add_target(session, "online_monitoring_enterprises", "180", "家", kind="actual", source="市节能监察中心")
    rollup_data.add_target(session, "emc_projects", "150", "项", year=2014, source="另一年的文件")
    login("planner")
    html = client.get("/rollups?year=2013").get_data(as_text=True)
    assert f"目标来源：{plan}；市节能监察中心" in html and "另一年的文件" not in html
    book = load_workbook(io.BytesIO(client.get("/rollups/export?year=2013&format=xlsx").data))
    about = {row[0].value: row[1].value for row in book["说明"].iter_rows(min_row=2)}
    assert about["目标来源"] == f"{plan}；市节能监察中心"


def test_a_metric_names_its_unit_once(client, login, session):
    # The km² metric's name carried its unit and the row added it again: 产业结构调整腾出土地（km²） （km²）.
    rollup_data.load(session)
    login("admin")
    for path in ("/rollups?year=2013", "/targets?year=2013"):
        text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", client.get(path).get_data(as_text=True)))
        assert "产业结构调整腾出土地 （km²）" in text or "产业结构调整腾出土地（km²）" in text, path
        assert "（km²） （km²）" not in text and "（km²）（km²）" not in text, path


def test_a_metrics_unit_is_bracketed_in_the_pages_language(client, login, session):
    # The progress table wrote Chinese brackets in both languages: "Projects (all kinds) （projects）".
    rollup_data.load(session)
    login("admin")
    for lang, expected in (("zh", "项目（全部类型）（项）"), ("en", "Projects (all kinds) (projects)")):
        html = client.get(f"/rollups?year=2013&lang={lang}").get_data(as_text=True)
        table = re.search(r'<table class="data progress">(.*?)</table>', html, re.S).group(1)
        text = re.sub(r"<[^>]+>", "", table)
        assert expected in text, lang
    assert "（" not in text and "）" not in text


def test_dashboard_in_english_with_a_percent_unit(client, login, session):
    rollup_data.load(session)
    rollup_data.add_target(session, "energy_intensity_reduction_pct", "1.5", "%")
    login("planner")
    html = client.get("/rollups?year=2013&lang=en&as_of=2013-12-31").get_data(as_text=True)
    assert "Annual rollup 2013" in html and "Reduction of energy use per unit of value added" in html


def test_an_equal_value_row_without_any_value_shows_a_dash_and_leaves_the_report_cells_empty(client, login, session):
    rollup_data.load(session)
    session.execute(text("UPDATE projects SET savings_tce_equal_value = NULL WHERE reference = 'P3'"))  # 2013's one EMC
    rollup_data.add_target(session, "emc_savings_tce", "300", "tce")
    rollup_data.add_target(session, "emc_savings_tce_equal_value", "300", "tce")
    login("planner")
    html = client.get("/rollups?year=2013").get_data(as_text=True)
    progress = html.split('<table class="data progress">')[1].split("</table>")[0]
    equal = [c.strip() for c in progress.split("合同能源管理节能量（等价值）")[1].split("</tr>")[0].split('<td class="')[1:]]
    actual, completion = equal[1], equal[2]
    assert ">—" in actual and "其中 1 个项目缺等价值" in actual and "0.0" not in actual
    assert completion.endswith(">—</td>") and "0.0%" not in completion
    equivalent = progress.split("合同能源管理节能量（当量值）")[1].split("</tr>")[0]
    assert "150.0" in equivalent and "50.0%" in equivalent  # the 当量值 row has its value
    book = load_workbook(io.BytesIO(client.get("/rollups/export?year=2013&format=xlsx").data))
    rows = {r[0]: r for r in book.worksheets[0].iter_rows(min_row=2, values_only=True)}
    assert rows["合同能源管理节能量（等价值）"][5:7] == (None, None)  # actual, completion: empty, as a row without one
    assert rows["合同能源管理节能量（当量值）"][5] == 150
    data = client.get("/rollups/export?year=2013&format=json").get_json()
    (row,) = [p for p in data["progress"] if p["metric"] == "emc_savings_tce_equal_value"]
    assert row["actual"] is None and row["percent"] is None


def _closed_before_2026_12(session, year: int, summaries: dict[str, str]) -> None:
    """Close ``year`` as the registry did before 2026-12: each project's savings summary frozen as
    "formula = value", without its unit (``summaries``: reference → value)."""
    import json

    from registry.domain.rollups import RollupQuery
    from registry.repositories import rollups as repository
    from registry.services.rollup_data import sha256_of, snapshot_of
    from registry.services.rollups import rollup

    as_of = repository.database_now(session)
    snapshot = json.loads(snapshot_of(rollup(session, RollupQuery(year, "verified", as_of), with_projects=True)))
    for line in snapshot["projects"]:
        line["trace_summary"] = f"886.3548 − 764.6838 = {summaries[line['reference']]}" if line["reference"] in summaries else None
    frozen = json.dumps(snapshot, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    assert repository.insert_closure(session, year, "verified", as_of, frozen, sha256_of(frozen), None, None)


def test_a_year_closed_before_units_were_frozen_gives_its_savings_summaries_their_unit(client, login, session):
    rollup_data.load(session)
    # P2 saves 200 tce (当量值) and 260 tce (等价值): a summary of either is in tce; 990000 is the
    # kWh saved that a trace's last step gave before 2026-12-05, whose unit is not guessed
    _closed_before_2026_12(session, 2013, {"P2": "200", "P3": "990000"})
    equal = session.execute(text("SELECT savings_tce_equal_value FROM projects WHERE reference = 'P2'")).scalar_one()
    assert equal == 260
    login("admin")
    book = load_workbook(io.BytesIO(client.get("/rollups/export?year=2013&format=xlsx&frozen=1").data))
    projects = book.worksheets[3]  # 汇总对照目标, 分区, 分类, 项目清单
    summaries = {row[0]: row[-1] for row in projects.iter_rows(min_row=2, values_only=True)}
    assert summaries["P2"] == "886.3548 − 764.6838 = 200.00 tce", summaries  # to 0.01 tce, as the page
    assert summaries["P3"] == "886.3548 − 764.6838 = 990000", summaries


def test_the_district_table_lists_a_district_with_nothing_counted_against_its_own_targets(client, login, session):
    # The chart drew every district, the table only those with projects: a leader looking for the
    # district that had done nothing found it in the chart and not in the table.
    rollup_data.load(session)
    session.execute(text("INSERT INTO districts (code, name_zh, name_en, geom) VALUES ('310118', '青浦区', 'Qingpu', "
                         "ST_Multi(ST_MakeEnvelope(121.0, 31.0, 121.1, 31.1, 4326)))"))
    session.execute(text("INSERT INTO targets (year, scope, district_code, metric, kind, value, unit) VALUES "
                         "(2013, 'district', '310118', 'projects_total', 'plan', 3, '项'), "
                         "(2013, 'district', '310118', 'motor_kw', 'plan', 100, 'kW'), "
                         "(2013, 'district', '310112', 'projects_total', 'plan', 1, '项')"))
    login("planner")
    html = client.get("/rollups?year=2013").get_data(as_text=True)
    table = html[html.index("<h2>分区</h2>"):html.index("各区节能量（地图）")]
    rows = _body_rows(table)
    assert list(rows) == ["闵行区", "浦东新区", "青浦区", "合计"]  # in code order, as the chart; the city's total
    assert rows["青浦区"] == ["0", "0.00", "0.00", "2 项中 2 项落后于进度"]  # nothing done, behind on both
    assert rows["闵行区"][-1] == "1 项中 0 项落后于进度" and rows["浦东新区"][-1] == "—"
    assert "/rollups?year=2013&amp;rule=verified&amp;district=310118" in table
    body = client.get("/api/v1/rollups?year=2013").get_json()
    assert [(d["district_code"], d["project_count"]) for d in body["by_district"]] == [
        ("310112", 4), ("310115", 2), ("310118", 0)]


def test_the_kind_table_lists_a_kind_with_nothing_counted_and_an_empty_year_says_so_once(client, login, session):
    # The district table listed every district, the kind table only the kinds with projects: the
    # programme's boiler replacements, none verified in 2013, were missing rather than 0.
    rollup_data.load(session)
    login("planner")
    html = client.get("/rollups?year=2013").get_data(as_text=True)
    table = html[html.index("<h2>分类</h2>"):html.index("<h2>分区</h2>")]
    rows = _body_rows(table)
    assert list(rows)[:2] == ["产业结构调整（淘汰落后产能）", "燃煤（重油）锅炉清洁能源替代"]  # the programme's order
    assert len(rows) == 6 + 1 and rows["燃煤（重油）锅炉清洁能源替代"] == ["0", "0.00", "0.00", "0.00"]
    assert "kind=boiler_replacement" in table and rows["合计"][0] == "6"
    body = client.get("/api/v1/rollups?year=2013").get_json()
    assert [(k["kind"], k["project_count"]) for k in body["by_kind"]] == [
        ("structural_adjustment", 1), ("boiler_replacement", 0), ("motor_upgrade", 2), ("technical_retrofit", 1),
        ("contract_energy_management", 1), ("cleaner_production", 1)]
    empty = client.get("/rollups?year=2016").get_data(as_text=True)
    table = empty[empty.index("<h2>分类</h2>"):empty.index("<h2>分区</h2>")]
    assert text_of(table[table.index("<tbody>"):]).split() == ["所选范围内暂无计入项目"]  # not six rows of 0
