"""Units on the pages: words in Chinese (千瓦时, 千瓦, 千克标准煤/千瓦时), symbols in English — never a
symbol beside a word (11.62 吨标准煤 … 94,522 kWh). The trace's formulas keep their symbols, digits grouped."""
from __future__ import annotations

import json
import re

from tests.web.page_text import section
from tests.web.project_form import form

SYMBOL = re.compile(r"(?<![\w/^])(kWh|kW|MWh|kgce|tce|kg|t|h)(?![\w])")


def _facts(html: str) -> str:
    return re.sub(r"<[^>]+>", " ", html.split("<dl class=\"facts\">")[1].split("</dl>")[0])


def _outside_formulas(trace_html: str) -> str:
    """The trace's text without its formulas (<code>) and the factors' sources (reference data as the
    administrators wrote it, bilingual): what the page writes in words."""
    return re.sub(r"<code>.*?</code>|<td class=\"muted prose[^\"]*\">.*?</td>", " ", trace_html, flags=re.S)


def _trace_html(html: str) -> str:
    return re.search(r'<section class="card trace">(.*?)</section>', html, re.S).group(1)


def test_a_chinese_project_page_names_every_unit_in_words(client, project_url):
    html = client.get(project_url).get_data(as_text=True)
    facts = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", _facts(html)).replace("&nbsp;", " "))
    assert "节电量 7,102 千瓦时" in facts, facts
    assert "电机装机功率 55.0 千瓦（其中再制造 0.0 千瓦）" in facts, facts
    trace = section(html, "trace")
    assert re.search(r"额定功率 55 千瓦 .*年运行小时数 6,000 小时", trace), trace
    assert "0.1229 千克标准煤/千瓦时" in trace and "= 7,102 千瓦时" in trace
    words = re.sub(r"<[^>]+>", " ", _outside_formulas(_trace_html(html)))
    found = SYMBOL.search(words)
    assert not found, words[max(found.start() - 120, 0):found.end() + 40]


def test_an_english_project_page_keeps_the_symbols(client, project_url):
    html = client.get(project_url + "?lang=en").get_data(as_text=True)
    facts = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", _facts(html)).replace("&nbsp;", " "))
    assert "7,102 kWh" in facts and "55.0 kW (of which remanufactured 0.0 kW)" in facts, facts
    trace = section(html, "trace")
    assert "0.1229 kgce/kWh" in trace and re.search(r"Rated power 55 kW .*6,000 h", trace, re.I), trace


def test_the_formulas_keep_symbols_with_their_digits_grouped(client, project_url):
    formulas = re.findall(r"<code>(.*?)</code>", _trace_html(client.get(project_url).get_data(as_text=True)), re.S)
    motor = next(f for f in formulas if "(1/0.921" in f)
    assert "55 kW × 0.75 × 6,000 h × (1/0.921 − 1/0.946)" in motor, motor
    assert any("7,101.7" in f and "kWh × 0.1229 kgce/kWh ÷ 1,000" in f for f in formulas), formulas
    assert not any(re.search(r"\d{4}", re.sub(r"\.\d+", "", f)) for f in formulas), formulas


def test_an_intensity_unit_is_named_in_words_on_each_side(client, login, project_url):
    inputs = {"kind": "technical_retrofit", "year": 2013, "method": "intensity", "intensity_before": 1.2,
              "intensity_after": 1.0, "intensity_unit": "kgce/万元", "output_reporting": 5000}
    response = client.post("/projects/new", data=form(kind="technical_retrofit", inputs=json.dumps(inputs),
                                                      new_parcels="[]"))
    assert response.status_code == 302, response.get_data(as_text=True)[:2000]
    url = response.headers["Location"]
    trace = section(client.get(url).get_data(as_text=True), "trace")
    assert "1.2 千克标准煤/万元" in trace and "5,000 万元" in trace, trace
    english = section(client.get(url + "?lang=en").get_data(as_text=True), "trace")
    assert "1.2 kgce/10k yuan" in english and "5,000 10k yuan" in english, english


def test_the_motor_power_targets_are_in_kilowatts_by_name(client, login, session):
    from tests.integration import rollup_data

    rollup_data.load(session)
    rollup_data.add_target(session, "motor_kw", "2000000", "kW")
    login("admin")
    for path in ("/rollups?year=2013", "/targets?year=2013"):
        text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", client.get(path).get_data(as_text=True)))
        assert "（千瓦）" in text and "kW" not in text, path
    english = re.sub(r"<[^>]+>", "", client.get("/rollups?year=2013&lang=en").get_data(as_text=True))
    assert "(kW)" in english or "（kW）" in english


def test_the_rollup_drill_down_groups_the_digits_of_a_formula_as_the_project_page(client, login, session):
    from sqlalchemy import text

    from registry.services import savings
    from tests.integration import rollup_data

    rollup_data.load(session)
    result = savings.compute(session, {
        "kind": "technical_retrofit", "year": 2013, "method": "ipmvp_b",
        "energy_before": [{"energy": "electricity", "quantity": "1492.6", "unit": "10^4 kWh"}],
        "energy_after": [{"energy": "electricity", "quantity": "622.2", "unit": "10^4 kWh"}]})
    session.execute(text("UPDATE projects SET savings_trace = CAST(:trace AS jsonb) WHERE reference = 'P2'"),
                    {"trace": json.dumps(savings.stored_trace(result))})
    login("planner")
    html = client.get("/rollups/projects?year=2013&rule=verified&kind=technical_retrofit").get_data(as_text=True)
    assert "<code>1,834.4054 − 764.6838</code>" in html, re.findall("<code>.*?</code>", html)
    # the result with its unit, as the project page shows it (not a bare "= 1,069.72")
    assert re.search(r"</code> = <span class=\"nowrap\"><span class=\"num\" title=\"[\d.]+\">1,069.72</span>&nbsp;吨标准煤</span>",
                     html), re.findall("</code> = .{0,120}", html)


