"""``registry projects submit|approve|return|complete|verify PROJECT… --as USER``: a workflow step
taken as a named registry user — their role and district, the audit trail under their name — by
the same services as the project page and the API: one project by the single step
(``transition``), several by the batch (``transition_many``: all or nothing, each as it would take
the step alone). Nothing changes when any is refused; the refusal is an error line (exit status 2)."""
from __future__ import annotations

import click

from registry.cli.context import session_scope
from registry.cli.output import acting_as, say
from registry.cli.translated import command as translated_command
from registry.domain.errors import N_, Message, ValidationError
from registry.domain.vocabulary import PROJECT_STATUSES
from registry.services import accounts
from registry.services import projects as svc
from registry.services.projects.views import project_id_named

AS_HELP = N_("The registry user taking the step (required): their role and district apply, and the audit trail "
             "names them.")
COMMENT_HELP = N_("Why (required to return; kept in the project's history).")
SUBSIDY_HELP = N_("The subsidy the city approves, in 万元, recorded with the step in its history (one project only; "
                  "left out, the amount recorded stays).")


def _project_id(session, actor, key: str) -> int:
    """An id as given (a project the actor may not read is refused by the step itself, as the API's
    is), a reference looked up among the projects the actor reads."""
    key = key.strip()
    return int(key) if key.isascii() and key.isdigit() else project_id_named(session, actor, key)


def take_step(action: str, keys: tuple[str, ...], as_user: str, comment: str | None,
              completed_on: str | None = None, subsidy_approved: str | None = None) -> None:
    if subsidy_approved is not None and len(keys) > 1:  # as the batch of the pages and the API: no amount
        raise ValidationError.single("subsidy_approved_wan_yuan", N_(
            "an approved subsidy is one project's: approve or verify that project alone to record it"))
    with session_scope() as session:
        actor = accounts.actor_named(session, as_user)
        ids = [_project_id(session, actor, key) for key in keys]
        if len(ids) == 1:
            view = svc.transition(session, actor, ids[0], action, comment, completed_on=completed_on,
                                  subsidy_approved=subsidy_approved)
            taken = [(view.reference, view.title, view.status)]
        else:
            done = svc.transition_many(session, actor, action, [svc.Selected(i, None) for i in ids], comment)
            taken = [(step.reference, step.title, step.status) for step in done]
    for reference, title, status in taken:
        say(N_("%(reference)s %(title)s is now %(status)s"), reference=reference, title=title,
            status=Message(PROJECT_STATUSES[status]))


def _step_command(action: str, summary: str, with_completion_day: bool = False,
                  with_subsidy: bool = False) -> click.Command:
    def command(projects: tuple[str, ...], as_user: str, comment: str | None, completed_on: str | None = None,
                subsidy_approved: str | None = None) -> None:
        take_step(action, projects, as_user, comment, completed_on, subsidy_approved)

    command = click.option("--comment", help=COMMENT_HELP)(command)
    if with_completion_day:
        command = click.option("--completed-on", "completed_on", metavar="YYYY-MM-DD",
                               help=N_("The day the project was completed (default today, Beijing time)."))(command)
    if with_subsidy:
        command = click.option("--subsidy-approved", "subsidy_approved", metavar="万元", help=SUBSIDY_HELP)(command)
    command = acting_as(True, AS_HELP)(command)
    command = click.argument("projects", nargs=-1, required=True, metavar="PROJECT…")(command)
    return translated_command(action, help=summary, fields={"subsidy_approved_wan_yuan": "subsidy_approved"})(command)


STEPS = (
    _step_command("submit", N_("Submit drafts or returned projects for review (district staff of their district).")),
    _step_command("approve", N_("Approve submitted projects (city reviewers)."), with_subsidy=True),
    _step_command("return", N_("Return submitted, approved or completed projects to the district, with --comment.")),
    _step_command("complete", N_("Report a project's completion (district staff), one project at a time: "
                                 "each has its own completion day."), with_completion_day=True),
    _step_command("verify", N_("Verify completed projects (city reviewers): their savings are then credited."),
                  with_subsidy=True),
)


def register(group: click.Group) -> None:
    for command in STEPS:
        group.add_command(command)
