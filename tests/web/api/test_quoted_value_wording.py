"""The API says an unknown workflow step or unit as the pages do (tests/web/test_quoted_value_wording.py):
未知取值“…”（可选：…）, the choices named — its step had listed Python's Transition(...) objects; an
unknown energy by the energies nearest it and the page that lists them all (tests/unit/test_unknown_energy.py)."""
from __future__ import annotations

import pytest

from tests.web.api.conftest import PROJECT

STEP_SAID = "未知取值“fly”（可选：提交审核（submit）、"

pytestmark = pytest.mark.usefixtures("districts")


def test_the_api_names_the_steps_of_an_unknown_one_in_the_same_words(client, pudong):
    created = client.post("/api/v1/projects", json=PROJECT | {"new_parcels": []}, headers=pudong)
    refused = client.post(created.headers["Location"] + "/transitions", json={"action": "fly"}, headers=pudong)
    said = refused.get_json()["errors"]["action"]
    assert refused.status_code == 422 and said.startswith(STEP_SAID) and "Transition(" not in said, said


def test_the_api_names_the_energies_and_units_of_unknown_ones(client, pudong, project_body):
    project_body.update(kind="boiler_replacement", inputs={
        "kind": "boiler_replacement", "year": 2013,
        "energy_before": [{"energy": "coal2", "quantity": 1200, "unit": "t"}],
        "energy_after": [{"energy": "natural_gas", "quantity": 85, "unit": "furlong"}]})
    errors = client.post("/api/v1/projects", json=project_body, headers=pudong).get_json()["errors"]
    assert errors["inputs.energy_before[0].energy"] == ("未知的能源品种“coal2”，是否指以下之一：原煤（raw_coal）、洗精煤（washed_coal）？"
                                                       "本系统计入的全部能源品种及其折标系数见“折标系数与等价值”页面")
    assert errors["inputs.energy_after[0].unit"].startswith("未知取值“furlong”（可选：kg、t、10^4 t、")
