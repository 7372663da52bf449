"""A contract-energy-management project names its EMC model (节能效益分享型 / 节能量保证型), never its code."""
from __future__ import annotations

import json

import pytest

from tests.web.page_text import text_of
from tests.web.project_form import form

pytestmark = pytest.mark.usefixtures("districts")


MEASURED = {"kind": "contract_energy_management", "year": 2013, "method": "measured",
            "energy_before": [{"energy": "electricity", "quantity": 2000, "unit": "MWh"}],
            "energy_after": [{"energy": "electricity", "quantity": 1500, "unit": "MWh"}]}


@pytest.mark.parametrize(("model", "chinese", "english"), [
    ("shared_savings", "节能效益分享型", "Shared savings"),
    ("guaranteed_savings", "节能量保证型", "Guaranteed savings"),
])
def test_an_emc_project_page_names_its_model(client, login, model, chinese, english):
    login("district_staff", "310115")
    inputs = json.dumps(MEASURED | {"emc_model": model})
    response = client.post("/projects/new", data=form(kind="contract_energy_management", inputs=inputs, new_parcels="[]"))
    assert response.status_code == 302, response.get_data(as_text=True)[:2000]
    page = text_of(client.get(response.headers["Location"]).get_data(as_text=True))
    assert f"合同能源管理模式 {chinese}" in page, page
    assert "核算方法 改造前后实测" in page
    assert f"EMC model {english}" in text_of(client.get(response.headers["Location"] + "?lang=en").get_data(as_text=True))


def test_a_project_of_another_kind_says_no_emc_model(client, login):
    login("district_staff", "310115")
    response = client.post("/projects/new", data=form(new_parcels="[]"))
    assert "合同能源管理模式" not in text_of(client.get(response.headers["Location"]).get_data(as_text=True))


def test_a_project_without_its_emc_model_is_refused_on_that_field(client, login, session):
    # The wizard offers 请选择 first and takes no model for the user; the server refuses the gap.
    login("district_staff", "310115")
    response = client.post("/projects/new", data=form(kind="contract_energy_management", inputs=json.dumps(MEASURED),
                                                      new_parcels="[]"))
    assert response.status_code == 422
    assert "合同能源管理模式：为必填项" in text_of(response.get_data(as_text=True))
