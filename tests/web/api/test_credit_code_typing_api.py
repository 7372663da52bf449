"""The API reads a credit code as the enterprise form does: full-width, lower case, spaces and hyphens
folded (domain/credit_code.normalize_credit_code), so a project names the registered enterprise."""
from __future__ import annotations

from tests.web.api.conftest import PROJECT


def test_a_project_posted_with_a_hyphenated_lower_case_code_names_the_registered_enterprise(client, pudong):
    first = client.post("/api/v1/projects", json=PROJECT, headers=pudong).get_json()
    code = PROJECT["credit_code"]
    typed = f"{code[:4]}-{code[4:8]}－{code[8:].lower()}"
    second = client.post("/api/v1/projects", json=PROJECT | {"credit_code": typed, "new_parcels": []}, headers=pudong)
    assert second.status_code == 201, second.get_json()
    assert second.get_json()["credit_code"] == code == first["credit_code"]
    assert client.get(f"/api/v1/enterprises/{typed}", headers=pudong).get_json()["credit_code"] == code
