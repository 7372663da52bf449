"""The API reads a credit code as the enterprise form does: full-width, lower case, spaces and hyphens
folded (domain/credit_code.normalize_credit_code), so a project names the registered enterprise."""
from __future__ import annotations

import pytest

from tests.web.api.conftest import PROJECT


def test_a_project_posted_with_a_hyphenated_lower_case_code_names_the_registered_enterprise(client, pudong):
    first = client.post("/api/v1/projects", json=PROJECT, headers=pudong).get_json()
    code = PROJECT["credit_code"]
    typed = f"{code[:4]}-{code[4:8]}－{code[8:].lower()}"
    second = client.post("/api/v1/projects", json=PROJECT | {"credit_code": typed, "new_parcels": []}, headers=pudong)
    assert second.status_code == 201, second.get_json()
    assert second.get_json()["credit_code"] == code == first["credit_code"]
    assert client.get(f"/api/v1/enterprises/{typed}", headers=pudong).get_json()["credit_code"] == code


@pytest.mark.parametrize("typed", ["9.13101E+17", "913101151234567000.0", "9.13101151234567e+17"])
def test_a_code_excel_turned_into_a_number_is_refused_as_one_not_as_a_malformed_code(client, pudong, typed):
    # said "must be 18 characters long" or "illegal character “.”": the imports' message (number_cell_problem)
    # tells the clerk why the code is lost and what to do, wherever it is typed or pasted
    said = f"是写成文本的数字 {typed.upper()} 而非代码"
    posted = client.post("/api/v1/projects", json=PROJECT | {"credit_code": typed}, headers=pudong)
    assert posted.status_code == 422 and posted.get_json()["errors"]["credit_code"].startswith(said)
    looked_up = client.get(f"/api/v1/enterprises/{typed}", headers=pudong)
    assert looked_up.status_code == 422 and looked_up.get_json()["errors"]["credit_code"].startswith(said)
    listed = client.get("/api/v1/projects", query_string={"enterprise": typed}, headers=pudong)
    assert listed.status_code == 422 and listed.get_json()["errors"]["enterprise"].startswith(said)
