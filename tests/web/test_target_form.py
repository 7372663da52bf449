"""The targets page's form: a value written as the page shows it (1,200) is saved, and a refused
entry comes back on the page, what was typed kept and each error named by its field."""
from __future__ import annotations

import re

from sqlalchemy import text

from tests.web.page_text import text_of

DISTRICT = {"year": "2016", "scope": "district", "district_code": "310115", "metric": "emc_projects",
            "kind": "actual", "source": "区报告"}


def test_a_value_grouped_in_thousands_is_saved(client, login, session):
    login("admin")
    saved = client.post("/targets", data={"year": "2016", "scope": "city", "metric": "emc_projects",
                                          "value": "1,200", "value_max": "１，５００"})  # full-width, as an IME types it
    assert saved.status_code == 302, saved.get_data(as_text=True)[:400]
    row = session.execute(text("SELECT value, value_max FROM targets WHERE metric = 'emc_projects'")).one()
    assert (row.value, row.value_max) == (1200, 1500)


def test_a_refused_entry_comes_back_on_the_targets_page_with_what_was_typed(client, login, session, districts):
    login("admin")
    refused = client.post("/targets", data=dict(DISTRICT, value="12,5", value_max="3"))
    html = refused.get_data(as_text=True)
    assert refused.status_code == 422
    assert "2016 年目标" in html and "新增或修改目标" in html  # the page, not the bare error page
    said = re.findall(r'<p class="field-error" role="alert">(.*?)</p>', html)
    assert said == ["数值：必须是数字，实际为“12,5”"], said  # a decimal comma is not read as 125
    assert 'name="value" value="12,5"' in html and 'name="value_max" value="3"' in html
    assert 'name="value" value="12,5" inputmode="decimal" required aria-invalid="true"' in html
    assert '<option value="310115" selected>' in html and '<option value="district" selected>' in html
    assert '<option value="emc_projects" selected>' in html and '<option value="actual" selected>' in html
    assert 'name="source" value="区报告"' in html
    assert session.execute(text("SELECT count(*) FROM targets")).scalar_one() == 0
    upper = client.post("/targets?lang=en", data=dict(DISTRICT, value="5", value_max="2")).get_data(as_text=True)
    assert "Upper end (optional): must not be less than the value" in text_of(upper)


def test_a_targets_change_link_fills_the_form_with_it(client, login, session, districts):
    """Changing a target's value meant typing its year, scope, district, metric and plan/actual again
    exactly, or saving a second target beside it: each row's 修改 fills the form with the row."""
    login("admin")
    client.post("/targets", data=dict(DISTRICT, value="1,200", value_max="1500.50"))
    page = client.get("/targets?year=2016").get_data(as_text=True)
    target_id = session.execute(text("SELECT id FROM targets")).scalar_one()
    assert f'<a href="/targets?year=2016&amp;change={target_id}#target-form"' in page
    form = client.get(f"/targets?year=2016&change={target_id}").get_data(as_text=True)
    assert 'name="year" value="2016"' in form and '<option value="district" selected>' in form
    assert '<option value="310115" selected>' in form and '<option value="emc_projects" selected>' in form
    assert '<option value="actual" selected>' in form and 'name="value" value="1200"' in form
    assert 'name="value_max" value="1500.5"' in form and 'name="source" value="区报告"' in form
    assert "修改目标：合同能源管理项目（浦东新区，实际）" in text_of(form)
    assert f'name="replaces" value="{target_id}"' in form  # the form names the target it changes
    saved = client.post("/targets", data=dict(DISTRICT, value="1300", replaces=str(target_id)))  # as filled, one figure changed
    assert saved.status_code == 302
    assert session.execute(text("SELECT count(*), max(value) FROM targets")).one() == (1, 1300)
    assert 'name="value" value=""' in client.get("/targets?year=2016&change=0").get_data(as_text=True)  # none: empty


def test_saving_a_target_that_exists_from_the_empty_form_asks_before_replacing_it(client, login, session, districts):
    """The empty form saved over the year's target of the same metric unasked — its value and its
    source (left empty, the published report's name was gone): now the page shows the target it would
    replace, the form as typed, and replaces it only from there (or from the row's 修改)."""
    login("admin")
    client.post("/targets", data=dict(DISTRICT, value="1,200"))
    target_id = session.execute(text("SELECT id FROM targets")).scalar_one()
    asked = client.post("/targets", data=dict(DISTRICT, value="900", source=""))
    html = asked.get_data(as_text=True)
    assert asked.status_code == 409
    assert "该目标已存在：合同能源管理项目（浦东新区，实际）1,200 项，来源：区报告。保存将替换其数值和来源。" in text_of(html)
    assert 'name="value" value="900"' in html and f'name="replaces" value="{target_id}"' in html and "替换目标" in html
    assert session.execute(text("SELECT value, source FROM targets")).one() == (1200, "区报告")
    replaced = client.post("/targets", data=dict(DISTRICT, value="900", replaces=str(target_id)))
    assert replaced.status_code == 302
    assert session.execute(text("SELECT count(*), max(value) FROM targets")).one() == (1, 900)
    changing = client.get(f"/targets?year=2016&change={target_id}").get_data(as_text=True)
    assert f'name="replaces" value="{target_id}"' in changing  # the row's 修改 names it: saved unasked
