"""The freed land's and the parcel list's downloads are named by the districts and years they hold
(both read freed-land-/parcels-YYYY-MM-DD whatever the filters: a day's downloads shared a name)."""
from __future__ import annotations

from registry import clock
from tests.integration.land_data import A, B


def _name(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, (response.status_code, response.get_data(as_text=True)[:300])
    disposition = response.headers["Content-Disposition"]
    plain = disposition.split('filename="')[1].split('"')[0]
    assert disposition.endswith(f"filename*=UTF-8''{plain}"), disposition  # ASCII: both forms the same
    return plain


def test_a_freed_land_download_names_its_districts_and_years(client, ids, login):
    login("planner")
    today = clock.today().isoformat()
    assert _name(client, "/land/freed/export.csv") == f"freed-land-{today}.csv"
    assert _name(client, f"/land/freed/export.geojson?district={A}&year_from=2010&year_to=2030") == \
        f"freed-land-{A}-2010-2030-{today}.geojson"
    assert _name(client, f"/land/freed/export.csv?district={B}&district={A}&land_use=M1") == \
        f"freed-land-{'-'.join(sorted((A, B)))}-filtered-{today}.csv"


def test_a_parcel_list_download_names_its_districts(client, ids, login):
    login("city_reviewer")
    today = clock.today().isoformat()
    assert _name(client, f"/land/parcels/export?format=csv&district={A}&sort=-code") == f"parcels-{A}-{today}.csv"
    assert _name(client, "/land/parcels/export?format=xlsx&project=with") == f"parcels-filtered-{today}.xlsx"
