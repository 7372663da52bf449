"""``registry projects list|show``: projects as the project list and page show them, read as a
registry user (``--as``) or, without it, as the system administrator (all of them). The workflow
steps are ``project_steps.py``'s. Thin: the same services as the pages and the API."""
from __future__ import annotations

from dataclasses import asdict

import click

from registry.cli.changes import history_lines
from registry.cli.context import session_scope
from registry.cli.output import (
    NOTHING, acting_as, coded, day, district_label, echo_json, echo_lines, figure, labelled, name, noted, text,
)
from registry.cli.translated import group
from registry.domain.channels import CLI
from registry.domain.deadlines import overdue_note
from registry.domain.errors import N_, DistrictRef
from registry.domain.monitoring import VERDICTS, MonitoringCheck
from registry.domain.numbers import optional_year_number
from registry.domain.permissions import Actor
from registry.domain.quality import PROJECTS, listed_checks
from registry.domain.years import MAX_YEAR, MIN_YEAR  # projects.year's CHECK: see years.py
from registry.domain.vocabulary import (
    LAND_USE_CLASSES, PARCEL_STATUSES, PROJECT_KINDS, PROJECT_STATUSES, STRUCTURAL_MODES, WORKFLOW_STEPS,
)
from registry.services import accounts
from registry.services.geodata import district_names
from registry.services import projects as svc
from registry.services.monitoring_checks import FILTERS as MONITORING_FILTERS
from registry.services.projects.filters import enterprise_code
from registry.services.projects.views import project_id_named

# ``--enterprise`` of ``projects list`` and ``projects export``: the list's enterprise= (services/projects/filters.py)
ENTERPRISE_HELP = N_("An enterprise's unified social credit code: its projects exactly (--q also finds projects "
                     "whose title or reference holds the text).")
PAGE = 200  # the list service's largest page; a longer --limit reads page after page
MAX_LIMIT = 10_000


@group(help=N_('Projects: list, show, and take workflow steps (docs/registration.md, "The command line").'))
def projects() -> None:
    pass


def reader(session, as_user: str | None) -> Actor:
    """Who reads: the user named by ``--as``, else the system administrator (every project)."""
    return accounts.actor_named(session, as_user) if as_user else Actor.system(CLI)


@projects.command("list", help=N_("List projects by reference: id, reference, status (and days overdue), year, "
                                  "district (name and code), savings (当量值), title."))
@click.option("--district", help=N_("6-digit district code (GB/T 2260), e.g. 310115."))
@click.option("--kind", type=click.Choice(list(PROJECT_KINDS)))
@click.option("--year", type=int, help=N_("Programme year."))  # its range checked as every year field's (words of rollup --year)
@click.option("--status", type=click.Choice(list(PROJECT_STATUSES)))
@click.option("--overdue", is_flag=True,
              help=N_("Only approved projects past their planned completion (逾期未完成), as of today in Shanghai."))
@click.option("--q", "text_filter", metavar="TEXT",
              help=N_("Enterprise name, credit code, title or reference, as the search box matches."))
@click.option("--check", type=click.Choice(list(listed_checks(PROJECTS))),
              help=N_("A data-quality check (registry quality): the projects failing it."))
@click.option("--monitoring", type=click.Choice(list(MONITORING_FILTERS)),
              help=N_("flagged: claimed consumption beyond the online monitoring's tolerance (not for planners)."))
@click.option("--enterprise", metavar="CREDIT_CODE", help=ENTERPRISE_HELP)
@click.option("--limit", type=click.IntRange(1, MAX_LIMIT), default=50, show_default=True,
              help=N_("At most this many projects, by reference."))
@acting_as(False, N_("Read as this user (district staff: their district and approved projects elsewhere)."))
@click.option("--json", "as_json", is_flag=True, help=N_("Print JSON: total and items, as the API's list gives them."))
def list_projects(district, kind, year, status, overdue: bool, text_filter, check, monitoring, enterprise,
                  limit: int, as_user, as_json: bool) -> None:
    items: list[svc.ProjectSummary] = []
    credit_code = enterprise_code(enterprise)  # a malformed code is the error line, naming its fault
    year = optional_year_number(year, "year", MIN_YEAR, MAX_YEAR)
    with session_scope() as session:
        actor = reader(session, as_user)
        page_number, total = 1, 0
        while len(items) < limit:
            filters = svc.ProjectFilter(text=text_filter, district_code=district, kind=kind, year=year, status=status,
                                        overdue=overdue, check=check, monitoring=monitoring,
                                        enterprise_code=credit_code, sort="reference",
                                        descending=False, page=page_number,
                                        page_size=min(PAGE, limit))
            page = svc.list_projects(session, actor, filters)
            total = page.total
            items.extend(page.items[:limit - len(items)])
            if page_number >= page.pages:
                break
            page_number += 1
        names = district_names(session, {p.district_code for p in items})
    if as_json:
        echo_json({"total": total, "items": items})
        return
    echo_lines((f"{p.id:>7}  {p.reference}  {status_of(p.status, p.overdue_days)}  {p.year}  "
                f"{district_label(DistrictRef(p.district_code, names.get(p.district_code)))}  "
                f"{figure(p.savings_tce, 'tce')}  {p.title}" for p in items), N_("No project matches these filters."))
    if total > len(items):
        click.echo(text(N_("(%(shown)d of %(total)d projects; raise --limit or narrow the filters)"),
                        shown=len(items), total=total), err=True)


def status_of(status: str, overdue: int | None) -> str:
    """The status by its name, with its days overdue beside it (已批准（逾期 65 天）)."""
    if overdue is None:
        return coded(PROJECT_STATUSES, status)
    note = overdue_note(overdue)
    return text(N_("%(text)s (%(note)s)"), text=coded(PROJECT_STATUSES, status), note=text(note.msgid, **note.params))


