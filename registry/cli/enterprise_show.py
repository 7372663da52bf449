"""``registry enterprises show CREDIT_CODE [--as USER] [--json]``: an enterprise whole, as its page
(``/enterprises/<id>``) shows it to the user ``--as`` (without it, the system administrator), through
the page's service (``services.enterprises.get_enterprise``): its details and former names, every
project the reader may see (page after page of the service's), its online monitoring's years with
the verdicts of its projects compared with each (not for planners; district staff: their district's
enterprises, their district's projects), and its history with what each entry changed. Lines in the
CLI's language, or JSON with the codes and ISO dates for scripts."""
from __future__ import annotations

from dataclasses import asdict

import click

from registry.cli.changes import history_lines
from registry.cli.context import session_scope
from registry.cli.output import (
    NOTHING, acting_as, coded, district_label, echo_json, figure, labelled, moment, name, noted, number, text,
)
from registry.cli.projects import reader, status_of
from registry.cli.translated import command
from registry.domain.errors import N_, Day
from registry.domain.industries import industry_section
from registry.domain.monitoring import VERDICTS
from registry.domain.presentation import percent_text
from registry.domain.vocabulary import PROJECT_KINDS
from registry.services import enterprises as svc
from registry.services.history import references
from registry.services.monitoring_checks import CheckedProject, EnterpriseMonitoring
from registry.services.projects import ProjectSummary
from registry.services.projects.listing import MAX_PAGE_SIZE


@command("show", help=N_("Show the enterprise of CREDIT_CODE as its page does: details, former names, its projects "
                         "(with days overdue), its online monitoring by year with each compared project's verdict, "
                         "history."))
@click.argument("credit_code")
@acting_as(False, N_("Read as this user (district staff: the projects of their district and approved ones elsewhere, "
                     "the monitoring of their district's enterprises; planners: no monitoring)."))
@click.option("--json", "as_json", is_flag=True,
              help=N_("Print JSON: the API's field names, codes and ISO 8601 dates, every project."))
def show(credit_code: str, as_user: str | None, as_json: bool) -> None:
    with session_scope() as session:
        actor = reader(session, as_user)
        detail = svc.get_enterprise(session, actor, credit_code, page_size=MAX_PAGE_SIZE)
        projects = list(detail.projects.items)
        for page in range(2, detail.projects.pages + 1):  # every project, not the page's first 200
            projects += svc.enterprise_projects(session, actor, detail.enterprise.id, page, MAX_PAGE_SIZE).items
        refs = references(session, detail.history, [detail.enterprise.district_code])
    if as_json:
        echo_json(as_document(detail, projects))
        return
    for line in described(detail, projects, refs):
        click.echo(line)


def as_document(detail: svc.EnterpriseDetail, projects: list[ProjectSummary]) -> dict:
    """The enterprise for scripts: the API's enterprise fields, every project as ``projects list --json``
    gives it, the monitoring (``null``: the reader reads none) and the history's entries as recorded."""
    monitoring = None
    if (m := detail.monitoring) is not None:
        monitoring = {"years": [{"year": y.figure.year, "consumption_tce": y.figure.consumption_tce,
                                 "source": y.figure.source, "loaded_at": y.figure.loaded_at,
                                 "loaded_by": y.figure.loaded_by, "projects": [_checked(c) for c in y.projects]}
                                for y in m.years],
                      "without_figure": [_checked(c) for c in m.without_figure]}
    history = [{"at": h.at, "username": h.username, "action": h.action, "changes": h.changes, "note": h.note}
               for h in detail.history]
    return vars(detail.enterprise) | {"former_names": detail.former_names, "projects": projects,
                                      "monitoring": monitoring, "history": history}


def _checked(checked: CheckedProject) -> dict:
    return {"id": checked.project.id, "reference": checked.project.reference,
            "check": asdict(checked.check) | {"flagged": checked.check.flagged}}


def described(detail: svc.EnterpriseDetail, projects: list[ProjectSummary], refs) -> list[str]:
    """The enterprise as lines: what its page shows the reader, in the CLI's language."""
    e = detail.enterprise
    lines = [text(N_("%(name)s  %(code)s  (id %(id)s, version %(version)s)"), name=e.name, code=e.credit_code,
                  id=e.id, version=e.version),
             labelled(N_("District"), district_label(e.district_code)),
             labelled(N_("Industry code (GB/T 4754-2017)"), industry(e.industry_code)),
             labelled(N_("Address"), e.address or NOTHING)]
    if detail.former_names:
        lines.append(labelled(N_("Former names"), str(len(detail.former_names))))
        lines += [f"  {f.name} {text(N_('(until %(day)s)'), day=Day(f.until))}" for f in detail.former_names]
    lines.append(labelled(N_("Projects"), number(detail.projects.total, 0)))
    lines += [f"  {p.reference}  {coded(PROJECT_KINDS, p.kind)}  {p.year}  {status_of(p.status, p.overdue_days)}  "
              f"{figure(p.savings_tce, 'tce')}" for p in projects]
    if detail.monitoring is not None:
        lines += monitoring_lines(detail.monitoring)
    lines += history_lines("enterprise", detail.history, refs)
    return lines


def industry(code: str | None) -> str:
    """A GB/T 4754-2017 code with its section's name (C381（制造业）), the one name the registry holds."""
    if not code:
        return NOTHING
    section = industry_section(code)
    return noted(code, name(section)) if section else code


def monitoring_lines(m: EnterpriseMonitoring) -> list[str]:
    """Its monitored years, the latest first, each with the projects compared with it and their verdicts;
    then those compared with a year the monitoring does not hold."""
    if not m.years:
        return [labelled(N_("Online energy monitoring"),
                         text(N_("The online monitoring holds no figure of this enterprise's credit code.")))]
    lines = [labelled(N_("Online energy monitoring"), str(len(m.years)))]
    for year in m.years:
        f = year.figure
        lines.append(f"  {f.year}  {figure(f.consumption_tce, 'tce')}  {f.source or NOTHING}  "
                     f"{moment(f.loaded_at)} · {f.loaded_by or name(N_('System'))}")
        lines += [f"    {compared(c)}" for c in year.projects]
    if m.without_figure:
        lines.append("  " + labelled(N_("Projects compared with a year the monitoring does not hold"),
                                     str(len(m.without_figure))))
        lines += [f"    {compared(c)}  {text(N_('(year compared %(year)s)'), year=c.check.year)}"
                  for c in m.without_figure]
    return lines


def compared(checked: CheckedProject) -> str:
    """A compared project as the page's section names it: its reference, its verdict, the deviation or share."""
    check, line = checked.check, f"{checked.project.reference}  {coded(VERDICTS, checked.check.verdict)}"
    if check.deviation_percent is not None:
        return f"{line}  {labelled(N_('Deviation'), percent_text(check.deviation_percent, number, signed=True))}"
    if check.share_percent is not None:
        share = percent_text(check.share_percent, number)
        return f"{line}  {labelled(N_('Share of the monitored consumption'), share)}"
    return line

