"""POST /api/v1/savings/preview: same numbers as the engine, 422 naming the field otherwise."""
from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def signed_in(login):
    login("district_staff", "310115")

MOTOR_WORKED_EXAMPLE = {
    "kind": "motor_upgrade", "year": 2013,
    "motors": [{"count": 1, "rated_kw": 55, "load_factor": 0.75, "hours_per_year": 6000,
                "efficiency_before": 0.921, "efficiency_after": 0.946, "remanufactured": False}],
}


def test_preview_reproduces_the_motor_worked_example(client):
    response = client.post("/api/v1/savings/preview", json=MOTOR_WORKED_EXAMPLE)
    assert response.status_code == 200, response.get_data(as_text=True)
    body = response.get_json()
    # DOMAIN.md §4.3: ΔkWh = 41.25 × 6000 × (1/0.921 − 1/0.946) ≈ 7,102 kWh → 0.873 tce (当量)
    assert round(body["savings_kwh"]) == 7102
    assert round(body["savings_tce"], 3) == 0.873
    # 2013 等价值 seeded at 0.321 kgce/kWh: 7,102 × 0.321 / 1000 ≈ 2.28 tce
    assert round(body["savings_tce_equal_value"], 2) == 2.28
    assert body["installed_kw"] == 55
    assert body["trace"]


def test_preview_has_no_equal_value_for_a_year_without_one(client):
    doc = MOTOR_WORKED_EXAMPLE | {"year": 2014}
    body = client.post("/api/v1/savings/preview", json=doc).get_json()
    assert body["savings_tce_equal_value"] is None


@pytest.mark.parametrize("doc, field", [
    ({"kind": "motor_upgrade", "year": 2013, "motors": [{**MOTOR_WORKED_EXAMPLE["motors"][0], "efficiency_after": 1.2}]},
     "motors[0].efficiency_after"),
    ({"kind": "boiler_replacement", "year": 2014,
      "energy_before": [{"energy": "raw_coal", "quantity": 1200, "unit": "kWh"}],
      "energy_after": [{"energy": "natural_gas", "quantity": 85, "unit": "10^4 m3"}]},
     "energy_before[0].unit"),
    ({"kind": "structural_adjustment", "year": 2013, "baseline_year": 2012,
      "energy_use": [{"energy": "raw_coal", "quantity": -5, "unit": "t"}]},
     "energy_use[0].quantity"),
])
def test_preview_rejects_bad_input_with_problem_json_naming_the_field(client, doc, field):
    response = client.post("/api/v1/savings/preview", json=doc)
    assert response.status_code == 422
    assert response.mimetype == "application/problem+json"
    assert field in response.get_json()["errors"]


def test_preview_rejects_a_body_that_is_not_json(client):
    response = client.post("/api/v1/savings/preview", data="not json", content_type="text/plain")
    assert response.status_code == 415
    malformed = client.post("/api/v1/savings/preview", data="not json", content_type="application/json")
    assert malformed.status_code == 400 and malformed.get_json()["detail"] == "JSON 格式错误：位于第 1 行第 1 列"
    array = client.post("/api/v1/savings/preview", json=[])
    assert array.status_code == 422 and "body" in array.get_json()["errors"]


@pytest.mark.parametrize("lang, said", [
    ("zh", "未知的能源品种“natual_gas”，是否指天然气（natural_gas）？本系统计入的全部能源品种及其折标系数见“折标系数与等价值”页面"),
    ("en", "unknown energy “natual_gas”: did you mean Natural gas (natural_gas)? Every energy the registry counts is "
           "listed, with its factor, on the page “Factors and equal values”"),
])
def test_preview_names_an_unknown_energys_nearest_and_the_reference_page_not_all_sixteen(client, lang, said):
    """Shown under the wizard's savings preview, the refusal had listed every energy with its code."""
    doc = {"kind": "structural_adjustment", "year": 2013, "baseline_year": 2012,
           "energy_use": [{"energy": "natual_gas", "quantity": 5, "unit": "10^4 m3"}]}
    response = client.post(f"/api/v1/savings/preview?lang={lang}", json=doc)
    assert response.status_code == 422
    assert response.get_json()["errors"] == {"energy_use[0].energy": said}
