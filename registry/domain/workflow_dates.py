"""The dates the review workflow stamps on a project, as pure rules: the day a district reports its
project completed (``completion_day``, the "complete" step) and which of the completion and
verification dates a project of a status has (``stamped_date_errors``, a bulk import's rows).
"""
from __future__ import annotations

from datetime import date

from registry.domain.days import day_refusal
from registry.domain.errors import N_, Day, FieldError, Message, ValidationError
from registry.domain.vocabulary import PROJECT_STATUSES


def completion_day(given: date | str | None, today: date, project_year: int) -> date:
    """The day a project was completed, as its district reports with the "complete" step: today
    unless given — a project finished on 28 December and reported on 5 January belongs to the old
    year under the "completed" counting rule. Not in the future, not before the project's year."""
    if given is None or (isinstance(given, str) and not given.strip()):
        return today
    try:
        day = given if isinstance(given, date) else date.fromisoformat(given.strip())
    except ValueError:
        refusal = day_refusal(given, N_("must be a date such as 2017-06-30"))
        raise ValidationError.single("completed_on", refusal.msgid, **refusal.params) from None
    errors = stamped_date_errors("completed", project_year, day, None, today)  # the bulk import's rules
    if errors:
        raise ValidationError(errors)
    return day


# The dates the workflow stamps, and the statuses that have them (a return clears both).
STAMPED_DATES = {"completed_on": frozenset({"completed", "verified"}), "verified_on": frozenset({"verified"})}
_NOT_STAMPED = {"completed_on": N_("only a completed or verified project has a completion date"),
                "verified_on": N_("only a verified project has a verification date")}


def stamped_date_errors(status: str, year: int | None, completed_on: date | None, verified_on: date | None,
                        today: date) -> list[FieldError]:
    """What is wrong with the completion and verification dates of a project given with ``status``
    (a bulk import): present exactly when the workflow would have stamped them, not in the future,
    completion not before the year before the project's (``year`` None: unknown, not compared),
    verification not before completion."""
    errors: list[FieldError] = []
    for name, value in (("completed_on", completed_on), ("verified_on", verified_on)):
        if status in STAMPED_DATES[name] and value is None:
            errors.append(FieldError(name, Message(N_("is required for a project whose status is %(status)s"),
                                                   {"status": Message(PROJECT_STATUSES[status])})))
        elif status not in STAMPED_DATES[name] and value is not None:
            errors.append(FieldError(name, Message(_NOT_STAMPED[name])))
        elif value is not None and value > today:
            errors.append(FieldError(name, Message(N_("must not be in the future (today is %(today)s)"),
                                                   {"today": Day(today)})))
    if completed_on is not None and year is not None and completed_on.year < year - 1:
        errors.append(FieldError("completed_on", Message(N_("the completion date is before the project's year"))))
    if completed_on is not None and verified_on is not None and verified_on < completed_on:
        errors.append(FieldError("verified_on", Message(N_("must not be before the completion date"))))
    return errors
