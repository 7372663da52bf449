"""The reference data page: factors and equal values for every signed-in user; recording a year's
equal value for administrators, with field messages in the user's language and nothing written on a
refusal."""
from __future__ import annotations

import re
from decimal import Decimal

import pytest
from sqlalchemy import select

from registry.models import ElectricityEqualValue
from tests.web.flashes import after

FORM = {"year": "2015", "value_kgce_per_kwh": "0.315", "source": "国家统计局", "source_en": "NBS", "reason": "published"}


def test_every_signed_in_user_reads_the_factors_and_equal_values(client, login):
    login("district_staff", "310115")
    html = client.get("/reference").get_data(as_text=True)
    assert "电力等价值" in html and "全国平均供电煤耗" in html and "0.3055" in html  # 2020's, as stored
    assert "原煤" in html and "0.7143" in html and "GB/T 2589-2008" in html and "1.1000–1.3300" in html
    assert "记录并重算" not in html  # no form but for administrators
    assert client.post("/reference/equal-values", data=FORM).status_code == 403
    english = client.get("/reference?lang=en").get_data(as_text=True)
    assert "Equal value of electricity (等价值)" in english and "Raw coal" in english


def test_a_factor_shows_every_place_the_standard_gives_and_its_range_notes_the_edition_in_the_pages_punctuation(client, login):
    # heat's 0.03412 kgce/MJ read 0.0341, a digit short of the standard and of the project page's trace
    login("planner")
    html = client.get("/reference").get_data(as_text=True)
    assert '<td class="num">0.03412</td>' in html and '<td class="num">0.7143</td>' in html
    assert "1.1000–1.3300（GB/T 2589-2020）" in html  # was 1.1000–1.3300 (GB/T 2589-2020) in Chinese too
    assert "1.1000–1.3300 (GB/T 2589-2020)" in client.get("/reference?lang=en").get_data(as_text=True)


def test_an_administrator_records_a_missing_year(client, login, session):
    login("admin")
    answer = client.post("/reference/equal-values", data=FORM)
    assert after(client, answer) == [("success", "已记录 2015 年等价值：重算该年项目 0 个，其中 0 个数字有变化。")]
    assert session.get(ElectricityEqualValue, 2015).source_en == "NBS"
    assert "0.3150" in client.get("/reference").get_data(as_text=True)


def test_a_refused_value_is_named_at_its_field_and_nothing_is_written(client, login, session):
    login("admin")
    refused = client.post("/reference/equal-values", data=FORM | {"value_kgce_per_kwh": "315", "source": ""})
    html = refused.get_data(as_text=True)
    assert refused.status_code == 422
    assert "须在 0.2 至 0.5 千克标准煤/千瓦时之间" in html and 'value="315"' in html  # the form keeps what was typed
    # under the form's row, each problem says its field: "必填，最多 300 个字符" alone did not say which
    assert "等价值（千克标准煤/千瓦时）：须在 0.2 至 0.5" in html and "来源：必填，最多 300 个字符" in html
    assert session.scalars(select(ElectricityEqualValue).where(ElectricityEqualValue.year == 2015)).first() is None


def test_a_project_without_its_years_equal_value_leads_an_administrator_to_record_it(client, login, session, districts):
    from tests.integration.project_data import MOTORS, PUDONG, draft
    from registry.services import projects as svc

    view = svc.register_project(session, PUDONG, draft(year=2015, inputs=MOTORS | {"year": 2015}))
    login("admin")
    page = client.get(f"/projects/{view.id}").get_data(as_text=True)
    assert "2015 年未公布等价值" in page
    assert '<a href="/reference#equal-values">记录该年等价值</a>' in page
    client.post("/logout")
    login("district_staff", "310115", username="pudong-two")
    assert "记录该年等价值" not in client.get(f"/projects/{view.id}").get_data(as_text=True)


