"""The rollup's money on PostGIS: the approved and requested subsidies of the counted projects,
by the rollup's own counting (rule, district, as-of) and in a closed year's frozen report."""
from __future__ import annotations

import csv
import io
import json
from datetime import date
from decimal import Decimal

import pytest
from openpyxl import load_workbook
from sqlalchemy import text

from registry.domain.permissions import Actor
from registry.domain.rollup_subsidies import Subsidies
from registry.domain.rollups import RollupQuery
from registry.repositories import rollups as repository
from registry.services import rollups
from registry.services.rollup_data import sha256_of, snapshot_of
from registry.services.rollup_reports import rollup_csv, rollup_json
from registry.services.rollup_xlsx import rollup_xlsx
from tests.integration import rollup_data

D = Decimal
ADMIN = Actor(None, "admin", "admin")
# reference → (approved, requested) 万元; the rest of rollup_data's projects carry none
AMOUNTS = {
    "P1": ("100.50", "120"),      # 310115 structural adjustment, verified 2013
    "P2": (None, "80.25"),        # 310115 retrofit, verified 2013: requested, nothing approved yet
    "P3": ("30.125", "30"),       # 310112 EMC, verified 2013 (above its request)
    "P6": ("5", "6"),             # completed 2013, never verified: the completed rule only
    "P7": ("70", "70"),           # completed 2013, verified 2014
    "P8": ("11", "11"),           # verified 2012
    "P9": ("999", "999"),         # approved, never counted
}


@pytest.fixture
def ids(session):
    ids = rollup_data.load(session)
    for ref, (approved, requested) in AMOUNTS.items():
        session.execute(text("UPDATE projects SET subsidy_approved_wan_yuan = :a, subsidy_requested_wan_yuan = :r "
                             "WHERE reference = :ref"),
                        {"a": D(approved) if approved else None, "r": D(requested), "ref": ref})
    return ids


def money(approved: str, requested: str) -> Subsidies:
    return Subsidies(D(approved), D(requested))


def test_the_verified_years_subsidies_by_district_and_kind_are_exact_sums(session, ids):
    report = rollups.rollup(session, RollupQuery(2013))
    assert report.subsidy_totals == money("130.625", "230.25")
    assert report.subsidies_by_district() == {"310112": money("30.125", "30"), "310115": money("100.50", "200.25")}
    by_kind = report.subsidies_by_kind()
    assert list(by_kind)[:2] == ["structural_adjustment", "boiler_replacement"]  # every kind, the programme's order
    assert by_kind["structural_adjustment"] == money("100.5", "120")
    assert by_kind["technical_retrofit"] == money("0", "80.25")  # no approved amount counts as 0
    assert by_kind["contract_energy_management"] == money("30.125", "30")
    assert by_kind["boiler_replacement"] == by_kind["motor_upgrade"] == Subsidies()
    district = rollups.rollup(session, RollupQuery(2013, district_code="310112"))
    assert district.subsidy_totals == money("30.125", "30") and list(district.subsidies_by_district()) == ["310112"]


def test_the_completed_rule_counts_the_completed_projects_money_in_the_year_of_completion(session, ids):
    assert rollups.rollup(session, RollupQuery(2013, rule="completed")).subsidy_totals == money("205.625", "306.25")
    assert rollups.rollup(session, RollupQuery(2014)).subsidy_totals == money("70", "70")


def test_as_of_counts_the_projects_counted_then(session, ids):
    before = rollups.database_now(session)
    session.execute(text("UPDATE projects SET status = 'verified', verified_on = '2013-12-28' WHERE reference = 'P6'"))
    assert rollups.rollup(session, RollupQuery(2013, as_of=before)).subsidy_totals == money("130.625", "230.25")
    now = rollups.database_now(session)
    assert rollups.rollup(session, RollupQuery(2013, as_of=now)).subsidy_totals == money("135.625", "236.25")
    assert rollups.rollup(session, RollupQuery(2013)).subsidy_totals == money("135.625", "236.25")


def test_a_closed_years_frozen_report_keeps_its_money(session, ids):
    rollups.close_year(session, ADMIN, 2013, "verified")
    session.execute(text("UPDATE projects SET subsidy_approved_wan_yuan = 40 WHERE reference = 'P3'"))
    frozen = rollups.frozen_rollup(session, 2013, "verified")
    assert frozen.subsidy_totals == money("130.625", "230.25")
    assert rollups.frozen_rollup(session, 2013, "verified", "310115").subsidy_totals == money("100.50", "200.25")
    assert rollups.rollup(session, RollupQuery(2013)).subsidy_totals == money("140.5", "230.25")
    body = rollup_json(frozen, lambda m: m, date(2030, 1, 1))
    assert body["totals"]["subsidy_approved_wan_yuan"] == 130.625


