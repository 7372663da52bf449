"""The channel an actor acts through (registry.domain.channels), as its builders set it, and what an
export's audit entry holds (services.export_log): pure rules, no database."""
from __future__ import annotations

from datetime import date, datetime, timezone
from decimal import Decimal

import pytest

from registry.domain.audit_trail import TrailFilter, parse_trail_filter
from registry.domain.channels import API, CHANNELS, CLI, SYSTEM, UNKNOWN, WEB, check_channel
from registry.domain.errors import ValidationError
from registry.domain.freed_land import parse_land_query
from registry.domain.permissions import ADMIN, Actor
from registry.services import export_log
from registry.services.accounts import Account
from registry.services.tokens import TokenAuth

ACCOUNT = Account(7, "pudong", "浦东", "district_staff", "310115", True)


def test_the_channels_are_the_five_the_database_accepts():
    assert list(CHANNELS) == ["web", "api", "cli", "system", "unknown"]


@pytest.mark.parametrize("channel, token", [("web", 3), ("api", None), ("cli", 3), ("email", None)])
def test_a_token_goes_with_the_api_and_only_there(channel, token):
    with pytest.raises(ValueError):
        check_channel(channel, token)
    with pytest.raises(ValueError):
        Actor(1, "x", ADMIN, channel=channel, api_token_id=token)


def test_each_builder_of_an_actor_says_its_channel():
    assert Actor.system().channel == SYSTEM and Actor.system(CLI).channel == CLI
    assert Actor.system(CLI).user_id is None and Actor.system(CLI).role == ADMIN
    assert ACCOUNT.actor(WEB) == Actor(7, "pudong", "district_staff", "310115", WEB)
    by_token = TokenAuth(ACCOUNT, token_id=12).actor()
    assert (by_token.channel, by_token.api_token_id, by_token.user_id) == (API, 12, 7)
    # whoever does not say is "unknown": never a guessed channel
    assert Actor(1, "x", ADMIN).channel == UNKNOWN and ACCOUNT.actor().channel == UNKNOWN


def test_the_trail_filters_by_channel_and_names_a_bad_one():
    assert parse_trail_filter({"channel": "api"}).channel == "api"
    assert parse_trail_filter({"channel": " "}).channel is None
    with pytest.raises(ValidationError) as refused:
        parse_trail_filter({"channel": "fax"})
    assert [e.field for e in refused.value.field_errors] == ["channel"]


def test_an_exports_entry_holds_format_count_and_only_the_filters_that_narrowed_it():
    logged = export_log.Export(export_log.PROJECT_LIST, "xlsx", export_log.project_list_filters(
        None, "310115", None, 2017, "", "updated", True), rows=120)
    assert export_log.summary(logged) == {"format": "xlsx", "rows": 120, "district_code": "310115", "year": 2017,
                                          "sort": "updated", "descending": True}
    unknown_count = export_log.Export(export_log.REGISTRY, "gpkg", {"district_code": None})
    assert export_log.summary(unknown_count) == {"format": "gpkg"}


def test_filters_are_logged_as_json_a_reader_can_read():
    query = parse_land_query({"district": ["310115", "310112"], "area_min": ["1000"], "status": ["freed"]})
    filters = export_log.readable(export_log.land_filters(query))
    assert filters["district_code"] == ["310115", "310112"] and filters["status"] == ["freed"]
    assert filters["area_min_m2"] == "1000" and "polygon" not in filters and "radius" not in filters
    trail = export_log.readable(export_log.trail_filters(TrailFilter(channel="api", since=date(2026, 1, 1))))
    assert trail == {"channel": "api", "since": "2026-01-01"}
    moment = datetime(2026, 1, 1, tzinfo=timezone.utc)
    assert export_log.readable({"as_of": moment, "value": Decimal("1.50"), "kinds": ("a",)}) == {
        "as_of": "2026-01-01T00:00:00+00:00", "value": "1.50", "kinds": ["a"]}


def test_a_rollup_reports_file_is_named_as_closing_the_year_names_it():
    from registry.domain.rollups import RollupQuery

    logged = export_log.rollup_export(RollupQuery(2013, "verified", None, "310115"), "csv", frozen=False)
    assert (logged.entity, logged.entity_id) == ("rollup", "2013/verified")
    assert export_log.summary(logged) == {"format": "csv", "year": 2013, "rule": "verified", "district_code": "310115"}
