"""The wizard keeps what was typed on every input error: the form comes back with a precise field
message (never the generic error page), and its JSON helpers answer 422, never a 500."""
from __future__ import annotations

import html
import io
import json

import pytest
from sqlalchemy import func, select

from registry.models import Parcel
from tests.integration.project_data import SQUARE
from tests.web.project_form import JSON, form, projects

pytestmark = pytest.mark.usefixtures("districts")


TWO_POINTS = {"type": "Polygon", "coordinates": [[[121.62, 31.21], [121.621, 31.211], [121.62, 31.21]]]}
TITLE = "保留我输入的名称"


def parcels(geometry=SQUARE, **properties) -> str:
    return json.dumps([{"type": "Feature", "geometry": geometry, "properties": {"land_use_class": "M2", **properties}}])


def refused(client, status: int = 422, path: str = "/projects/new", **overrides) -> str:
    response = client.post(path, data=form(title=TITLE, **overrides))
    text = html.unescape(response.get_data(as_text=True))
    assert response.status_code == status, text[:2000]
    assert 'name="inputs"' in text and TITLE in text  # the form again, with what was typed
    return text


def test_a_3d_parcel_is_saved_in_2d(client, login, session):
    login("district_staff", "310115")
    z = {"type": "Polygon", "coordinates": [[[x, y, 5.0] for x, y in SQUARE["coordinates"][0]]]}
    response = client.post("/projects/new", data=form(new_parcels=parcels(z)))
    assert response.status_code == 302, response.get_data(as_text=True)[:2000]
    assert session.scalar(select(func.max(func.ST_NDims(Parcel.geom)))) == 2


@pytest.mark.parametrize("overrides, field, message", [
    ({"parcel_ids": "99999999999999999999"}, "parcel_ids", "“99999999999999999999”不是有效的地块 ID"),
    ({"investment_wan_yuan": "1e999999"}, "investment_wan_yuan", "不得大于 1,000,000,000,000，实际为“1e999999”"),
    ({"investment_wan_yuan": "1000000000000.01"}, "investment_wan_yuan",
     "不得大于 1,000,000,000,000，实际为“1000000000000.01”"),
    ({"output_value_wan_yuan": "1." + "0" * 40}, "output_value_wan_yuan", "最多 34 位数字"),
    ({"new_parcels": parcels(overlap_reason={"a": 1})}, "new_parcels[0].overlap_reason", "必须是文本"),
    ({"new_parcels": parcels(overlap_reason="a\u0000b")}, "new_parcels[0].properties.overlap_reason", "不能包含 NUL 字符（U+0000）"),
    ({"inputs": '{"a":' * 50000 + "1" + "}" * 50000}, "inputs", "JSON 格式错误：嵌套超过 64 层"),
    ({"new_parcels": parcels(TWO_POINTS)}, "new_parcels[0].geometry", "多边形没有面积：其边界环不足 3 个不同的点"),
    # the day does not exist: said so, not that the format is wrong (必须是 YYYY-MM-DD 格式的日期…)
    ({"planned_completion": "2017-02-30"}, "planned_completion", "2017年2月没有30日"),
])
def test_input_errors_re_render_the_form_naming_the_field(client, login, session, overrides, field, message):
    login("district_staff", "310115")
    text = refused(client, **overrides)
    assert f"<li>{FIELD_NAMES[field]}：{message}</li>" in text
    assert projects(session) == 0


# How the form's fields are named in its messages: as the wizard labels them, never by their codes.
FIELD_NAMES = {
    "parcel_ids": "地块", "investment_wan_yuan": "投资（万元）", "output_value_wan_yuan": "产值（万元）",
    "new_parcels[0].overlap_reason": "新地块 1 · 重叠原因（必填）",
    "new_parcels[0].properties.overlap_reason": "新地块 1 · 重叠原因（必填）",
    "inputs": "能源数据", "new_parcels[0].geometry": "新地块 1", "district_code": "区",
    "planned_completion": "计划完成日期",
}


def test_a_refused_form_names_every_field_as_the_wizard_labels_it(client, login):
    login("district_staff", "310115")
    inputs = json.dumps({"kind": "motor_upgrade", "year": 2013, "motors": [
        {"count": 1, "rated_kw": 55, "load_factor": 0.75, "hours_per_year": 6000, "efficiency_before": 92.1,
         "efficiency_after": 0.946}]})
    text = refused(client, credit_code="", inputs=inputs)
    assert "<li>统一社会信用代码：为必填项</li>" in text
    text = refused(client, inputs=inputs)
    assert "<li>能源数据 · 第 1 组电机 · 改造前效率（0–1）：必须大于 0 且不超过 1</li>" in text
    ledger = json.dumps({"kind": "technical_retrofit", "year": 2013, "method": "measured",
                         "energy_before": [{"energy": "electricity", "unit": "MWh", "quantity": 10}],
                         "energy_after": [{"energy": "electricity", "unit": "MWh"}]})
    text = refused(client, kind="technical_retrofit", inputs=ledger)
    assert "<li>能源数据 · 改造后（报告期） · 第 1 行 · 数量：为必填项</li>" in text
    assert "<code>" not in text.split('id="steps-nav"')[0]  # no field code in the summary


def test_a_code_excel_turned_into_a_number_is_refused_as_one_by_the_wizard_and_its_lookup(client, login, session):
    # said "必须为 18 个字符" or an illegal “.”: the imports' message (number_cell_problem) says why and what to do
    login("district_staff", "310115")
    text = refused(client, credit_code="9.13101E+17")
    assert "<li>统一社会信用代码：是写成文本的数字 9.13101E+17 而非代码" in text
    assert projects(session) == 0
    lookup = client.get("/projects/enterprise?code=913101151234567000.0", headers=JSON)
    assert lookup.status_code == 422
    assert "是写成文本的数字 913101151234567000.0 而非代码" in lookup.get_data(as_text=True)


