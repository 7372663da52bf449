"""A refused workflow step names the step and the status as the pages do (批准, 已批准), never by
their codes: the project page says it once, a batch says it for each project it refuses."""
from __future__ import annotations

import pytest

from registry.catalogues import translator
from registry.domain.errors import Conflict, PermissionDenied
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
