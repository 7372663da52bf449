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
