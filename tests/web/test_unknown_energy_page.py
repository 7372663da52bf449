"""A refused save whose savings document names an unknown energy says so under the savings preview (and
in the form's summary) by the energies nearest it, and links the page that lists them all: the refusal
had listed all sixteen energies with their codes (tests/unit/test_unknown_energy.py)."""
from __future__ import annotations

import html
import json
import re

import pytest

from tests.web.project_form import form

pytestmark = pytest.mark.usefixtures("districts")

BOILER = {"kind": "boiler_replacement", "year": 2013,
          "energy_before": [{"energy": "coal2", "quantity": 1200, "unit": "t"}],
          "energy_after": [{"energy": "natural_gas", "quantity": 85, "unit": "10^4 m3"}]}
LINK = '<a href="/reference#factors" target="_blank" rel="noopener" title="在新标签页中打开">折标系数与等价值</a>'


def test_a_refused_saves_unknown_energy_is_named_with_the_nearest_and_a_link_to_the_reference_page(client, login):
    login("district_staff", "310115")
    refused = client.post("/projects/new", data=form(kind="boiler_replacement", inputs=json.dumps(BOILER)))
    assert refused.status_code == 422
    page = refused.get_data(as_text=True)
    under_preview = page.split('id="preview"')[1].split("</section>")[0]
    said = re.findall(r'<p class="field-error" role="alert">(.*?)</p>', under_preview, re.S)
    assert said == ["能源数据 · 改造前（基准期） · 第 1 行 · 能源品种：未知的能源品种“coal2”，是否指以下之一：原煤（raw_coal）、"
                    f"洗精煤（washed_coal）？本系统计入的全部能源品种及其折标系数见“{LINK}”页面"], said
    assert html.unescape(page).count("洗精煤（washed_coal）") == 2  # under the preview and in the summary, no more
    assert "焦炭" not in html.unescape(page).split('id="wizard-config"')[0]  # not every energy


def test_a_message_that_names_no_page_is_shown_as_it_is(client, login):
    login("district_staff", "310115")
    refused = client.post("/projects/new", data=form(investment_wan_yuan="<b>-5</b>"))
    page = refused.get_data(as_text=True)
    assert "“&lt;b&gt;-5&lt;/b&gt;”" in page and "<b>-5</b>" not in page
