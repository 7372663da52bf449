"""An exit of capacity goes to review with the land it frees: at least one parcel once it is beyond
its district's editing (registry/domain/workflow.py, ``parcel_errors``); a draft may have none."""
from __future__ import annotations

import pytest

from registry.catalogues import translator
from registry.domain.errors import ValidationError
from registry.domain.vocabulary import PROJECT_KINDS, PROJECT_STATUSES
from registry.domain.workflow import parcel_errors, require_parcels

EXIT = "structural_adjustment"


@pytest.mark.parametrize("status", ["submitted", "approved", "completed", "verified"])
def test_an_exit_under_review_or_beyond_needs_a_parcel(status):
    [error] = parcel_errors(EXIT, status, 0)
    assert error.field == "parcel_ids"
    assert parcel_errors(EXIT, status, 1) == parcel_errors(EXIT, status, 3) == []


@pytest.mark.parametrize("status", ["draft", "returned"])
def test_an_exit_the_district_still_edits_may_have_no_parcel(status):
    assert parcel_errors(EXIT, status, 0) == []
    require_parcels(EXIT, status, 0)  # no refusal


@pytest.mark.parametrize("kind", sorted(set(PROJECT_KINDS) - {EXIT}))
def test_other_kinds_may_be_reviewed_without_a_parcel(kind):
    assert all(parcel_errors(kind, status, 0) == [] for status in PROJECT_STATUSES)


def test_the_refusal_says_why_in_the_readers_language_on_the_field_it_is_given():
    with pytest.raises(ValidationError) as refused:
        require_parcels(EXIT, "submitted", 0)
    [error] = refused.value.field_errors
    assert error.field == "parcel_ids"
    assert error.message.render() == ("an exit of capacity is reviewed with the land it frees: it needs at least "
                                      "one parcel to be submitted (a draft may have none)")
    assert error.message.render(translator("zh_Hans_CN")) == (
        "产业结构调整（淘汰落后产能）项目须连同其腾出的土地一并审核，至少有一个地块才能提交（草稿可暂无地块）")
    [on_a_sheet] = parcel_errors(EXIT, "verified", 0, "parcel_codes")
    assert on_a_sheet.field == "parcel_codes" and on_a_sheet.message == error.message


@pytest.mark.parametrize("status", ["finished", "", "已提交"])
def test_an_unknown_status_is_not_judged_by_the_rule(status):
    """Whether an exit needs a parcel depends on its status: one that is none of the list is refused
    for that alone (its own rule), not also said to need a parcel to be submitted."""
    assert parcel_errors(EXIT, status, 0) == []
