"""In English, what begins a line or a table cell begins with a capital, as a sentence-case UI
writes it: the savings trace's labels, sources and notes, and the history's actions. The Chinese
is unchanged, and a trace stored before its msgids were recased (format 2, words as messages)
reads as a fresh one in both languages (registry/domain/trace_storage.py, ``RENAMED_MSGIDS``)."""
from __future__ import annotations

import json
import re
from typing import Any

import pytest
from sqlalchemy import text

from registry.domain.json_text import dump_json
from registry.domain.trace_storage import RENAMED_MSGIDS
from registry.services import projects as svc
from tests.integration.project_data import EXIT_INPUTS, PUDONG, REVIEWER, draft
from tests.web.page_text import section

pytestmark = pytest.mark.usefixtures("districts")

# A motor document, a boiler estimate and an exit in a year without 等价值: every kind of label,
# both kinds of factor source, a note.
BOILER = {"kind": "boiler_replacement", "year": 2013, "method": "efficiency", "efficiency_before": 0.65,
          "efficiency_after": 0.92, "new_energy": "natural_gas",
          "energy_before": [{"energy": "raw_coal", "quantity": 2000, "unit": "t"}]}
EXIT_2014 = EXIT_INPUTS | {"year": 2014, "baseline_year": 2013,
                           "energy_use": [{"energy": "electricity", "quantity": 120, "unit": "10^4 kWh"}]}


def _beginnings(html: str) -> list[str]:
    """What begins a cell or a line of a project page's trace and history: input labels, factor
    labels and sources, step labels, notes, and each history entry's action."""
    trace = re.search(r'<section class="card trace">(.*?)</section>', html, re.S).group(1)
    cells = re.findall(r"<tr><td(?: class=\"[^\"]*\")?>([^<]+)</td>", trace)
    sources = re.findall(r'<td class="muted prose[^"]*">([^<]+)</td>', trace)
    steps = re.findall(r"<li><strong>([^<]+)</strong>", trace)
    notes = re.findall(r"<ul class=\"notes\">.*?</ul>", trace, re.S)
    history = re.search(r'<section class="card history">(.*?)</section>', html, re.S).group(1)
    actions = re.findall(r"</(?:strong|span)>\s+· ([^<“\n]+)", history)  # after the person or the channel
    assert cells and sources and steps and actions
    return [t.strip() for t in cells + sources + steps + actions] + re.findall(r"<li>([^<]+)</li>", "".join(notes))


def _project(session, inputs: dict, **overrides) -> int:
    kind = inputs["kind"]
    view = svc.register_project(session, PUDONG, draft(kind=kind, year=inputs["year"], inputs=inputs, **overrides),
                                submit=True)
    return svc.transition(session, REVIEWER, view.id, "approve").id


@pytest.mark.parametrize("inputs, overrides, one_of_them", [
    (None, {}, "Motor group 1, electricity saved"),
    (BOILER, {}, "Energy after, estimated (same useful heat)"),
    (EXIT_2014, {"structural_mode": "shutdown"},
     "No equal value (等价值) of electricity is recorded for 2014, so the equal-value result is empty")])
def test_an_english_project_page_begins_each_trace_and_history_line_with_a_capital(client, login, session,
                                                                                  inputs, overrides, one_of_them):
    project_id = _project(session, inputs or draft().inputs, **overrides)
    login("city_reviewer")
    begun = _beginnings(client.get(f"/projects/{project_id}?lang=en").get_data(as_text=True))
    assert [b for b in begun if b[0].islower()] == []
    assert {one_of_them, "Record created", "Submitted for review", "Project approved"} <= set(begun)


def _as_stored_before(value: Any, older: dict[str, str]) -> Any:
    """A stored trace as traces were stored before the recasing: each renamed msgid by its old one."""
    if isinstance(value, dict):
        return {k: older.get(v, v) if k == "msgid" else _as_stored_before(v, older) for k, v in value.items()}
    if isinstance(value, list):
        return [_as_stored_before(v, older) for v in value]
    return value


@pytest.mark.parametrize("inputs", [None, BOILER, EXIT_2014])
def test_a_trace_stored_with_the_old_msgids_reads_as_a_fresh_one_in_english_and_chinese(client, login, session,
                                                                                       inputs):
    project_id = _project(session, inputs or draft().inputs, structural_mode="shutdown" if inputs is EXIT_2014 else None)
    login("city_reviewer")
    fresh = {lang: section(client.get(f"/projects/{project_id}?lang={lang}").get_data(as_text=True), "trace")
             for lang in ("en", "zh_Hans_CN")}
    stored = json.loads(session.execute(text("SELECT savings_trace::text FROM projects WHERE id = :id"),
                                        {"id": project_id}).scalar_one())
    older = {new: old for old, new in RENAMED_MSGIDS.items()}
    old = _as_stored_before(stored, older)
    assert old != stored and old["format"] == stored["format"] == 2
    session.execute(text("UPDATE projects SET savings_trace = CAST(:trace AS jsonb) WHERE id = :id"),
                    {"trace": dump_json(old), "id": project_id})
    for lang, page in fresh.items():
        assert section(client.get(f"/projects/{project_id}?lang={lang}").get_data(as_text=True), "trace") == page
    assert "Savings" in fresh["en"] and "节能量" in fresh["zh_Hans_CN"]


def test_english_marks_and_values_begin_with_a_capital_on_the_project_list_and_page(client, login, session):
    # Beside "Illustrative" and "Verified" the list's mark read "possible double registration", and the
    # project page's equal value "no equal value published for 2014".
    exit_id = _project(session, EXIT_2014, structural_mode="shutdown")
    parcel = session.execute(text("SELECT parcel_id FROM project_parcels WHERE project_id = :id"), {"id": exit_id}).scalar()
    for title in ("电机改造", "电机改造（再次登记）"):  # one enterprise, kind, year and parcel: each the other's lookalike
        svc.register_project(session, PUDONG, draft(title=title, new_parcels=(), parcel_ids=(parcel,)), submit=True)
    login("city_reviewer")
    marks = re.findall(r'class="badge lookalike-badge"[^>]*>([^<]+)<', client.get("/projects?lang=en").get_data(as_text=True))
    assert marks and set(marks) == {"Possible double registration"}
    page = client.get(f"/projects/{exit_id}?lang=en").get_data(as_text=True)
    assert '<span class="muted">No equal value published for 2014</span>' in page
