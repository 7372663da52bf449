"""Use case: download the enterprise directory (企业名录) as XLSX or CSV — every enterprise its filters
select (all pages, in its order), each with the projects the reader may read counted as the page
counts them. One service for the directory page, ``GET /api/v1/enterprises/export`` and
``registry enterprises export``.

As the project list's download (``services.project_exports``): the rows stream from one statement
into the file the caller gives (``repositories.enterprise_exports``), so memory stays flat; at most
``MAX_EXPORT_ENTERPRISES`` are written, a larger selection refused before anything is, saying how
many matched; each download is an audit-trail entry (``services.export_log``: who, the channel, the
filters, how many) committed before the rows stream, and a log line (``registry.exports``).

Columns: the page's (name, credit code, industry code, district, projects, latest project year) with
the industry code's GB/T 4754 section, the address and the former names (曾用名) besides; and, for the
roles that read the online monitoring, the years it recorded — district staff their district's
enterprises' only, as the monitoring page lists them (``domain.monitoring.reads_figures_of``).
"""
from __future__ import annotations

import logging
from typing import Any, BinaryIO, Callable, Iterator

from sqlalchemy.orm import Session

from registry import clock
from registry.domain.errors import N_, ValidationError
from registry.domain.industries import INDUSTRY_SECTIONS, industry_section
from registry.domain.monitoring import READERS
from registry.domain.permissions import DISTRICT_STAFF, Actor, unapproved_readable_in
from registry.domain.quality import BY_ID
from registry.repositories import enterprise_directory as directory_repo
from registry.repositories import enterprise_exports as repo
from registry.repositories import search as search_repo
from registry.repositories.enterprise_exports import EnterpriseExportRow, MonitoringSight
from registry.services import export_log
from registry.services import project_sheets as sheets
from registry.services.enterprise_directory import EnterpriseFilter, selection
from registry.services.project_exports import FORMATS, ExportedFile, check_format, district_names_in
from registry.services.rollup_xlsx import COUNT_FORMAT
from registry.services.table_files import write_csv
from registry.services.workbook_stream import Column, Sheet, write_xlsx

log = logging.getLogger("registry.exports")
Translate = Callable[[str], str]
# The most enterprises one file holds (docs/registration.md, "Downloading the directory"): as many as
# the project list's, whose rows are wider (docs/performance.md, "Downloading the enterprise directory").
MAX_EXPORT_ENTERPRISES = 100_000
SORT_LABELS = {"name": N_("Enterprise name"), "credit_code": N_("Unified social credit code"),
               "district": N_("District"), "projects": N_("Projects"),
               "latest_year": N_("Latest project year")}
MONITORED_YEARS = N_("Online monitoring years")
# (msgid of the header, width in characters, number format); the monitored years' column is added
# for the roles that read the monitoring
COLUMNS: list[tuple[str, int, str | None]] = [
    (N_("Enterprise name"), 36, None), (N_("Unified social credit code"), 21, None), (N_("Industry code"), 8, None),
    (N_("Industry section (GB/T 4754-2017)"), 22, None), (N_("District"), 10, None), (N_("Address"), 36, None),
    (N_("Projects (count)"), 8, COUNT_FORMAT), (N_("Latest project year"), 8, None), (N_("Former names"), 30, None),
]


def _columns(translate: Translate, sight: MonitoringSight) -> list[Column]:
    chosen = COLUMNS + ([(MONITORED_YEARS, 16, None)] if sight.readable else [])
    return [Column(translate(msgid), width, number_format) for msgid, width, number_format in chosen]


def _check_size(count: int, limit: int) -> None:
    if count > limit:
        raise ValidationError.single("format", N_(
            "%(count)d enterprises match: a download holds at most %(limit)d. Narrow the filters (a district, an "
            "industry) and download the parts."), count=count, limit=limit)


def _industry(prefix: str | None, translate: Translate) -> str:
    """The industry filter as the About sheet says it: C（制造业）, 代码以 C26 开头（制造业）."""
    if not prefix:
        return translate(N_("All"))
    text = prefix if prefix in INDUSTRY_SECTIONS else translate(N_("Codes starting with %(prefix)s")) % {"prefix": prefix}
    section = industry_section(prefix)
    return translate(N_("%(text)s (%(note)s)")) % {"text": text, "note": translate(section)} if section else text


