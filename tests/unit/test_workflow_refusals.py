"""A refused workflow step names the step and the status as the pages do (批准, 已批准), never by
their codes: the project page says it once, a batch says it for each project it refuses."""
from __future__ import annotations

import pytest

from registry.catalogues import translator
from registry.domain.batch_steps import require_batch
from registry.domain.errors import Conflict, PermissionDenied, ValidationError
from registry.domain.permissions import Actor
from registry.domain.workflow import apply_transition
from registry.i18n import DEFAULT_LOCALE

ZH, EN = translator(DEFAULT_LOCALE), translator("en")
REVIEWER = Actor(None, "reviewer", "city_reviewer")
PUDONG_STAFF = Actor(None, "pudong", "district_staff", "310115")


def test_a_step_the_status_forbids_names_both_by_their_names():
    with pytest.raises(Conflict) as refused:
        apply_transition(REVIEWER, "approve", "approved", "310115", None)
    assert refused.value.render(ZH) == "项目状态为“已批准”时不能执行“批准”。"
    assert refused.value.render(EN) == "The step “Approve” is not possible while the project's status is “Approved”."


def test_a_step_the_role_may_not_take_names_the_step():
    with pytest.raises(PermissionDenied) as refused:
        apply_transition(PUDONG_STAFF, "verify", "completed", "310115", None)
    assert refused.value.render(ZH) == "您的角色不能执行“核定”。"
    assert refused.value.render(EN) == "Your role may not take the step “Verify”."


@pytest.mark.parametrize("comment, zh", [
    ("请" * 2001, "意见：最多 2000 个字符，此处为 2001 个"),
    ("请补充\x1b[2J材料", "意见：不能包含控制字符 U+001B：文字中只能有换行符和制表符"),
    ("退回\u202e料材充补", "意见：不能包含控制字符 U+202E：文字中只能有换行符和制表符"),
])
def test_a_comment_too_long_or_with_a_control_character_is_refused_alone_and_in_a_batch(comment, zh):
    for refuse in (lambda: apply_transition(REVIEWER, "return", "submitted", "310115", comment),
                   lambda: require_batch(REVIEWER, "return", [1, 2], comment)):
        with pytest.raises(ValidationError) as refused:
            refuse()
        assert [f"意见：{e.message.render(ZH)}" for e in refused.value.field_errors] == [zh]


def test_a_comment_of_the_largest_size_with_line_breaks_and_tabs_is_kept():
    comment = "第一条：\t补充审计报告\r\n第二条：" + "请" * 1983
    assert len(comment) == 2000
    assert apply_transition(REVIEWER, "return", "submitted", "310115", comment) == "returned"
    require_batch(REVIEWER, "return", [1, 2], comment)
