"""What an enterprise's page reads (benchmarks/bench_enterprise_page.py, docs/performance.md "The
enterprise page"): the factor table and the electricity 等价值 once whatever years its projects' claims
are of (it read both once per year: two statements a year), the districts' names without their outlines
(every district's simplified outline as GeoJSON, 11 ms, for a name), and its project rows without their
input documents and savings traces (a third of the page at 200 projects)."""
from __future__ import annotations

import pytest

from tests.integration.monitoring_data import monitored_enterprise

pytestmark = pytest.mark.usefixtures("districts")


@pytest.fixture
def firm(session, tmp_path) -> dict[str, int]:
    """Its projects claim in 2013 and 2015 (tests/integration/monitoring_data.py)."""
    return monitored_enterprise(session, tmp_path)


def page_statements(client, login, statements, enterprise_id: int) -> list[str]:
    login("city_reviewer")
    statements.clear()
    response = client.get(f"/enterprises/{enterprise_id}")
    assert response.status_code == 200
    assert "与监测数据偏差超限" in response.get_data(as_text=True)  # the verdicts were computed
    return [sql for sql, _ in statements]


def test_the_claims_of_projects_of_two_years_read_the_factors_and_equal_values_once(client, login, statements, firm):
    sql = page_statements(client, login, statements, firm["enterprise"])  # the first: its claims computed
    # the rows read (not the digest of them that the kept claims are compared with: migration 0041)
    assert len([s for s in sql if s.startswith("SELECT energy_factors.")]) == 1, sql
    assert len([s for s in sql if " FROM electricity_equal_values" in s]) == 1, sql


def test_the_page_reads_the_districts_names_not_their_outlines(client, login, statements, firm):
    sql = page_statements(client, login, statements, firm["enterprise"])
    assert [s for s in sql if " FROM districts" in s], sql  # the district is named
    assert not [s for s in sql if "ST_AsGeoJSON" in s], sql


def test_the_project_rows_are_read_without_their_documents(client, login, statements, firm):
    listed = [s for s in page_statements(client, login, statements, firm["enterprise"])
              if s.startswith("SELECT projects.id") and " OFFSET " in s]
    assert len(listed) == 1, listed
    assert "projects.reference" in listed[0]
    assert "projects.inputs" not in listed[0] and "projects.savings_trace" not in listed[0]
