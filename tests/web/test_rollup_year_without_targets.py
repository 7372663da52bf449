"""A year without targets says so above its progress table, and shows no table of dashes when nothing
is counted either (the current year until its targets are entered)."""
from __future__ import annotations

from tests.integration import rollup_data


def _progress_panel(html: str) -> str:
    return html[html.index("<h2>目标完成情况</h2>"):html.index("<h2>分类</h2>")]


def test_a_year_without_targets_or_projects_says_so_instead_of_a_table_of_dashes(client, login, session):
    # The demo's current year showed 18 rows of 目标 — and 实际 0 (18 cards of 实际：0 on a phone), the
    # pace note under them, and nothing said that no target had been entered.
    rollup_data.load(session)
    login("admin")
    panel = _progress_panel(client.get("/rollups?year=2009").get_data(as_text=True))
    assert "尚未录入 2009 年的目标。" in panel and '<a href="/targets?year=2009">录入目标</a>' in panel
    assert "<table" not in panel and "按进度应完成" not in panel and "所选范围内暂无计入项目" in panel
    login("planner")  # who cannot enter targets has no link to the page
    panel = _progress_panel(client.get("/rollups?year=2009").get_data(as_text=True))
    assert "尚未录入 2009 年的目标。" in panel and "录入目标" not in panel


def test_a_year_with_counted_projects_but_no_targets_says_so_above_its_actuals(client, login, session):
    rollup_data.load(session)  # 2013 counted, no target
    login("planner")
    panel = _progress_panel(client.get("/rollups?year=2013").get_data(as_text=True))
    assert "尚未录入 2013 年的目标。" in panel and '<table class="data progress">' in panel
    assert "全年已过时间比例" not in panel  # no target, no pace to measure against
    district = _progress_panel(client.get("/rollups?year=2013&district=310115").get_data(as_text=True))
    assert "尚未录入本区 2013 年的目标。" in district

    rollup_data.add_target(session, "retrofit_savings_tce", "400", "tce")  # one target: no note, the pace
    panel = _progress_panel(client.get("/rollups?year=2013").get_data(as_text=True))
    assert "尚未录入" not in panel and "2013 年已结束：按进度应完成即全部目标" in panel  # a past year's pace
    english = client.get("/rollups?year=2014&lang=en").get_data(as_text=True)
    assert "No targets have been entered for 2014." in english


def test_a_finished_years_pace_is_its_whole_target_and_the_current_years_its_share_so_far(client, login, session):
    # 2013 read "按进度应完成：截至 2026年12月7日 全年已过时间比例乘以目标" — the share of 2013 elapsed in 2026
    from registry import clock

    rollup_data.load(session)
    this_year = clock.today().year
    rollup_data.add_target(session, "retrofit_savings_tce", "400", "tce")
    rollup_data.add_target(session, "retrofit_savings_tce", "400", "tce", year=this_year)
    login("planner")
    past = _progress_panel(client.get("/rollups?year=2013").get_data(as_text=True))
    assert "2013 年已结束：按进度应完成即全部目标；落后的行已标出。" in past and "全年已过时间比例" not in past
    current = _progress_panel(client.get(f"/rollups?year={this_year}").get_data(as_text=True))
    assert "全年已过时间比例" in current and "已结束" not in current
    english = client.get("/rollups?year=2013&lang=en").get_data(as_text=True)
    assert "2013 has ended: the expected pace is the whole target. Rows behind it are marked." in english
