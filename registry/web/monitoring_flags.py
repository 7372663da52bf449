"""What a project page's step buttons ask before approving or verifying a claim the online monitoring
flags (templates/projects/detail.html, static/js/confirm.js): the deviation in words, then the step.
The flag refuses nothing (docs/registration.md, "Online monitoring cross-check"); it is read before
the claim is credited, not passed over in a click."""
from __future__ import annotations

from flask_babel import gettext

from registry.domain.monitoring import PART, MonitoringCheck
from registry.domain.presentation import given_places
from registry.i18n import format_number


def flag_questions(check: MonitoringCheck | None) -> dict[str, str]:
    """``{step: question}`` for the steps that credit the claim (approve, verify); none unless flagged."""
    if check is None or not check.flagged:
        return {}
    reason = _reason(check)
    questions = {"approve": gettext("Approve it all the same?"), "verify": gettext("Verify it all the same?")}
    return {step: gettext("%(reason)s %(question)s", reason=reason, question=question)
            for step, question in questions.items()}


def _percent(value, signed: bool = False) -> str:
    sign = "+" if signed and value > 0 else ""
    return f"{sign}{format_number(value, 1)} %"


def _reason(check: MonitoringCheck) -> str:
    """Why it is flagged, as its card's figures say it."""
    if check.claim is not None and check.claim.scope == PART:
        return gettext("The consumption before the project is larger than the enterprise's whole monitored "
                       "consumption (%(share)s of it).", share=_percent(check.share_percent))
    if check.deviation_percent is None:  # a whole claim beside a monitored figure of 0
        return gettext("The online monitoring records no consumption of the enterprise in the year compared.")
    tolerance = f"±{format_number(check.tolerance_percent, given_places(check.tolerance_percent))} %"
    return gettext("The claimed consumption deviates from the online monitoring by %(deviation)s, more than "
                   "%(tolerance)s.", deviation=_percent(check.deviation_percent, signed=True), tolerance=tolerance)
