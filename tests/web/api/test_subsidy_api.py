"""A project's API answer carries its subsidy estimate (补贴测算) in the client's language."""
from __future__ import annotations

from tests.web.api.conftest import PROJECT

# 2,000 → 1,500 MWh in 2017: 154.5 tce at that year's 等价值 (0.309 kgce/kWh)
RETROFIT = {"kind": "technical_retrofit", "year": 2017, "method": "measured",
            "energy_before": [{"energy": "electricity", "quantity": 2000, "unit": "MWh"}],
            "energy_after": [{"energy": "electricity", "quantity": 1500, "unit": "MWh"}]}


def test_a_retrofit_answers_its_estimate_and_a_motor_upgrade_none(client, pudong):
    body = PROJECT | {"kind": "technical_retrofit", "year": 2017, "inputs": RETROFIT, "investment_wan_yuan": 20,
                      "subsidy_requested_wan_yuan": 9}
    created = client.post("/api/v1/projects", json=body, headers=pudong | {"Accept-Language": "en"}).get_json()
    subsidy = created["subsidy"]
    # 154.5 × 600 / 10,000 = 9.27 万元, capped at 30 % of the 20 万元 invested: 6 万元
    assert subsidy["amount_wan_yuan"] == 6 and subsidy["savings_tce"] == 154.5
    assert [(s["label"], s["value"]) for s in subsidy["steps"]] == [
        ("Savings × rate", 9.27), ("Capped at a share of the investment", 6)]
    assert subsidy["rule"] | {"source": None} == {
        "kind": "technical_retrofit", "emc_model": None, "first_year": 2017, "yuan_per_tce": 600,
        "min_savings_tce": None, "cap_wan_yuan": 500, "cap_investment_share": 0.3, "basis": "equal_value",
        "source": None}
    assert subsidy["rule"]["source"] == "SHEITC 2017 No. 220 (to be verified)" and subsidy["pending"] is None
    chinese = client.get(f"/api/v1/projects/{created['id']}", headers=pudong).get_json()["subsidy"]
    assert chinese["steps"][1]["label"] == "按总投资比例上限" and chinese["rule"]["source"].startswith("沪经信法")
    motors = client.post("/api/v1/projects", json=PROJECT | {"new_parcels": []}, headers=pudong).get_json()
    assert motors["subsidy"] is None


def test_a_year_without_its_equal_value_answers_what_the_estimate_waits_for(client, pudong):
    body = PROJECT | {"kind": "technical_retrofit", "year": 2018, "inputs": RETROFIT | {"year": 2018}}
    subsidy = client.post("/api/v1/projects", json=body, headers=pudong).get_json()["subsidy"]
    assert subsidy["amount_wan_yuan"] is None and subsidy["pending"] == "录入该年度电力等价值后测算补贴。"
