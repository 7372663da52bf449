"""The rollup's downloads carry the notes the dashboard says beside its tables: the boilers' row counts
projects while its target is in 台, and a year without the electricity equal value (等价值) counts its
projects that use electricity as 0 on that basis, and why. The workbook, the CSV and the JSON had the
figures without either: a leader reading the file saw 3 boilers against a target of 300 and low 等价值
totals with nothing said. (docs/rollups.md, "Notes in the downloads")"""
from __future__ import annotations

import csv
import io
import json

import pytest
from openpyxl import load_workbook
from sqlalchemy import text

from tests.integration import rollup_data

BOILERS = {"zh": "燃煤（重油）锅炉替代：目标以台计，而登记簿按项目登记，不记录每个项目替代的锅炉台数，因此实际完成数按项目数计，每项计一台。",
           "en": "Coal/heavy-oil boilers replaced: the target is in boilers, but the registry records projects, not the "
                 "number of boilers each replaces, so the actual counts projects, one boiler each."}
NO_EQUAL_VALUE = {"zh": "2013 年尚未录入电力等价值：该年涉及电力的项目按等价值口径计为 0，因此本报表等价值口径的数值偏低。"
                        "某年的全国数值于次年公布，管理员在“折标系数与等价值”页面录入后即重算该年全部项目。",
                  "en": "No electricity equal value (等价值) is recorded for 2013: the year's projects that use electricity "
                        "count as 0 on the equal-value basis, so the report's equal-value figures are low. A year's national "
                        "figure is published the year after; once an administrator records it on the page “Factors and "
                        "equal values”, that year's projects are recomputed."}


@pytest.fixture
def planner(client, login, session):
    rollup_data.load(session)
    login("planner")
    return client


def without_2013s_equal_value(session) -> None:
    session.execute(text("DELETE FROM electricity_equal_values WHERE year = 2013"))


def download(client, fmt: str, lang: str, rule: str = "verified") -> bytes:
    response = client.get(f"/rollups/export?year=2013&rule={rule}&format={fmt}&lang={lang}")
    assert response.status_code == 200
    return response.data


def workbook_notes(content: bytes) -> list[str]:
    """The summary sheet's notes: the rows under its table's empty row, after their heading."""
    sheet = load_workbook(io.BytesIO(content)).worksheets[0]
    column = [row[0].value for row in sheet.iter_rows()]
    gap = column.index(None)  # the empty row under the table
    assert column[gap + 1] in ("注", "Notes"), column[gap:]
    notes = column[gap + 2:]
    for row in range(gap + 3, len(column) + 1):  # each note across the table's columns, wrapped
        assert f"A{row}:J{row}" in {str(cells) for cells in sheet.merged_cells.ranges}
        assert sheet[f"A{row}"].alignment.wrap_text and sheet.row_dimensions[row].height >= 15
    return notes


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_each_download_carries_both_notes_in_the_readers_language(planner, session, lang):
    without_2013s_equal_value(session)
    assert workbook_notes(download(planner, "xlsx", lang)) == [BOILERS[lang], NO_EQUAL_VALUE[lang]]
    body = json.loads(download(planner, "json", lang))
    assert body["notes"] == [{"code": "counted_as", "metric": "boilers_replaced", "text": BOILERS[lang]},
                             {"code": "equal_value_not_recorded", "metric": None, "text": NO_EQUAL_VALUE[lang]}]
    rows = list(csv.DictReader(io.StringIO(download(planner, "csv", lang).decode("utf-8-sig"))))
    assert rows[-1]["notes"] == f"{BOILERS[lang]}\n{NO_EQUAL_VALUE[lang]}"  # the total row: every note, one a line
    assert {row["notes"] for row in rows[:-1]} == {""}  # 2013 verified no boiler replacement


def test_a_year_with_its_equal_value_has_the_boilers_note_only(planner, session):
    # P10 lacks its 等价值 figure (plain SQL) though 2013 has a value: no year to record, as on the page
    assert workbook_notes(download(planner, "xlsx", "zh")) == [BOILERS["zh"]]
    assert [note["code"] for note in json.loads(download(planner, "json", "zh"))["notes"]] == ["counted_as"]
    assert list(csv.DictReader(io.StringIO(download(planner, "csv", "zh").decode("utf-8-sig"))))[-1]["notes"] == BOILERS["zh"]


def test_a_boiler_replacements_csv_rows_carry_the_boilers_note(planner):
    # P6, a boiler replacement completed in 2013, counts in 2013 under the completion rule
    rows = list(csv.DictReader(io.StringIO(download(planner, "csv", "zh", rule="completed").decode("utf-8-sig"))))
    noted = {row["kind"]: row["notes"] for row in rows[:-1]}
    assert noted.pop("boiler_replacement") == BOILERS["zh"] and set(noted.values()) == {""}, noted


def test_the_apis_rollup_carries_the_notes(planner, session):
    without_2013s_equal_value(session)
    body = planner.get("/api/v1/rollups?year=2013&lang=en").get_json()
    assert [note["text"] for note in body["notes"]] == [BOILERS["en"], NO_EQUAL_VALUE["en"]]
