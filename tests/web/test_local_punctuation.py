"""Chinese sentences use Chinese punctuation — label：value, text（note）— also where the page builds
them from parts: chart and map tooltips, the steps of a savings trace. English keeps ": " and " (…)"."""
from __future__ import annotations

import html as markup
import re

from tests.integration import rollup_data
from tests.web.page_text import section


def _titles(html: str) -> list[str]:
    """The tooltips of a page's charts (SVG <title>) and maps (folium's label property)."""
    svg = [markup.unescape(t) for t in re.findall(r"<title>([^<]*)</title>", html)]
    maps = [bytes(t, "ascii").decode("unicode_escape") for t in re.findall(r'"label": "([^"]*)"', html)]
    return svg + maps


def test_rollup_tooltips_use_the_pages_punctuation(client, login, session):
    rollup_data.load(session)
    login("planner")
    chinese = _titles(client.get("/rollups?year=2013").get_data(as_text=True))
    assert chinese and not [t for t in chinese if ": " in t or " (" in t]
    assert any(re.search(r" · 当量值：[\d,.]+ 吨标准煤$", t) for t in chinese)
    assert any(re.search(r"：[\d,.]+ 吨标准煤$", t) and " · " not in t for t in chinese)  # the map's districts
    english = _titles(client.get("/rollups?year=2013&lang=en").get_data(as_text=True))
    assert any(re.search(r" · Equivalent value \(当量值\): [\d,.]+ tce$", t) for t in english)
    assert any(re.search(r" · 等价值：[\d,.]+ 吨标准煤（其中 1 个项目缺等价值）$", t) for t in chinese)


def test_the_overview_map_names_a_district_with_its_code_in_chinese_brackets(client, login, districts):
    login("planner")
    labels = _titles(client.get("/").get_data(as_text=True))
    assert "浦东新区（310115）" in labels and not [t for t in labels if " (" in t]
    assert "Pudong New Area (310115)" in _titles(client.get("/?lang=en").get_data(as_text=True))


def test_trace_steps_join_label_and_formula_with_a_chinese_colon(client, project_url):
    trace = section(client.get(project_url).get_data(as_text=True), "trace")
    assert "节电量 ： 55 kW" in trace or "节电量：" in trace.replace(" ", "")
    assert not re.search(r"[\u4e00-\u9fff）] ?: ", trace)
    english = section(client.get(project_url + "?lang=en").get_data(as_text=True), "trace")
    assert re.search(r"Savings, equal value \(等价值\) : 7,101", english)


def test_a_stale_edit_names_the_changed_fields_in_the_readers_language(client, login, districts):
    # It said （字段：investment_wan_yuan, title）: the columns' codes, joined with an English comma.
    from tests.web.project_form import form

    login("district_staff", "310115")
    edit = client.post("/projects/new", data=form()).headers["Location"] + "/edit"
    version = re.search(r'name="version" value="(\d+)"', client.get(edit).get_data(as_text=True)).group(1)
    changed = form(title="改了名称", investment_wan_yuan="150", new_parcels="[]", version=version)
    assert client.post(edit, data=changed).status_code == 302
    for lang, pattern, separator, names in (("zh", r"（字段：([^）]*)）", "、", {"项目名称", "投资", "地块"}),
                                            ("en", r"\(fields: ([^)]*)\)", ", ", {"Project name", "Investment", "Parcels"})):
        response = client.post(f"{edit}?lang={lang}", data=form(title="我的名称", new_parcels="[]", version=version))
        fields = re.search(pattern, markup.unescape(response.get_data(as_text=True)))
        assert response.status_code == 409 and fields, lang
        assert set(fields.group(1).split(separator)) == names, fields.group(1)


def test_the_target_forms_metrics_name_their_unit_in_the_pages_brackets(client, login, districts):
    login("admin")
    pattern = r'<select name="metric">(.*?)</select>'
    chinese = re.findall(r">([^<]+)</option>", re.search(pattern, client.get("/targets").get_data(as_text=True), re.S)[1])
    english = re.findall(r">([^<]+)</option>", re.search(pattern, client.get("/targets?lang=en").get_data(as_text=True),
                                                           re.S)[1])
    assert "节能量合计（当量值）（吨标准煤）" in chinese and all(o.endswith("）") for o in chinese), chinese
    assert any(o.endswith(" (tce)") for o in english) and not [o for o in english if "（" in o or "）" in o], english
