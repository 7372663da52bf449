"""The rule a new password must meet (registry/domain/passwords.py)."""
from __future__ import annotations

import pytest

from registry.domain.errors import ValidationError
from registry.domain.passwords import MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH, check_new_password


@pytest.mark.parametrize("password", ["a" * MIN_PASSWORD_LENGTH, "上海市节能减排登记系统", "x" * MAX_PASSWORD_LENGTH])
def test_long_enough_passwords_of_any_characters_pass(password):
    check_new_password(password, "pudong")


@pytest.mark.parametrize(("password", "field", "msgid"), [
    ("a" * (MIN_PASSWORD_LENGTH - 1), "password", "must have at least %(n)s characters"),
    ("a" * (MAX_PASSWORD_LENGTH + 1), "password", "must have at most %(n)s characters"),
    (" Pudong-Staff ", "password", "must not be the user name"),
])
def test_refusals_name_the_field_and_the_rule(password, field, msgid):
    with pytest.raises(ValidationError) as refused:
        check_new_password(password, "pudong-staff")
    (error,) = refused.value.field_errors
    assert (error.field, error.message.msgid) == (field, msgid)


def test_the_field_is_the_callers():
    with pytest.raises(ValidationError) as refused:
        check_new_password("short", "u", field="new_password")
    assert refused.value.field_errors[0].field == "new_password"