def test_a_history_shows_an_amount_with_its_unit_as_the_project_page(client, session, project_url):
    from registry.domain.permissions import Actor
    from registry.services import audit

    project_id = int(re.search(r"/projects/(\d+)", project_url).group(1))
    audit.record(session, Actor(None, "pudong", "district_staff"), "update", "project", project_id,
                 {"investment_wan_yuan": "120"}, {"investment_wan_yuan": "1234.56"})
    session.flush()
    history = section(client.get(project_url).get_data(as_text=True), "history")
    # to 0.01 万元, as the project page, the rollup and its workbook (presentation.PLACES)
    assert "120.00 万元" in history and "1,234.56 万元" in history, history
    english = section(client.get(project_url + "?lang=en").get_data(as_text=True), "history")
    assert "120.00 10k yuan" in english and "1,234.56 10k yuan" in english, english


def test_a_figure_keeps_its_unit_on_its_line(client, project_url):
    # 56,768 千瓦 | 时: a unit in words broke between its characters at the end of a step's line.
    steps = re.search(r'<ol class="steps">(.*?)</ol>', client.get(project_url).get_data(as_text=True), re.S).group(1)
    assert re.search(r'<span class="nowrap"><span class="num" title="7101\.[\d]+">7,102</span>&nbsp;千瓦时</span>', steps), steps


def _ten_thousand_kwh_project(client) -> str:
    inputs = {"kind": "technical_retrofit", "year": 2013, "method": "measured",
              "energy_before": [{"energy": "electricity", "quantity": "848", "unit": "10^4 kWh"}],
              "energy_after": [{"energy": "electricity", "quantity": "622.2", "unit": "10^4 kWh"}]}
    response = client.post("/projects/new", data=form(kind="technical_retrofit", inputs=json.dumps(inputs),
                                                      new_parcels="[]"))
    assert response.status_code == 302, re.findall(r'class="field-error[^>]*>(.*?)<', response.get_data(as_text=True))
    return response.headers["Location"]


def _text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html).replace("&nbsp;", " "))


def test_a_quantity_in_ten_thousand_kwh_reads_as_one_figure_in_english(client, project_url):
    url = _ten_thousand_kwh_project(client)
    english = _trace_html(client.get(url + "?lang=en").get_data(as_text=True))
    assert "<code>848 × 10⁴ kWh = 8,480,000 kWh;" in english, re.findall("<code>.*?</code>", english)
    assert re.search(r"Electricity 848 × 10⁴ kWh ", _text(english)), _text(english)
    assert "10^4" not in english and not re.search(r"\d 10⁴", english)
    # Chinese names the unit in words after the figure, as before; the formula keeps its symbols
    chinese = _trace_html(client.get(url + "?lang=zh_Hans_CN").get_data(as_text=True))
    assert re.search(r"电力 848 万千瓦时 ", _text(chinese)), _text(chinese)
    assert "<code>848 × 10⁴ kWh = 8,480,000 kWh;" in chinese and "10^4" not in chinese


def test_an_input_of_the_trace_stands_beside_its_unit(client, project_url):
    # a column of units at the table's far edge read 848 … 万千瓦时 apart
    url = _ten_thousand_kwh_project(client)
    for lang, unit in (("zh_Hans_CN", "万千瓦时"), ("en", "× 10⁴ kWh")):
        trace = _trace_html(client.get(f"{url}?lang={lang}").get_data(as_text=True))
        cell = re.search(r"<td>(<span class=\"nowrap\"><span class=\"num\"[^>]*>848</span>.*?)</td>", trace)
        assert cell and cell.group(1).endswith(f"&nbsp;{unit}</span>"), (lang, cell)
        assert trace.count("<td>") == 2 * len(re.findall(r"<tr><td>", trace)), lang  # label and value: no unit column


def test_a_projects_parcels_name_hectares_in_words_and_keep_their_codes_whole(client, project_url):
    # the parcels table wrote "ha" on the Chinese page, and broke a code at its hyphen (SH-310115- | 000682)
    for lang, unit in (("zh_Hans_CN", "公顷"), ("en", "ha")):
        html = client.get(f"{project_url}?lang={lang}").get_data(as_text=True)
        row = re.search(r'<td class="nowrap what"><a href="/land/parcels/\d+"><code>[^<]+</code></a></td>'
                        r'<td class="area whole" [^>]*>(.+?)</td>', html)
        # each figure with its unit on one line: 1.55 公顷, never 1.55 / 公顷
        assert row and re.search(rf'<span class="nowrap">[^<]+ {unit}</span>$', row.group(1)), (lang, row)


def test_area_units_are_the_symbols_m2_and_km2_on_a_chinese_page_as_in_its_headers(client, ids, login):
    # The freed-land page offered 平方米 as a unit beside its totals' 面积（m²）.
    login("planner")
    for url in ("/land/matching", "/land/freed"):
        html = client.get(url).get_data(as_text=True)
        units = re.findall(r'<option value="(m2|mu|ha)"[^>]*>([^<]*)</option>', html)
        assert units == [("m2", "m²"), ("mu", "亩"), ("ha", "公顷")], (url, units)
        assert "平方米" not in html, url
    assert "面积（m²）" in html
