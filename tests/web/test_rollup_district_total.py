"""The dashboard's district table ends with the city's total, as its kind table does."""
from __future__ import annotations

from tests.integration import rollup_data
from tests.web.report_cells import body_rows


def _table(html: str, heading: str, until: str) -> dict[str, list[str]]:
    return body_rows(html[html.index(f"<h2>{heading}</h2>"):html.index(until)])


def test_the_district_table_has_the_citys_total_row_of_the_kind_table(client, login, session):
    # The kind table had a 合计 row and the district table none: a leader added up the districts by hand.
    rollup_data.load(session)
    login("planner")
    html = client.get("/rollups?year=2013").get_data(as_text=True)
    districts = _table(html, "分区", "各区节能量（地图）")
    kinds = _table(html, "分类", "<h2>分区</h2>")
    assert list(districts) == ["闵行区", "浦东新区", "合计"]
    # projects, tce (当量值) and tce (等价值, with its note on the project without one): the same
    # figures as the kind table's total, which are the districts' exact sum rounded once
    assert districts["合计"] == kinds["合计"][:3] == ["6", "1,365.00", "1,965.00 其中 1 个项目缺等价值"]
    assert districts["闵行区"][:2] == ["4", "165.00"] and districts["浦东新区"][:2] == ["2", "1,200.00"]
    total_row = html[html.index("<h2>分区</h2>"):html.index("各区节能量（地图）")].split('<tr class="total">')[1]
    assert '<a href="/rollups/projects?year=2013&amp;rule=verified"' in total_row  # its projects, as the kind total's
    # a district's report has its one row, no total repeating it
    one = client.get("/rollups?year=2013&district=310115").get_data(as_text=True)
    assert list(_table(one, "分区", "各区节能量（地图）")) == ["浦东新区"]

