"""Values a message names read in the reader's language: a district by its name (the code where no
name is known), a figure in the reader's number format — the domain raising them knows neither."""
from __future__ import annotations

from decimal import Decimal

import pytest

from registry.catalogues import translator
from registry.domain.errors import DistrictRef, Message, Number, PermissionDenied
from registry.domain.permissions import DISTRICT_STAFF, Actor, require_own_district
from registry.i18n import DEFAULT_LOCALE, presenter

NAMES = {"310115": ("浦东新区", "Pudong"), "310112": ("闵行区", "Minhang")}
PUDONG_STAFF = Actor(None, "pudong", DISTRICT_STAFF, "310115")
ZH, EN = translator(DEFAULT_LOCALE), translator("en")


def refusal(district_code: str | None) -> PermissionDenied:
    with pytest.raises(PermissionDenied) as info:
        require_own_district(PUDONG_STAFF, district_code)
    return info.value


def test_a_refusal_names_both_districts_in_the_readers_language():
    denied = refusal("310112")
    assert denied.render(ZH, presenter(DEFAULT_LOCALE, NAMES.get)) == "浦东新区的区级工作人员不能在闵行区操作。"
    assert denied.render(EN, presenter("en", NAMES.get)) == "District staff of Pudong may not act in district Minhang."


def test_a_district_without_a_known_name_keeps_its_code():
    denied = refusal("999999")
    assert denied.render(ZH, presenter(DEFAULT_LOCALE, NAMES.get)) == "浦东新区的区级工作人员不能在999999操作。"
    assert refusal(None).render(EN, presenter("en", NAMES.get)) == "District staff of Pudong may not act in district -."
    assert denied.render() == "District staff of 310115 may not act in district 999999."  # no presenter: codes


def test_names_given_with_the_message_need_no_lookup():
    named = refusal("310112").message.with_district_names(NAMES)
    assert named.params["other"] == DistrictRef("310112", ("闵行区", "Minhang"))
    assert named.render(ZH, presenter(DEFAULT_LOCALE)) == "浦东新区的区级工作人员不能在闵行区操作。"


@pytest.mark.parametrize("locale", [DEFAULT_LOCALE, "en"])
def test_a_number_reads_in_the_locales_number_format(locale):
    message = Message("must be at most %(maximum)s", {"maximum": Number(Decimal("1e12"))})
    assert message.render(show=presenter(locale)) == "must be at most 1,000,000,000,000"
    assert message.render() == "must be at most 1,000,000,000,000"
    assert Message("%(n)s", {"n": Number(Decimal("0.25"))}).render(show=presenter(locale)) == "0.25"


def test_a_refused_date_names_today_in_the_readers_date_format():
    # A refusal said "今天是 2026-12-05": an ISO date inside a Chinese sentence.
    from datetime import date

    from registry.domain.workflow_dates import stamped_date_errors

    [problem] = stamped_date_errors("completed", 2026, date(2027, 1, 2), None, date(2026, 12, 5))
    assert problem.render(ZH, presenter(DEFAULT_LOCALE)) == "不能晚于今天（今天是 2026年12月5日）"
    assert problem.render(EN, presenter("en")) == "must not be in the future (today is Dec 5, 2026)"
    assert problem.render() == "must not be in the future (today is 2026-12-05)"  # no presenter: ISO


def test_a_moment_reads_in_shanghai_time_in_the_readers_format():
    from datetime import datetime, timezone

    from registry.domain.errors import Moment

    message = Message("changed at %(at)s", {"at": Moment(datetime(2026, 12, 4, 22, 10, tzinfo=timezone.utc))})
    assert message.render(show=presenter(DEFAULT_LOCALE)) == "changed at 2026年12月5日 06:10"
    assert message.render(show=presenter("en")) == "changed at Dec 5, 2026, 6:10\u202fAM"


@pytest.mark.parametrize("locale", [DEFAULT_LOCALE, "en"])
def test_number_placeholders_are_grouped_and_rounded_for_a_reader(locale):
    # "%(area).0f m²" gave 123457 m²: a figure in a message reads as figures on pages do.
    message = Message("%(area).0f m² for %(need).1f m² (%(pct).0f %% used), %(count)d rows",
                      {"area": 123456.5, "need": Decimal("2500.25"), "pct": 49.6, "count": 12000})
    assert message.render(show=presenter(locale)) == "123,457 m² for 2,500.3 m² (50 % used), 12,000 rows"
    assert message.render() == "123456 m² for 2500.2 m² (50 % used), 12000 rows"  # Python's, unchanged


def test_a_matching_reason_names_its_day_and_years_in_the_readers_format():
    from datetime import date

    from registry.domain.matching import Candidate, Demand, rank_candidates

    demand = Demand(Decimal(0), (), None, None, None, 5.0)
    candidate = Candidate(1, "SH-1", Decimal("12345.6"), "dev_zone", "310115", date(2020, 3, 1), None)
    [ranked] = rank_candidates(demand, [candidate], date(2026, 12, 5))
    idle = ranked.reasons[-1].message
    assert idle.render(ZH, presenter(DEFAULT_LOCALE)) == "自 2020年3月1日 起闲置 6.8 年"
    assert idle.render(EN, presenter("en")) == "idle for 6.8 years since Mar 1, 2020"


def test_a_validation_error_reads_with_the_punctuation_of_its_language():
    # The CLI printed "error: year: 必须是…; title: …" — English frame, Chinese message.
    from registry.domain.errors import FieldError, ValidationError

    error = ValidationError([FieldError("year", Message("must be a year from %(minimum)s to %(maximum)s",
                                                        {"minimum": 2000, "maximum": 2100})),
                             FieldError("title", Message("must be at most %(maximum)s characters", {"maximum": 500}))],
                            record="projects[3]")
    assert error.render(ZH) == "projects[3]：year：必须是 2000 至 2100 之间的年份；title：不得超过 500 个字符"
    assert error.render(EN) == ("projects[3]: year: must be a year from 2000 to 2100; "
                                "title: must be at most 500 characters")


def test_the_accepted_codes_a_message_lists_are_joined_with_the_readers_list_separator():
    from registry.domain.savings import parse_savings_input
    from registry.domain.errors import ValidationError

    doc = {"kind": "contract_energy_management", "year": 2013, "method": "measured", "emc_model": "both",
           "energy_before": [{"energy": "electricity", "quantity": 1, "unit": "kWh"}],
           "energy_after": [{"energy": "electricity", "quantity": 1, "unit": "kWh"}]}
    with pytest.raises(ValidationError) as info:
        parse_savings_input(doc)
    error = next(e for e in info.value.field_errors if e.field == "emc_model")
    assert error.render(ZH, presenter(DEFAULT_LOCALE)) == "未知取值“both”（可选：shared_savings、guaranteed_savings）"
    assert error.render(EN, presenter("en")) == "unknown value “both” (allowed: shared_savings, guaranteed_savings)"


def test_an_unknown_value_stands_in_quotation_marks_even_when_empty():
    from registry.domain.errors import UNKNOWN_VALUE, Listed

    said = Message(UNKNOWN_VALUE, {"value": "", "allowed": Listed(("asc", "desc"))})
    assert said.render(ZH, presenter(DEFAULT_LOCALE)) == "未知取值“”（可选：asc、desc）"
