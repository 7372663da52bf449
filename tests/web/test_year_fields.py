"""Every page's year field is a text field read by the server (domain/numbers.year_number): text that
is no year (2O23, the letter O) is said beside the field in the project form's words — 必须是数字，实际为
2O23 — and kept as typed. They were <input type=number>, which sends nothing for such text: a filter
was dropped unsaid (or said "must be a whole number"), a form said 为必填项 or a range."""
from __future__ import annotations

import json
import re

import pytest

from tests.integration.monitoring_data import code
from tests.integration.project_data import MOTORS
from tests.web.page_text import text_of
from tests.web.project_form import form

TYPED = "2O23"  # the letter O for a zero, as a hurried hand types it
SAID = f"必须是数字，实际为“{TYPED}”"


def year_input(html: str, name: str = "year") -> str:
    found = re.search(rf'<input type="text" name="{name}"[^>]*>', html)
    assert found, f"no text field {name} in the page"
    return found.group(0)


def field_errors(html: str) -> list[str]:
    return [text_of(m) for m in re.findall(r'<p class="field-error"[^>]*>(.*?)</p>', html, re.S)]


def test_no_page_has_a_number_field_left():
    """The same reading everywhere: an <input type=number> anywhere would send "" for 2O23 again."""
    from pathlib import Path

    templates = Path(__file__).resolve().parents[2] / "templates"
    left = [str(p.relative_to(templates)) for p in templates.rglob("*.html") if 'type="number"' in p.read_text()]
    assert left == []


def test_the_project_list_says_a_year_that_is_none_beside_its_field_and_lists_every_year(client, project_url):
    response = client.get(f"/projects?year={TYPED}")
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    field = year_input(html)
    assert 'inputmode="numeric"' in field and f'value="{TYPED}"' in field
    assert 'aria-invalid="true"' in field and 'aria-describedby="year-error"' in field
    assert f'<p class="field-error" role="alert" id="year-error">{SAID}</p>' in html
    assert "电机改造" in html  # the 2013 project: the list of every year, as its downloads hold
    downloads = re.findall(r'href="(/projects/export\?[^"]*)"', html)
    assert downloads and not any("year=" in href for href in downloads)
    kept = client.get("/projects?year=2013")
    assert kept.status_code == 200 and field_errors(kept.get_data(as_text=True)) == []


@pytest.mark.parametrize("typed, said", [(TYPED, SAID), ("1989", "必须是 1990 至 2100 之间的年份"),
                                         ("２０１６", None)])  # full-width digits, as an IME types them
def test_the_monitoring_filter_says_a_year_that_is_none(client, login, typed, said):
    login("admin")
    html = client.get(f"/monitoring?code={code(5)}&year={typed}").get_data(as_text=True)
    assert field_errors(html) == ([said] if said else [])
    assert f'value="{typed}"' in year_input(html)


def test_freed_land_says_a_completion_year_that_is_none(client, ids, login):
    login("planner")
    response = client.get(f"/land/freed?year_from={TYPED}&year_to=2017")
    html = response.get_data(as_text=True)
    assert response.status_code == 200 and field_errors(html) == [SAID]
    assert f'value="{TYPED}"' in year_input(html, "year_from") and 'aria-describedby="year_from-error"' in html
    assert 'value="2017"' in year_input(html, "year_to")


def test_the_targets_form_keeps_and_names_a_year_that_is_none(client, login):
    login("admin")
    refused = client.post("/targets", data={"year": TYPED, "scope": "city", "metric": "emc_projects", "value": "5"})
    html = refused.get_data(as_text=True)
    assert refused.status_code == 422 and field_errors(html) == [f"年度：{SAID}"]
    field = year_input(html)
    assert f'value="{TYPED}"' in field and 'aria-invalid="true"' in field and 'inputmode="numeric"' in field


def test_the_output_form_keeps_and_names_a_year_that_is_none(client, ids, login):
    login("planner")
    refused = client.post(f"/land/parcels/{ids['P1']}/output", data={"year": TYPED, "output_wan_yuan": "120"})
    html = refused.get_data(as_text=True)
    assert refused.status_code == 422 and f"<li>年度：{SAID}</li>" in html
    assert f'value="{TYPED}"' in year_input(html) and 'aria-invalid="true"' in year_input(html)


def test_the_equal_value_form_keeps_and_names_a_year_that_is_none(client, login):
    login("admin")
    refused = client.post("/reference/equal-values", data={"year": TYPED, "value_kgce_per_kwh": "0.3", "source": "测试"})
    html = refused.get_data(as_text=True)
    assert refused.status_code == 422 and field_errors(html) == [f"年度：{SAID}"]  # named: under the form's row
    field = year_input(html)
    assert f'value="{TYPED}"' in field and 'aria-describedby="year-error"' in field


@pytest.mark.parametrize("typed, said", [(TYPED, SAID), ("2017.5", "必须是整数，实际为“2017.5”"),
                                         ("1999", "必须是 2000 至 2100 之间的年份")])
def test_a_refused_save_says_a_bad_year_once(client, login, districts, typed, said):
    """The wizard sends the year typed in step 1 as the savings document's too: the form's year and
    能源数据 · 年度 both said it (or, for 1999, that the year has no factors)."""
    login("district_staff", "310115")
    refused = client.post("/projects/new", data=form(year=typed, inputs=json.dumps(dict(MOTORS, year=typed))))
    html = refused.get_data(as_text=True)
    assert refused.status_code == 422
    summary = [text_of(li) for li in re.findall(r"<li>(.*?)</li>", html[:html.index("</ul>", html.index("form-error"))])]
    assert [line for line in summary if "年度" in line] == [f"年度：{said}"]
    assert [e for e in field_errors(html) if "年" in e or said in e] == [said]
    assert f'value="{typed}"' in year_input(html)
