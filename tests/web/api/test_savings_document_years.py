"""The savings document's year is documented as the years the accounting engine reads (1990–2100,
``domain.factors``: an equal value exists from 1990), not the registry's years (2000–2100) it once
claimed: a 1999 document is read (and computed where 1999 has its factors), and the edges the
document states are the ones refused."""
from __future__ import annotations

import pytest

from registry.domain import factors

PREVIEW = "/api/v1/savings/preview"
MOTORS = [{"count": 1, "rated_kw": 15, "load_factor": 0.75, "hours_per_year": 6000,
           "efficiency_before": 0.921, "efficiency_after": 0.946}]


@pytest.fixture
def documented(client, pudong) -> dict:
    schemas = client.get("/api/v1/openapi.json", headers=pudong).get_json()["components"]["schemas"]
    return schemas["SavingsDocument"]["properties"]["year"]


def _preview(client, headers, year):
    return client.post(PREVIEW, json={"kind": "motor_upgrade", "year": year, "motors": MOTORS},
                       headers=headers | {"Accept-Language": "en"})


def test_the_document_states_the_years_of_the_factor_table(documented):
    assert (documented["minimum"], documented["maximum"]) == (factors.MIN_YEAR, factors.MAX_YEAR)


def _range_refusal(client, headers, year) -> str | None:
    """The refusal of ``year`` as out of range, if that is what the preview answers."""
    errors = (_preview(client, headers, year).get_json() or {}).get("errors") or {}
    return errors.get("year") if "from" in errors.get("year", "") else None


def test_the_documented_edges_are_the_ones_the_preview_refuses(client, pudong, documented):
    """Inside the range a year may still lack its factors in the test data (no conversion factor
    for electricity in 1999): that is the table's gap, not a year refused as out of range."""
    first, last = documented["minimum"], documented["maximum"]
    for year in (first, 1999, 2000, last):
        assert _range_refusal(client, pudong, year) is None, year
    for year in (first - 1, last + 1):
        assert _range_refusal(client, pudong, year) == f"must be a whole number from {first} to {last}", year
