"""A project's planned completion (计划完成日期) as a deadline: which projects are overdue (逾期未完成).

A project is overdue while it is **approved** (已批准) and its planned completion is before today:
the city has accepted its plan, and its district has not yet reported it complete. The other
statuses are not: a draft, a submitted or a returned project is a plan not yet accepted (its date
may still change in review, and the review itself is on the reviewers' to-do list); a completed or
verified one has been done, late or not (its completion day tells how late). A planned completion
of today is not overdue yet — the project may be completed today; tomorrow it is one day overdue.

"Today" is the registry's business day, the calendar day in Shanghai (``registry.clock.today``),
which callers pass in: the rule itself reads no clock. docs/registration.md, "Overdue projects".
"""
from __future__ import annotations

from datetime import date

from registry.domain.errors import N_, Day, Message, Number

# The statuses in which a passed planned completion makes a project overdue.
OVERDUE_STATUSES = frozenset({"approved"})


def overdue_days(status: str, planned_completion: date | None, today: date) -> int | None:
    """How many days an approved project is past its planned completion on ``today`` (1 the day
    after it), or ``None`` when it is not overdue: another status, no planned completion, or a
    planned completion today or later."""
    if status not in OVERDUE_STATUSES or planned_completion is None or planned_completion >= today:
        return None
    return (today - planned_completion).days


def overdue_note(days: int) -> Message:
    """"N days overdue" (逾期 N 天): the list's badge, the command line's note beside the status."""
    if days == 1:
        return Message(N_("1 day overdue"))
    return Message(N_("%(days)s days overdue"), {"days": Number(days, 0)})


def overdue_notice(planned_completion: date, days: int) -> Message:
    """The project page's notice: 计划 2026年10月1日完成，已逾期 65 天."""
    if days == 1:
        return Message(N_("Planned to be completed on %(day)s: 1 day overdue."), {"day": Day(planned_completion)})
    return Message(N_("Planned to be completed on %(day)s: %(days)s days overdue."),
                   {"day": Day(planned_completion), "days": Number(days, 0)})