def test_money_up_to_the_bound_is_saved(client, login, session):
    login("district_staff", "310115")
    response = client.post("/projects/new", data=form(investment_wan_yuan="1,000,000,000,000"))
    assert response.status_code == 302, response.get_data(as_text=True)[:2000]
    assert projects(session) == 1


def test_an_overlap_reason_the_database_cannot_store_keeps_the_form(client, login, session):
    login("district_staff", "310115")
    assert client.post("/projects/new", data=form()).status_code == 302
    text = refused(client, new_parcels=parcels(overlap_reason="共用\u0000围墙"))
    assert "新地块 1 · 重叠原因（必填）：不能包含 NUL 字符（U+0000）" in text
    assert "有数值超出了系统可保存的范围" not in text
    assert projects(session) == 1


def test_another_district_keeps_the_form_with_the_reason(client, login, session):
    login("district_staff", "310115")
    text = refused(client, 403, district_code="310112")
    assert "<li>区：浦东新区的区级工作人员不能在闵行区操作。</li>" in text
    assert projects(session) == 0
    english = refused(client, 403, path="/projects/new?lang=en", district_code="310112")
    assert "<li>District: District staff of Pudong New Area may not act in district Minhang.</li>" in english


@pytest.mark.parametrize("raw, field", [("[1,2]", "body"), ('"abc"', "body"),
                                        (json.dumps({"geometry": SQUARE, "district_code": "310115", "exclude_ids": 5}),
                                         "exclude_ids"),
                                        (json.dumps({"geometry": SQUARE, "district_code": "310115", "gcj02": "false"}),
                                         "gcj02")])
def test_parcel_check_refuses_a_malformed_body(client, login, raw, field):
    login("district_staff", "310115")
    response = client.post("/projects/parcel-check", data=raw, content_type="application/json")
    assert response.status_code == 422 and response.mimetype == "application/problem+json"
    assert field in response.get_json()["errors"]


def test_parcel_check_of_a_ring_without_area_is_422(client, login):
    login("district_staff", "310115")
    response = client.post("/projects/parcel-check?lang=en", json={"geometry": TWO_POINTS, "district_code": "310115"})
    assert response.status_code == 422
    assert response.get_json()["errors"] == {"geometry": "the polygon has no area: its ring has fewer than 3 distinct points"}


def test_parcel_check_refuses_deep_nesting_as_malformed(client, login):
    login("district_staff", "310115")
    response = client.post("/projects/parcel-check", data="[" * 100000 + "]" * 100000, content_type="application/json")
    assert response.status_code == 400 and response.mimetype == "application/problem+json"


def test_upload_with_a_missing_number_answers_strict_json(client, login):
    login("district_staff", "310115")
    features = [{"type": "Feature", "properties": {"name": "甲", "area": 12.5}, "geometry": SQUARE},
                {"type": "Feature", "properties": {"name": "乙"}, "geometry": SQUARE}]
    content = json.dumps({"type": "FeatureCollection", "features": features}).encode()
    response = client.post("/projects/parcel-upload", data={"file": (io.BytesIO(content), "two.geojson")},
                           content_type="multipart/form-data", headers=JSON)
    assert response.status_code == 200

    def refuse(constant):
        raise ValueError(f"{constant} is not JSON")

    body = json.loads(response.get_data(as_text=True), parse_constant=refuse)  # as strict as response.json()
    assert [f["properties"]["area"] for f in body["features"]] == [12.5, None]


def test_a_refused_form_shows_the_chosen_parcels_by_their_codes(client, login, session):
    """The chosen parcels came back as "#17" (an id, not a code) and were not on the map."""
    login("district_staff", "310115")
    assert client.post("/projects/new", data=form()).status_code == 302
    parcel_id, code = session.execute(select(Parcel.id, Parcel.code)).one()
    text = refused(client, credit_code="", parcel_ids=str(parcel_id), new_parcels="[]")
    config = json.loads(text.split('<script id="wizard-config" type="application/json">')[1].split("</script>")[0])
    held = json.loads(config["existing_parcels"])
    assert [(p["id"], p["code"], p["geometry"]["type"]) for p in held] == [(parcel_id, code, "MultiPolygon")]


def test_a_refused_form_lists_every_problem_at_once(client, login, session):
    """It took one save per problem: first the amount, then the energy data, then the credit code."""
    from tests.integration.project_data import IN_MINHANG

    login("district_staff", "310115")
    inputs = json.dumps({"kind": "motor_upgrade", "year": 2013, "motors": [
        {"count": 1, "rated_kw": 55, "load_factor": 0.75, "hours_per_year": 6000, "efficiency_before": 92.1,
         "efficiency_after": 0.946}]})
    text = refused(client, subsidy_requested_wan_yuan="12,5", inputs=inputs, credit_code="91310115MA1K00002X",
                   new_parcels=parcels(IN_MINHANG))
    summary = text.split('class="form-error"')[1].split("</div>")[0]
    assert summary.count("<li>") == 4, summary
    problems = ("统一社会信用代码：校验码应为", "新地块 1：多边形不在您所在的区范围内",
                "能源数据 · 第 1 组电机 · 改造前效率（0–1）：必须大于 0 且不超过 1", "申请补贴（万元）：必须是数字，实际为“12,5”")
    assert all(problem in summary for problem in problems), summary
    assert sorted(problems, key=summary.index) == list(problems)  # in the order of the wizard's steps
    assert projects(session) == 0 and session.scalar(select(func.count()).select_from(Parcel)) == 0
