"""The steps a project's card and the list's batch bar offer come forward first, sending back last:
a completed project's card read 退回并附意见 · 核定 where a submitted one's read 批准 · 退回并附意见, so
the button a reviewer takes on most projects moved with the status."""
from __future__ import annotations

import pytest

from registry.domain.batch_steps import batch_steps
from registry.domain.permissions import Actor
from registry.domain.workflow import available_actions

REVIEWER = Actor(None, "reviewer", "city_reviewer")
ADMIN = Actor(None, "admin", "admin")


@pytest.mark.parametrize("status, forward", [("submitted", "approve"), ("completed", "verify")])
def test_the_step_forward_comes_before_sending_the_project_back(status, forward):
    assert available_actions(REVIEWER, status, "310115") == [forward, "return"]
    assert batch_steps(REVIEWER, status, "310115", "motor_upgrade", 1) == (forward, "return")


def test_an_approved_project_is_only_sent_back_by_the_city_and_completed_by_its_district():
    assert available_actions(REVIEWER, "approved", "310115") == ["return"]
    assert available_actions(ADMIN, "approved", "310115") == ["complete", "return"]
