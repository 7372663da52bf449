"""``registry quality``: the data-quality checks (数据质量检查, ``/quality/``) on the command line,
through the page's and ``GET /api/v1/quality``'s service (``services.quality``): how many records
fail each check, as the user ``--as`` may read them (without it, the system administrator: every
record), and the list command that shows exactly those records. Thin: parse, call the service, print."""
from __future__ import annotations

import shlex

import click

from registry.cli.context import session_scope
from registry.cli.output import acting_as, district_label, echo_json, labelled, name, number, say
from registry.cli.projects import reader
from registry.cli.translated import command
from registry.domain.errors import N_, DistrictRef
from registry.domain.quality import ENTERPRISES, PARCELS, PROJECTS
from registry.services import quality as svc
from registry.services.geodata import district_names

# The list command of each kind of record, which takes a check's parameters as its options
LISTS = {PROJECTS: ("projects", "list"), ENTERPRISES: ("enterprises", "list"), PARCELS: ("parcels", "list")}


def list_command(result: svc.CheckResult, as_user: str | None) -> str:
    """The command that lists the records failing ``result``'s check, as ``as_user`` reads them."""
    words = ["registry", *LISTS[result.check.records]]
    for option, value in result.link:
        words += [f"--{option}", value]
    if as_user:
        words += ["--as", as_user]
    return shlex.join(words)


@command("quality", help=N_("The data-quality checks: how many records fail each, and the command that lists "
                            "them."))
@click.option("--district", help=N_("City roles: check this district's records only (6-digit code, e.g. 310115); "
                                    "district staff always check their own district's."))
@acting_as(False, N_("Check as this user: only what they may read; district staff their own district."))
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True,
              help=N_("table: a line per check in REGISTRY_LANG's language; json: ids and counts, for scripts."))
def quality(district: str | None, as_user: str | None, fmt: str) -> None:
    with session_scope() as session:
        report = svc.quality_report(session, reader(session, as_user), district)
        names = district_names(session, [report.district_code]) if report.district_code else {}
    if fmt == "json":
        echo_json({"district_code": report.district_code, "checks": [r.to_dict() for r in report.results]})
        return
    if report.district_code:
        say(N_("The records of %(district)s that need attention:"),
            district=district_label(DistrictRef(report.district_code, names.get(report.district_code))))
    else:
        say(N_("The city's records that need attention:"))
    for result in report.results:
        click.echo(f"{number(result.failing, 0):>9}  {labelled(result.check.label, list_command(result, as_user))}")
        click.echo(f"{'':>9}  {name(result.check.why)}")