def _closed_before_money(session, year: int) -> None:
    """Close ``year`` as the registry did before the rollup had money: no ``subsidies`` in the snapshot."""
    as_of = repository.database_now(session)
    snapshot = json.loads(snapshot_of(rollups.rollup(session, RollupQuery(year, "verified", as_of), with_projects=True)))
    del snapshot["subsidies"]
    frozen = json.dumps(snapshot, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    assert repository.insert_closure(session, year, "verified", as_of, frozen, sha256_of(frozen), None, None)


def test_a_report_frozen_before_the_money_has_none_rather_than_zero(session, ids):
    _closed_before_money(session, 2013)
    frozen = rollups.frozen_rollup(session, 2013, "verified")  # its checksum still holds
    assert frozen.subsidies is None and frozen.subsidy_totals is None
    body = rollup_json(frozen, lambda m: m, date(2030, 1, 1))
    assert body["totals"]["subsidy_approved_wan_yuan"] is None
    assert {d["subsidy_requested_wan_yuan"] for d in body["by_district"] + body["by_kind"] + body["cells"]} == {None}
    rows = list(csv.DictReader(io.StringIO(rollup_csv(frozen, lambda m: m).decode("utf-8-sig"))))
    assert {(row["subsidy_approved_wan_yuan"], row["subsidy_requested_wan_yuan"]) for row in rows} == {("", "")}
    book = load_workbook(io.BytesIO(rollup_xlsx(frozen, lambda m: m, date(2030, 1, 1))))
    headers = [c.value for c in book["By district"][1]] + [c.value for c in book["By kind"][1]]
    assert not any("Subsidy" in h for h in headers)  # its workbook as it was
    # the live figures of that closed year have their money
    assert rollups.rollup(session, RollupQuery(2013)).subsidy_totals == money("130.625", "230.25")


def _amounts(lines) -> dict[str, tuple]:
    return {line.reference: (line.subsidy_approved_wan_yuan, line.subsidy_requested_wan_yuan) for line in lines}


def test_the_projects_behind_a_figure_carry_the_amounts_recorded_at_the_reports_moment(session, ids):
    session.execute(text("UPDATE projects SET subsidy_approved_wan_yuan = 100 WHERE reference = 'P1'"))
    approved = rollups.database_now(session)
    session.execute(text("UPDATE projects SET subsidy_approved_wan_yuan = 150 WHERE reference = 'P1'"))
    then = _amounts(rollups.projects_behind(session, RollupQuery(2013, as_of=approved)).lines)
    assert then["P1"] == (D("100"), D("120"))
    assert then["P2"] == (None, D("80.25"))  # nothing approved: none, not 0
    assert then["P4"] == (None, None)
    now = _amounts(rollups.projects_behind(session, RollupQuery(2013)).lines)
    assert now["P1"] == (D("150"), D("120")) and now["P2"] == (None, D("80.25"))
    assert _amounts(rollups.projects_behind(session, RollupQuery(2013, as_of=rollups.database_now(session))).lines) == now


def _projects_sheet(report) -> list[tuple]:
    book = load_workbook(io.BytesIO(rollup_xlsx(report, lambda m: m, date(2030, 1, 1))))
    return list(book["Projects"].iter_rows(values_only=True))


def test_the_workbooks_project_sheet_has_each_projects_subsidies_and_a_closed_year_freezes_them(session, ids):
    header, *rows = _projects_sheet(rollups.rollup(session, RollupQuery(2013), with_projects=True))
    approved = header.index("Subsidy approved (10,000 yuan)")
    assert header[approved + 1] == "Subsidy requested (10,000 yuan)"
    assert {row[0]: row[approved:approved + 2] for row in rows}["P2"] == (None, 80.25)  # empty, not 0
    rollups.close_year(session, ADMIN, 2013, "verified")
    session.execute(text("UPDATE projects SET subsidy_approved_wan_yuan = 40 WHERE reference = 'P3'"))
    frozen = rollups.frozen_rollup(session, 2013, "verified")
    header, *rows = _projects_sheet(frozen)
    assert {row[0]: row[approved:approved + 2] for row in rows}["P3"] == (30.125, 30)  # as closed
    assert rollup_xlsx(frozen, lambda m: m, date(2030, 1, 1)) == rollup_xlsx(
        rollups.frozen_rollup(session, 2013, "verified"), lambda m: m, date(2031, 1, 1))


def test_a_report_whose_projects_were_frozen_without_their_money_keeps_its_project_sheet(session, ids):
    as_of = repository.database_now(session)
    snapshot = json.loads(snapshot_of(rollups.rollup(session, RollupQuery(2013, "verified", as_of), with_projects=True)))
    snapshot["version"] = 1  # as closed before 2026-12-06: the lines without their subsidies
    for line in snapshot["projects"]:
        del line["subsidy_approved_wan_yuan"], line["subsidy_requested_wan_yuan"]
    frozen_text = json.dumps(snapshot, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    assert repository.insert_closure(session, 2013, "verified", as_of, frozen_text, sha256_of(frozen_text), None, None)
    frozen = rollups.frozen_rollup(session, 2013, "verified")  # its checksum still holds
    assert {line.subsidy_approved_wan_yuan for line in frozen.projects} == {None}
    header, *rows = _projects_sheet(frozen)
    assert not any("Subsidy" in h for h in header) and len(header) == 15  # the sheet as it was
    assert header[-1] == "Savings calculation (equivalent value, tce)" and rows