def _selection(filters: EnterpriseFilter, names: dict[str, str], translate: Translate,
               actor: Actor, sight: MonitoringSight) -> list[tuple[str, Any]]:
    """What the file holds, as its About sheet lists it, with what the reader's role leaves out."""
    direction = N_("descending") if filters.descending else N_("ascending")
    sort = translate(N_("%(text)s (%(note)s)")) % {"text": translate(SORT_LABELS[filters.sort]),
                                                    "note": translate(direction)}
    projects = {None: N_("All"), True: N_("With projects"), False: N_("Without projects")}[filters.with_projects]
    lines: list[tuple[str, Any]] = [(N_("Enterprise name or credit code"), filters.text)] if filters.text else []
    lines += [(N_("District"), names.get(filters.district_code or "", filters.district_code or translate(N_("All districts")))),
              (N_("Industry (GB/T 4754-2017)"), _industry(filters.industry, translate)),
              (N_("Projects"), translate(projects))]
    if filters.check in BY_ID:
        lines.append((N_("Data-quality check"), translate(BY_ID[filters.check].label)))
    lines.append((N_("Sorted by"), sort))
    if actor.role == DISTRICT_STAFF:
        lines.append((N_("Projects (count)"), translate(N_(
            "The projects counted are those you may read: the approved ones across the city and every project "
            "of your district."))))
        if sight.readable:
            lines.append((MONITORED_YEARS, translate(N_(
                "Those of your district's enterprises only, as the online monitoring page lists them."))))
    return lines


def _cells(row: EnterpriseExportRow, translate: Translate, names: dict[str, str], sight: MonitoringSight) -> list[Any]:
    section = industry_section(row.industry_code)
    separator = translate(N_(", "))
    cells = [row.name, row.credit_code, row.industry_code or "", translate(section) if section else "",
             names.get(row.district_code or "", row.district_code or ""), row.address or "", row.projects,
             row.latest_year, separator.join(row.former_names or ())]
    if sight.readable:
        cells.append(separator.join(str(year) for year in row.monitored_years or ()))
    return cells


def export_enterprises(session: Session, actor: Actor, filters: EnterpriseFilter, fmt: str, out: BinaryIO,
                       translate: Translate, english: bool = False, limit: int | None = None) -> ExportedFile:
    """Every enterprise ``filters`` select (every role reads every enterprise; page and page size are
    ignored), in the directory's order, each with the projects ``actor`` may read counted, written to
    ``out`` in ``fmt``. ValidationError, before anything is written, above ``limit``
    (``MAX_EXPORT_ENTERPRISES`` unless given)."""
    check_format(fmt)
    chosen = selection(session, actor, filters)  # a check the directory does not filter by is refused here
    sight = MonitoringSight(actor.role in READERS, unapproved_readable_in(actor))
    query = repo.listed_query(chosen, filters.sort, filters.descending, sight)
    count = directory_repo.count(session, chosen)
    _check_size(count, MAX_EXPORT_ENTERPRISES if limit is None else limit)
    names = district_names_in(session, english)
    lines = _selection(filters, names, translate, actor, sight)
    logged = export_log.Export(export_log.ENTERPRISE_LIST, fmt, export_log.enterprise_list_filters(
        chosen.text.text if chosen.text else None, filters.district_code, filters.industry, filters.with_projects,
        filters.check, filters.sort, filters.descending), rows=count)
    export_log.record_export(session, actor, logged)  # committed before the rows stream
    if chosen.text is not None:  # the commit ended the transaction whose plans were set for the text
        search_repo.plan_for_each_text(session)
    at = clock.now()
    seen = {"illustrative": False, "count": 0}  # as written (the count above is another statement's)

    def rows() -> Iterator[list[Any]]:
        for row in repo.stream_enterprises(session, query):
            seen["illustrative"] = seen["illustrative"] or row.is_illustrative
            seen["count"] += 1
            yield _cells(row, translate, names, sight)

    columns = _columns(translate, sight)
    if fmt == "csv":
        write_csv(out, [c.header for c in columns], rows())
    else:
        about = lambda: sheets.about_rows(translate, lines, actor.username, at, seen["count"],  # noqa: E731
                                          seen["illustrative"], counted=N_("Enterprises (count)"))
        write_xlsx(out, [Sheet(translate(N_("Enterprises")), columns, rows(), autofilter=True),
                         Sheet(translate(N_("About")), sheets.about_columns(translate), about)])
    log.info("enterprise export by %s: %s, %d enterprises, %s", actor.username, fmt, seen["count"],
             "; ".join(f"{label}={value}" for label, value in lines))
    return ExportedFile(f"enterprises-{at.date().isoformat()}.{fmt}", FORMATS[fmt], seen["count"])
