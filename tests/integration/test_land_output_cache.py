"""The land-output report kept until its data changes (migration 0040, services/report_cache.py), on
PostGIS: a repeat view reads the versions and nothing else; every kind of change to what the report
reads shows in the next view, exactly as a report computed afresh; what a status edit does not
change stays kept; a transaction whose writes outran its versions reads past the cache; on a
committed database, what another connection commits shows at once, a rolled-back writer's view is
never given for another's data, and what was read while a change committed is not kept."""
from __future__ import annotations

from decimal import Decimal

import pytest
from sqlalchemy import event, text

from registry.domain.land_output import LEVELS
from registry.domain.permissions import Actor
from registry.services import land_output
from registry.services.report_cache import Reading, ReportCache
from tests.integration.cli_projects import session_on
from tests.integration.land_data import OUTPUTS, B, box, committed_land_database, record_outputs, seed_land

READER = Actor(None, "reviewer", "city_reviewer")
# (level, year, sort): every level, the default year, a few orders
VIEWS = [(level, year, None) for level in LEVELS for year in (2017, None)] + [
    ("district", 2017, "-change"), ("parcel", 2017, "-change_percent"), ("zone", 2016, "-output")]


@pytest.fixture
def ids(session):
    """P5 (A, development zone) 50 亿元/km² in 2016, 60 in 2017; P2 (B, 104 block) 90 in 2017; P1 (A,
    development zone) 40 in 2016."""
    ids = seed_land(session)
    record_outputs(session, OUTPUTS + (("T-P1", 2016, "0.4"),))
    return ids


@pytest.fixture
def statements(connection) -> list[str]:
    seen: list[str] = []

    def note(conn, cursor, statement, parameters, context, executemany):
        seen.append(" ".join(statement.split()))

    event.listen(connection, "before_cursor_execute", note)
    yield seen
    event.remove(connection, "before_cursor_execute", note)


def _view(session, cache, level="district", year=2017, sort=None):
    return land_output.land_output(session, READER, level, year, sort, cache=cache)


def test_a_repeat_view_reads_the_versions_and_aggregates_nothing(session, ids, statements):
    cache = ReportCache()
    for level, year, sort in VIEWS:
        first = _view(session, cache, level, year, sort)
        statements.clear()
        assert _view(session, cache, level, year, sort) == first
        assert len(statements) == 1 and "data_versions" in statements[0], statements
    statements.clear()
    _view(session, cache, "development_zone", 2017, "-change")  # another order of lines kept: sorted in Python
    assert not [sql for sql in statements if "parcel_outputs" in sql]


# what a change does: SQL with the parcels' ids (:P1 …)
CHANGES = {
    "an output corrected": "UPDATE parcel_outputs SET output_wan_yuan = output_wan_yuan * 2 WHERE parcel_id = :P5",
    "an output recorded": "INSERT INTO parcel_outputs (parcel_id, year, output_wan_yuan) VALUES (:P1, 2017, 900)",
    "an output deleted": "DELETE FROM parcel_outputs WHERE parcel_id = :P2 AND year = 2017",
    "a parcel moved to another district": f"UPDATE parcels SET district_code = '{B}' WHERE id = :P5",
    "a parcel redrawn (its area)": f"UPDATE parcels SET geom = {box('Z1')} WHERE id = :P5",
    "a parcel's code": "UPDATE parcels SET code = 'T-P5-new' WHERE id = :P5",
    "a parcel out of its zone": "DELETE FROM parcel_zones WHERE parcel_id = :P5",
    "a parcel into a zone": "INSERT INTO parcel_zones (parcel_id, zone_id) SELECT :P2, id FROM zones WHERE name_zh = '测试Z1'",
    "a zone of another kind": "UPDATE zones SET kind = 'development_zone' WHERE name_zh = '测试Z2'",
    "a zone renamed": "UPDATE zones SET name_zh = '新名' WHERE name_zh = '测试Z1'",
    "a district renamed": "UPDATE districts SET name_zh = '新区名' WHERE code = :A",
    "a new year": "INSERT INTO parcel_outputs (parcel_id, year, output_wan_yuan) VALUES (:P5, 2018, 1)",
    "a target": "INSERT INTO targets (year, scope, metric, kind, value, unit) "
                "VALUES (2017, 'city', 'dev_zone_land_output_yi_yuan_per_km2', 'plan', 68, '亿元/km²')",
}


