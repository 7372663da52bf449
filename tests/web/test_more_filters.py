"""The less-used filters of the project list and the audit trail behind 更多筛选 (templates/_filter_form.html):
folded while none is set, open with their number once one is, and each filter in use marked; the
layout itself is tests/browser/test_filter_rows.py's."""
from __future__ import annotations

import re

import pytest

pytestmark = pytest.mark.usefixtures("districts")

FOLDED = '<details class="more-filters">'
OPEN = '<details class="more-filters" open>'


def disclosure(html: str) -> str:
    """The 更多筛选 disclosure's markup (empty if the form has none)."""
    found = re.search(r'<details class="more-filters".*?</details>', html, re.S)
    return found.group(0) if found else ""


def main_row(html: str) -> str:
    """The filter form's fields before its disclosure."""
    return html.split('<form class="filters', 1)[1].split("<details", 1)[0]


def test_the_project_lists_less_used_filters_are_folded_while_none_is_set(client, login):
    login("city_reviewer")
    html = client.get("/projects").get_data(as_text=True)
    folded = disclosure(html)
    assert folded.startswith(FOLDED) and "<summary>更多筛选</summary>" in folded
    for name in ("overdue", "check", "monitoring"):
        assert f'name="{name}"' in folded
    for name in ("q", "district", "kind", "year", "status"):
        assert f'name="{name}"' in main_row(html)
    assert '<button type="submit">查询</button><a class="reset" href="/projects">重置</a>' in main_row(html)
    assert "in-use" not in html.split("</form>", 1)[0]


def test_each_set_filter_opens_the_disclosure_and_is_counted_in_its_summary(client, login):
    login("city_reviewer")
    html = client.get("/projects?overdue=1&check=exit_without_parcels&monitoring=flagged&kind=motor_upgrade").get_data(as_text=True)
    opened = disclosure(html)
    assert opened.startswith(OPEN)
    # seen as 更多筛选（3）, heard as words; the kind, on the main row, is no secondary filter
    assert '<span aria-hidden="true">更多筛选（3）</span><span class="visually-hidden">更多筛选：已设 3 项</span>' in opened
    assert '<label class="check in-use"><input type="checkbox" name="overdue" value="1" checked>' in opened
    assert re.search(r'<label class="in-use">数据质量检查<select name="check">', opened)
    assert re.search(r'<label class="in-use">在线监测<select name="monitoring">', opened)
    assert re.search(r'<label class="in-use">类型<select name="kind">', main_row(html))


def test_a_filter_the_reader_is_not_offered_is_not_counted(client, login):
    login("planner")  # planners have no online monitoring filter: a typed one is passed over
    html = client.get("/projects?monitoring=flagged&overdue=0").get_data(as_text=True)
    assert disclosure(html).startswith(FOLDED) and 'name="monitoring"' not in html


def test_district_staff_see_their_own_district_marked_as_a_filter_in_use(client, login):
    login("district_staff", "310115")
    html = client.get("/projects").get_data(as_text=True)
    assert re.search(r'<label class="in-use">区<select name="district">', main_row(html))
    assert disclosure(html).startswith(FOLDED)


def test_the_audit_trails_record_id_and_channel_are_behind_more_filters(client, login):
    login("admin")
    html = client.get("/audit").get_data(as_text=True)
    assert disclosure(html).startswith(FOLDED)
    assert 'name="entity_id"' in disclosure(html) and 'name="channel"' in disclosure(html)
    assert '<a class="reset" href="/audit">重置</a>' in main_row(html)
    client.get("/lang/en")
    english = client.get("/audit?entity=project&entity_id=1&channel=web").get_data(as_text=True)
    assert disclosure(english).startswith(OPEN)
    assert '<span aria-hidden="true">More filters (2)</span><span class="visually-hidden">More filters: 2 set</span>' in english
    assert re.search(r'<label class="in-use">Kind of record<select name="entity">', main_row(english))
