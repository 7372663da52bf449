"""The project page's 补贴测算 and the reference page's 节能补贴标准 (migration 0033's rules of
DOMAIN.md §6, registry/domain/subsidies.py), in both languages."""
from __future__ import annotations

import json

import pytest

from tests.web.page_text import text_of
from tests.web.project_form import form

pytestmark = pytest.mark.usefixtures("districts")

# 2,000 → 1,500 MWh: 500,000 kWh saved, × 0.309 kgce/kWh (2017's 等价值, migration 0002) = 154.5 tce
SAVED_2017 = {"kind": "technical_retrofit", "year": 2017, "method": "measured",
              "energy_before": [{"energy": "electricity", "quantity": 2000, "unit": "MWh"}],
              "energy_after": [{"energy": "electricity", "quantity": 1500, "unit": "MWh"}]}


def registered(client, kind="technical_retrofit", year=2017, requested="", **inputs) -> str:
    doc = json.dumps(SAVED_2017 | {"kind": kind, "year": year} | inputs)
    response = client.post("/projects/new", data=form(kind=kind, year=str(year), inputs=doc, new_parcels="[]",
                                                      subsidy_requested_wan_yuan=requested))
    assert response.status_code == 302, response.get_data(as_text=True)[:2000]
    return response.headers["Location"]


def test_a_retrofit_shows_its_subsidy_by_the_rule_and_a_request_above_it(client, login):
    login("district_staff", "310115")
    page = registered(client, requested="10")
    text = text_of(client.get(page).get_data(as_text=True))
    # 154.5 tce × 600 元/tce = 9.27 万元; 30 % of the 120 万元 invested (36) does not bind
    assert "补贴测算 规则 600 元/吨标准煤 · 每个项目不超过 500.00 万元 · 不超过总投资的 30 %" in text, text
    assert "计补贴的节能量 154.50 吨标准煤 （等价值）" in text
    assert "测算补贴 9.27 万元 申请补贴 10.00 万元 超过测算金额 批准补贴 —" in text
    assert "节能量 × 单价 ： 154.5 tce × 600 元/tce ÷ 10,000 = 9.27 万元" in text
    english = text_of(client.get(page + "?lang=en").get_data(as_text=True))
    assert "Subsidy estimate Rule 600 yuan/tce · at most 500.00 10k yuan a project" in english, english
    assert "Estimated subsidy 9.27 10k yuan Subsidy requested 10.00 10k yuan more than the estimate" in english
    assert "SHEITC 2017 No. 220 (to be verified)" in english


def test_an_emc_projects_rate_follows_its_contract_model(client, login):
    login("district_staff", "310115")
    text = text_of(client.get(registered(client, "contract_energy_management", emc_model="shared_savings",
                                         requested="12")).get_data(as_text=True))
    # 154.5 × 800 元/tce = 12.36 万元: a request of 12 is within it
    assert "年节能量不少于 50.00 吨标准煤" in text and "测算补贴 12.36 万元 申请补贴 12.00 万元 批准补贴" in text, text
    assert "超过测算金额" not in text


def test_a_year_without_its_equal_value_waits_and_a_kind_without_a_rule_shows_no_estimate(client, login):
    login("district_staff", "310115")
    text = text_of(client.get(registered(client, year=2018)).get_data(as_text=True))
    assert "测算补贴 录入该年度电力等价值后测算补贴。" in text, text
    before_the_rule = text_of(client.get(registered(client, year=2016)).get_data(as_text=True))
    assert "补贴测算" not in before_the_rule and "申请补贴 —" in before_the_rule  # the request stays in 项目
    motors = client.post("/projects/new", data=form(new_parcels="[]", subsidy_requested_wan_yuan="5"))
    assert "补贴测算" not in text_of(client.get(motors.headers["Location"]).get_data(as_text=True))


@pytest.mark.parametrize(("lang", "row"), [
    ("zh", "起始年度 单价 最低年节能量 每个项目上限 上限（占总投资比例） 节能量口径 来源 节能技术改造 — 2017 600 元/吨标准煤 — "
           "500.00 万元 30 % 等价值 沪经信法〔2017〕220号（待核实） 合同能源管理 节能效益分享型 2017 800 元/吨标准煤 50.00 吨标准煤"),
    ("en", "Energy-saving technical retrofit — 2017 600 yuan/tce — 500.00 10k yuan 30 % equal value (等价值) "
           "SHEITC 2017 No. 220 (to be verified)"),
])
def test_the_reference_page_lists_the_subsidy_rules(client, login, lang, row):
    login("planner")
    text = text_of(client.get(f"/reference?lang={lang}").get_data(as_text=True))
    assert row in text, text[text.find("节能补贴标准" if lang == "zh" else "Subsidy rules"):][:900]