def test_the_factors_come_in_the_standards_order_not_by_their_codes(client, login):
    # Ordered by code, the Chinese table read 高炉煤气, 焦炭, 焦炉煤气, 原油 … 原煤 near the end.
    login("planner")
    html = client.get("/reference").get_data(as_text=True)
    table = html[html.index('id="factors"'):html.index('id="subsidies"')]
    energies = re.findall(r"<tr>\s*<td>([^<]+)</td>", table)
    assert energies[:3] == ["原煤", "洗精煤", "焦炭"] and energies[-1] == "电力", energies
    english = client.get("/reference?lang=en").get_data(as_text=True)
    assert re.findall(r"<tr>\s*<td>([^<]+)</td>", english[english.index('id="factors"'):])[:2] == ["Raw coal", "Washed coal"]


def test_an_administrator_finds_who_recorded_a_years_equal_value(client, login):
    """The page shows a year's value and source, not who recorded it or what it replaced: each year
    links its entries of the audit trail (administrators; others read the trail of no equal value)."""
    login("admin")
    client.post("/reference/equal-values", data=FORM)
    client.post("/reference/equal-values", data=FORM | {"value_kgce_per_kwh": "0.316", "reason": "统计局更正",
                                                         "replaces": "0.315"})  # asked first (test above)
    page = client.get("/reference").get_data(as_text=True)
    link = '<a href="/audit?entity=equal_value&amp;entity_id=2015">审计日志中的变更</a>'
    assert link in page
    trail = client.get("/audit?entity=equal_value&entity_id=2015").get_data(as_text=True)
    assert "共 2 项" in trail and "统计局更正" in trail
    client.post("/logout")
    login("city_reviewer")
    assert "/audit?entity=equal_value" not in client.get("/reference").get_data(as_text=True)


def test_replacing_a_years_equal_value_is_asked_first_with_what_was_typed_kept(client, login, session):
    """A year typed wrong (2017 for 2018) replaced the year's published value and recomputed all its
    projects at one click: the page now names the value it would replace and asks once more."""
    login("admin")
    typed = FORM | {"year": "2017", "value_kgce_per_kwh": "0.390"}
    asked = client.post("/reference/equal-values", data=typed)
    html = asked.get_data(as_text=True)
    assert asked.status_code == 409 and session.get(ElectricityEqualValue, 2017).value_kgce_per_kwh == Decimal("0.309")
    assert "2017 年已有等价值 0.3090 千克标准煤/千瓦时" in html and "全国平均供电煤耗" in html
    assert 'value="0.390"' in html and 'value="国家统计局"' in html and 'value="published"' in html
    assert 'name="replaces" value="0.3090"' in html and "替换并重算" in html
    replaced = client.post("/reference/equal-values", data=typed | {"replaces": "0.3090"})
    assert after(client, replaced)[0][1].startswith("已记录 2017 年等价值")
    assert session.get(ElectricityEqualValue, 2017).value_kgce_per_kwh == Decimal("0.390")
    # asked about 0.3090, the year holds another value meanwhile (a colleague's): asked again, with it
    again = client.post("/reference/equal-values", data=typed | {"value_kgce_per_kwh": "0.391", "replaces": "0.3090"})
    assert again.status_code == 409 and 'name="replaces" value="0.3900"' in again.get_data(as_text=True)


@pytest.mark.parametrize("crafted", ["sNaN", "NaN", "Infinity", "0x1", "١"])
def test_a_crafted_value_to_replace_asks_again(client, login, session, crafted):
    """The hidden value is the page's own; a signalling NaN raised in the comparison (a 500), and any
    other value that is no figure is taken as none seen: the question comes back, nothing recorded."""
    login("admin")
    asked = client.post("/reference/equal-values", data=FORM | {"year": "2017", "value_kgce_per_kwh": "0.390",
                                                                "replaces": crafted})
    assert asked.status_code == 409 and session.get(ElectricityEqualValue, 2017).value_kgce_per_kwh == Decimal("0.309")