@projects.command(help=N_("Show PROJECT (its id or its reference): status, savings on both electricity bases, "
                          "parcels, documents, history."))
@click.argument("project")
@acting_as(False, N_("Read as this user (their actions are listed)."))
@click.option("--json", "as_json", is_flag=True, help=N_("Print the project as JSON (without the parcels' outlines)."))
def show(project: str, as_user: str | None, as_json: bool) -> None:
    with session_scope() as session:
        actor = reader(session, as_user)
        view = svc.get_project(session, actor, project_id_named(session, actor, project))
        if as_json:
            echo_json(as_document(view))
        else:
            for line in described(view):
                click.echo(line)


def as_document(view: svc.ProjectView) -> dict:
    """The project for scripts: the API's field names, the parcels without their outlines (the API
    and ``registry export`` give those), the history's entries as recorded."""
    fields = {key: getattr(view, key) for key in (
        "id", "reference", "title", "kind", "year", "status", "district_code", "enterprise_id", "enterprise_name",
        "credit_code", "structural_mode", "savings_tce", "savings_tce_equal_value", "savings_kwh", "installed_kw",
        "remanufactured_kw", "savings_method", "investment_wan_yuan", "subsidy_requested_wan_yuan",
        "subsidy_approved_wan_yuan", "output_value_wan_yuan", "freed_land_m2", "planned_completion", "overdue_days",
        "completed_on", "verified_on", "is_illustrative", "version", "updated_at", "actions", "document_count")}
    parcels = [{"id": p.id, "code": p.code, "area_m2": p.area_m2, "land_use_class": p.land_use_class,
                "status": p.status} for p in view.parcels]
    history = [{"at": h.at, "username": h.username, "action": h.action, "changes": h.changes, "note": h.note}
               for h in view.history]
    lookalikes = [{"id": d.project.id, "reference": d.project.reference, "status": d.project.status,
                   "reasons": [text(m.msgid, **m.params) for m in d.reasons]} for d in view.possible_duplicates]
    monitoring = asdict(view.monitoring) | {"flagged": view.monitoring.flagged} if view.monitoring else None
    return fields | {"parcels": parcels, "history": history, "possible_duplicates": lookalikes, "monitoring": monitoring}


def monitoring_line(check: MonitoringCheck) -> str:
    """The verdict of the online monitoring's cross-check, with the figures compared and their year."""
    assert check.claim is not None
    figures = text(N_("claimed %(claimed)s, monitored %(monitored)s in %(year)s"), year=check.claim.year,
                   claimed=figure(check.claim.consumption_tce, "tce"),
                   monitored=figure(check.monitored_tce, "tce") if check.monitored_tce is not None else NOTHING)
    return noted(coded(VERDICTS, check.verdict), figures)


def described(view: svc.ProjectView) -> list[str]:
    """The project as lines: what a reviewer reads on its page, in the CLI's language."""
    lines = [text(N_("%(reference)s  %(title)s  (id %(id)s, version %(version)s)"), reference=view.reference,
                  title=view.title, id=view.id, version=view.version),
             labelled(N_("Status"), status_of(view.status, view.overdue_days)),
             labelled(N_("Kind"), coded(PROJECT_KINDS, view.kind)),
             labelled(N_("Year"), str(view.year)),
             labelled(N_("District"), district_label(view.district_code)),
             labelled(N_("Enterprise"), noted(view.enterprise_name, view.credit_code))]
    if view.structural_mode:
        lines.append(labelled(N_("Mode"), coded(STRUCTURAL_MODES, view.structural_mode)))
    lines += [labelled(N_("Energy saved, equivalent value (tce)"), figure(view.savings_tce, "tce", with_unit=False)),
              labelled(N_("Energy saved, equal value (tce)"),
                       figure(view.savings_tce_equal_value, "tce", with_unit=False))]
    if view.savings_kwh is not None:
        lines.append(labelled(N_("Electricity saved"), figure(view.savings_kwh, "kWh")))
    if view.installed_kw is not None:
        lines.append(labelled(N_("Installed power"), figure(view.installed_kw, "kW")))
    lines += [labelled(N_("Planned completion"), day(view.planned_completion)),
              labelled(N_("Completed on"), day(view.completed_on)),
              labelled(N_("Verified on"), day(view.verified_on)),
              labelled(N_("Parcels"), str(len(view.parcels)))]
    lines += [f"  {p.id:>7}  {p.code}  {figure(p.area_m2, 'm²')}  {coded(LAND_USE_CLASSES, p.land_use_class)}  "
              f"{coded(PARCEL_STATUSES, p.status)}" for p in view.parcels]
    lines.append(labelled(N_("Supporting documents"), str(view.document_count)))
    if view.monitoring is not None and view.monitoring.claim is not None:
        lines.append(labelled(N_("Online monitoring cross-check"), monitoring_line(view.monitoring)))
    if view.possible_duplicates:
        lines.append(labelled(N_("Possible double registration"), str(len(view.possible_duplicates))))
        lines += [f"  {d.project.reference}  {d.project.title}  {coded(PROJECT_STATUSES, d.project.status)}  "
                  + name("; ").join(text(m.msgid, **m.params) for m in d.reasons) for d in view.possible_duplicates]
    lines += history_lines("project", view.history)
    steps = name(", ").join(noted(name(WORKFLOW_STEPS[a]), a) for a in view.actions) if view.actions else NOTHING
    lines.append(labelled(N_("Steps you may take"), steps))
    return lines
