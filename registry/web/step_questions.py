"""What a project page's step buttons ask before a step that credits a claim, and why (templates/
projects/detail.html, static/js/confirm.js): approving or verifying a claim the online monitoring
flags (the deviation in words), verifying a project whose dossier has no energy-savings audit report
(its documents freeze at verification). Neither refuses the step (docs/registration.md); each is read
before the claim is credited, not passed over in a click."""
from __future__ import annotations

from flask_babel import gettext

from registry.domain.monitoring import PART, MonitoringCheck
from registry.domain.presentation import given_places, percent_text
from registry.domain.quality import AUDIT_REPORT
from registry.i18n import format_number

STEPS = ("approve", "verify")  # the steps that credit a claim


def lacks_audit_report(kinds_held) -> bool:
    """Whether a dossier of documents of ``kinds_held`` has no energy-savings audit report."""
    return AUDIT_REPORT not in set(kinds_held)


def step_questions(check: MonitoringCheck | None, kinds_held) -> dict[str, str]:
    """``{step: question}`` for the steps some reason holds back (approve, verify); the others none.
    ``kinds_held``: the kinds of the project's documents."""
    reasons: dict[str, list[str]] = {step: [] for step in STEPS}
    if check is not None and check.flagged:
        for step in STEPS:
            reasons[step].append(_flag(check))
    if lacks_audit_report(kinds_held):
        reasons["verify"].append(gettext("The supporting documents hold no energy-savings audit report yet, and "
                                         "they cannot change once the project is verified."))
    questions = {"approve": gettext("Approve it all the same?"), "verify": gettext("Verify it all the same?")}
    return {step: gettext("%(reason)s %(question)s", reason=" ".join(said), question=questions[step])
            for step, said in reasons.items() if said}


def _flag(check: MonitoringCheck) -> str:
    """Why the online monitoring flags it, as its card's figures say it."""
    if check.claim is not None and check.claim.scope == PART:
        return gettext("The consumption before the project is larger than the enterprise's whole monitored "
                       "consumption (%(share)s of it).", share=percent_text(check.share_percent, format_number))
    if check.deviation_percent is None:  # a whole claim beside a monitored figure of 0
        return gettext("The online monitoring records no consumption of the enterprise in the year compared.")
    tolerance = f"±{format_number(check.tolerance_percent, given_places(check.tolerance_percent))} %"
    return gettext("The claimed consumption deviates from the online monitoring by %(deviation)s, more than "
                   "%(tolerance)s.", deviation=percent_text(check.deviation_percent, format_number, signed=True),
                   tolerance=tolerance)
