"""``registry enterprises list``: the enterprise directory (企业名录, ``/enterprises/``) on the command
line, through the page's and ``GET /api/v1/enterprises``'s service (``services.enterprise_directory``):
the same filters and order, each enterprise's projects counted as the user ``--as`` may read them
(without it, the system administrator: every one). Thin: parse, call the service, print."""
from __future__ import annotations

from dataclasses import asdict

import click

from registry.cli.context import session_scope
from registry.cli.output import NOTHING, acting_as, district_label, echo_list, labelled, list_format, number, text
from registry.cli.projects import reader
from registry.cli.translated import command
from registry.domain.errors import N_, DistrictRef, ValidationError
from registry.domain.industries import NOT_A_PREFIX, industry_prefix
from registry.domain.quality import ENTERPRISES, listed_checks
from registry.services import enterprise_directory as svc
from registry.services.geodata import district_names

MAX_LIMIT = 10_000
# The API's item keys (GET /api/v1/enterprises), without its link
KEYS = ("id", "name", "credit_code", "industry_code", "district_code", "is_illustrative", "projects", "latest_year",
        "former_name")


# The directory's filters and order, as ``list`` and ``export`` (cli/enterprise_export.py) take them
FILTER_OPTIONS = (
    click.option("--q", "text_filter", metavar="TEXT",
                 help=N_("Part of the name, of a former name or of the credit code, as the search box matches them.")),
    click.option("--district", help=N_("6-digit district code (GB/T 2260), e.g. 310115.")),
    click.option("--industry", metavar="PREFIX", help=N_("GB/T 4754-2017 code prefix: a section (C), a division (C26)…")),
    click.option("--projects", type=click.Choice(list(svc.WITH_PROJECTS)),
                 help=N_("with: at least one project the reader may read; without: none.")),
    click.option("--check", type=click.Choice(list(listed_checks(ENTERPRISES))),
                 help=N_("A data-quality check (registry quality): the enterprises failing it.")),
    click.option("--sort", type=click.Choice(list(svc.SORT_KEYS)), default="name", show_default=True),
    click.option("--dir", "direction", type=click.Choice(["asc", "desc"]),
                 help=N_("Default: asc for name, credit_code and district; desc for projects and latest_year.")),
)


def directory_filters(command):
    """The directory's filter options on ``command``, in the order ``--help`` lists them."""
    for option in reversed(FILTER_OPTIONS):
        command = option(command)
    return command


@command("list", help=N_("List enterprises: id, credit code, name, district (name and code), industry code, "
                         "how many of their projects the reader may read and the latest year among them."))
@directory_filters
@click.option("--limit", type=click.IntRange(1, MAX_LIMIT), default=50, show_default=True,
              help=N_("At most this many enterprises, in the list's order."))
@acting_as(False, N_("Read as this user (district staff: the projects of their district and approved ones elsewhere)."))
@list_format()
def list_enterprises(text_filter, district, industry, projects, check, sort: str, direction: str | None, limit: int,
                     as_user: str | None, fmt: str) -> None:
    prefix = industry_prefix(industry)
    if industry and prefix is None:
        raise ValidationError.single("industry", NOT_A_PREFIX)
    descending = (direction or ("desc" if sort in svc.FIRST_DESCENDING else "asc")) == "desc"
    filters = svc.EnterpriseFilter(text=text_filter, district_code=district, industry=prefix,
                                   with_projects=svc.WITH_PROJECTS.get(projects or ""), check=check, sort=sort,
                                   descending=descending,
                                   page_size=svc.MAX_PAGE_SIZE)
    rows: list = []
    with session_scope() as session:
        actor = reader(session, as_user)
        while True:  # a page at a time, up to --limit
            page = svc.list_enterprises(session, actor, filters)
            rows.extend(page.items[:limit - len(rows)])
            if len(rows) >= limit or page.page >= page.pages:
                break
            filters = svc.EnterpriseFilter(**(asdict(filters) | {"page": page.page + 1}))
        names = district_names(session, {r.district_code for r in rows if r.district_code})
    items = [{key: getattr(row, key) for key in KEYS} for row in rows]
    echo_list(fmt, {"total": page.total, "items": items}, KEYS, items, [_line(row, names) for row in rows],
              N_("(%(shown)d of %(total)d enterprises; raise --limit or narrow the filters)"),
              N_("No enterprise matches these filters."))

def _line(row, names) -> str:
    district = district_label(DistrictRef(row.district_code, names.get(row.district_code))) if row.district_code \
        else NOTHING
    line = (f"{row.id:>7}  {row.credit_code}  {row.name}  {district}  {row.industry_code or NOTHING}  "
            f"{labelled(N_('Projects'), number(row.projects, 0))}  "
            f"{labelled(N_('Latest project year'), str(row.latest_year) if row.latest_year else NOTHING)}")
    if row.former_name:
        line += "  " + text(N_("Former name: %(name)s"), name=row.former_name)
    return line