@pytest.mark.parametrize("change", CHANGES)
def test_every_change_shows_in_the_next_view_as_a_fresh_report(session, ids, change):
    cache = ReportCache()
    before = [_view(session, cache, *view) for view in VIEWS]
    session.execute(text(CHANGES[change]), {**ids, "A": "310101"})
    after = [_view(session, cache, *view) for view in VIEWS]
    assert after == [_view(session, None, *view) for view in VIEWS]
    assert after != before  # the change is one the report shows


def test_a_status_edit_keeps_the_kept_report(session, ids, statements):
    cache = ReportCache()
    first = _view(session, cache)
    session.execute(text("UPDATE parcels SET status = 'freed', freed_on = DATE '2018-01-01' WHERE id = :p"),
                    {"p": ids["P5"]})
    statements.clear()
    assert _view(session, cache) == first and len(statements) == 1


def test_a_transaction_whose_writes_outran_its_versions_reads_past_the_cache(session, ids):
    cache = ReportCache()
    for _ in range(100):  # the per-transaction versions of parcel_outputs (migration 0040)
        session.execute(text("UPDATE parcel_outputs SET output_wan_yuan = output_wan_yuan WHERE year = 2017"))
    first = _view(session, cache)
    assert len(cache) == 0  # not kept: the transaction's next write draws no version
    session.execute(text("UPDATE parcel_outputs SET output_wan_yuan = output_wan_yuan * 3 WHERE parcel_id = :p"),
                    {"p": ids["P2"]})
    again = _view(session, cache)
    assert again == _view(session, None) and again != first


@pytest.fixture(scope="module")
def url(fresh_database_url):
    """The land map with its outputs, committed: writers and readers on connections of their own."""
    url = committed_land_database(fresh_database_url, "registry_test_land_output_cache")
    with session_on(url) as session:
        record_outputs(session)
        session.commit()
    return url


def _set_p2(session, output_wan_yuan: int) -> None:
    session.execute(text("UPDATE parcel_outputs SET output_wan_yuan = :o FROM parcels p "
                         "WHERE p.id = parcel_id AND p.code = 'T-P2' AND year = 2017"), {"o": output_wan_yuan})


def _p2(report) -> Decimal:
    return next(line.output_wan_yuan for line in report.lines if line.key == "T-P2")


def test_a_change_another_connection_commits_shows_in_the_next_view(url):
    cache = ReportCache()
    with session_on(url) as reader, session_on(url) as writer:
        _view(reader, cache, "parcel")
        reader.commit()
        _set_p2(writer, 1234)
        writer.commit()
        assert _p2(_view(reader, cache, "parcel")) == 1234


def test_a_view_inside_a_rolled_back_change_is_never_given_for_another(url):
    """The rolled-back writer's version is a number of its own: the next writer's is another, so the
    report kept at the first is never taken for the second's data (as ``version + 1`` would be)."""
    cache = ReportCache()
    with session_on(url) as reader, session_on(url) as first, session_on(url) as second:
        _set_p2(first, 1111)
        assert _p2(_view(first, cache, "parcel")) == 1111
        first.rollback()
        _set_p2(second, 2222)
        second.commit()
        assert _p2(_view(reader, cache, "parcel")) == 2222


def test_what_was_read_while_a_change_committed_is_not_kept(url):
    cache = ReportCache()
    with session_on(url) as reader, session_on(url) as writer:
        def read_while_a_change_commits():
            figures = _view(reader, None, "parcel")
            _set_p2(writer, 3333)
            writer.commit()
            return figures

        parts = Reading(reader, cache, land_output.INPUTS)
        parts.part("report", read_while_a_change_commits)
        assert parts.keep() is None and len(cache) == 0
