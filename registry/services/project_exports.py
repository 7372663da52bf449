"""Use case: download projects as XLSX or CSV — every project the list's filters select (all pages,
in the list's order, only what the reader may read), or every project behind a rollup figure (the
drill-down's). One service for the project list page, the rollup drill-down, the API and
``registry projects export``.

Rows stream from one statement into the file (``repositories.project_exports``, openpyxl's
write-only mode or a CSV writer), so memory stays flat however many projects there are; the caller
gives the file (a temporary file for a download, the output file for the CLI). At most
``MAX_EXPORT_PROJECTS`` are written: a larger selection is refused before anything is written,
saying how many matched. Each download is an entry of the audit trail (``services.export_log``: who,
through which channel, the filters, how many), committed before the rows stream; and a log line
(``registry.exports``).
"""
from __future__ import annotations

import logging
from dataclasses import dataclass, replace
from typing import Any, BinaryIO, Callable, Iterator, Sequence

from sqlalchemy import Select
from sqlalchemy.orm import Session

from registry import clock
from registry.domain.errors import N_, Listed, UNKNOWN_VALUE, ValidationError
from registry.domain.monitoring import READERS
from registry.domain.permissions import DISTRICT_STAFF, Actor
from registry.domain.quality import BY_ID
from registry.domain.rollups import RULES, RollupQuery, check_drill_down
from registry.domain.search import normalize_query
from registry.domain.vocabulary import PROJECT_KINDS, PROJECT_STATUSES
from registry.repositories import project_exports as repo
from registry.repositories.projects import ListCriteria, list_conditions
from registry.repositories import search as search_repo
from registry.repositories.rollups import counted_selection, district_names
from registry.services.district_filter import require_known_districts
from registry.services import export_log, monitoring_checks
from registry.services import project_sheets as sheets
from registry.services.enterprises import EnterpriseView, registered_enterprise
from registry.services.monitoring_checks import FILTERS as MONITORING_FILTERS
from registry.services.projects.filters import download_stem
from registry.services.projects.listing import ProjectFilter, list_criteria
from registry.services.sheet_formats import sheet_moment
from registry.services.table_files import write_csv
from registry.services.workbook_stream import Sheet, write_xlsx

log = logging.getLogger("registry.exports")
Translate = Callable[[str], str]
FORMATS = {"xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
           "csv": "text/csv; charset=utf-8"}
# The most projects one file holds (docs/registration.md, "Downloading the list"): the 100,000 of
# docs/performance.md's benchmark, about 16 s on the loaded 2-core machine, inside gunicorn's 30 s
# worker timeout (and a sheet's 1,048,576 rows).
MAX_EXPORT_PROJECTS = 100_000
# What each sort of the list is called (its columns' headers)
SORT_LABELS = {"title": N_("Project name"), "reference": N_("Reference"), "enterprise": N_("Enterprise"),
               "kind": N_("Kind"), "year": N_("Year"), "district": N_("District"), "status": N_("Status"),
               "savings_tce": N_("Savings (equivalent value)"), "updated": N_("Last updated")}


@dataclass(frozen=True)
class ExportedFile:
    """What was written: the file's name (``projects-310115-2026-12-05.xlsx``), its media type, how many projects."""

    file_name: str
    media_type: str
    count: int


def check_format(fmt: str) -> str:
    if fmt not in FORMATS:
        raise ValidationError.single("format", UNKNOWN_VALUE,
                                     value=str(fmt)[:20], allowed=Listed(tuple(FORMATS)))
    return fmt


def _check_size(count: int, limit: int) -> None:
    if count > limit:
        raise ValidationError.single("format", N_(
            "%(count)d projects match: a download holds at most %(limit)d. Narrow the filters (a district, a "
            "year, a kind) and download the parts."), count=count, limit=limit)


def _named(code: str | None, vocabulary: dict[str, str], translate: Translate) -> str:
    return translate(vocabulary[code]) if code in vocabulary else (code or translate(N_("All")))


def _listed_selection(filters: ProjectFilter, names: dict[str, str], translate: Translate,
                      enterprise: EnterpriseView | None = None) -> list[tuple[str, Any]]:
    """What the file holds, as its About sheet lists it; ``enterprise``: the one ``enterprise_code`` names."""
    direction = N_("descending") if filters.descending else N_("ascending")
    sort = translate(N_("%(text)s (%(note)s)")) % {"text": translate(SORT_LABELS.get(filters.sort, filters.sort)),
                                                    "note": translate(direction)}
    lines = [(N_("Enterprise, credit code or reference"), filters.text)] if filters.text else []
    checked = [(N_("Data-quality check"), translate(BY_ID[filters.check].label))] if filters.check in BY_ID else []
    if filters.enterprise_code:  # by name and code (浙江…有限公司（9131…）), the code alone when no enterprise has it
        lines.append((N_("Enterprise"), filters.enterprise_code if enterprise is None else translate(
            N_("%(text)s (%(note)s)")) % {"text": enterprise.name, "note": enterprise.credit_code}))
    return lines + [
        (N_("District"), names.get(filters.district_code or "", filters.district_code or translate(N_("All districts")))),
        (N_("Kind"), _named(filters.kind, PROJECT_KINDS, translate)),
        (N_("Year"), filters.year if filters.year is not None else translate(N_("All"))),
        (N_("Status"), _named(filters.status, PROJECT_STATUSES, translate)),
        *([(N_("Overdue, not completed"), translate(N_("Yes")))] if filters.overdue else []), *checked,
        *([(N_("Online monitoring"), translate(MONITORING_FILTERS[filters.monitoring]))] if filters.monitoring else []),
        (N_("Sorted by"), sort)]


def export_projects(session: Session, actor: Actor, filters: ProjectFilter, fmt: str, out: BinaryIO,
                    translate: Translate, english: bool = False, limit: int | None = None) -> ExportedFile:
    """Every project ``filters`` select that ``actor`` may read (district staff: their district's and
    approved ones elsewhere, as the list), in the list's order, written to ``out`` in ``fmt``
    (page and page size are ignored). ValidationError, before anything is written, above ``limit``
    (``MAX_EXPORT_PROJECTS`` unless given)."""
    check_format(fmt)
    # a code no district has: refused, not an empty file (the actor's own is one)
    require_known_districts(session, [filters.district_code], held=[actor.district_code])
    text = normalize_query(filters.text or "")  # as the list reads it
    criteria = list_criteria(session, actor, filters)
    query = repo.listed_query(criteria, filters.sort, filters.descending)
    flagged = (lambda: _flagged(session, actor, criteria)) if actor.role in READERS else None
    names = district_names_in(session, english)
    enterprise = registered_enterprise(session, filters.enterprise_code) if filters.enterprise_code else None
    selection = _listed_selection(filters, names, translate, enterprise)
    if actor.role == DISTRICT_STAFF:  # the others' projects listed have no verdict for them, as on the page
        selection.append((sheets.MONITORING[0], translate(N_(
            "Your district's projects only, as the list marks them."))))
    logged = export_log.Export(export_log.PROJECT_LIST, fmt, export_log.project_list_filters(
        text or None, filters.district_code, filters.kind, filters.year, filters.status, filters.sort, filters.descending,
        filters.overdue, filters.check, filters.monitoring, filters.enterprise_code))
    return _export(session, actor, query, fmt, out, translate, names, selection, download_stem(filters), limit, logged,
                   per_text=bool(text), flagged_of=flagged)


def _flagged(session: Session, actor: Actor, criteria: ListCriteria) -> set[int]:
    """Which of the selection the online monitoring flags for ``actor``, as the list marks them: the
    filter's own ids when the list is filtered so, else its computation over the whole selection."""
    if criteria.project_ids is not None:
        return set(criteria.project_ids)
    return set(monitoring_checks.flagged_among(session, actor, list_conditions(criteria)))


def export_projects_behind(session: Session, actor: Actor, query: RollupQuery, kinds: Sequence[str], status: str | None,
                           fmt: str, out: BinaryIO, translate: Translate, english: bool = False,
                           limit: int | None = None) -> ExportedFile:
    """Every project counted behind a rollup figure (the drill-down's, all pages, by reference) in
    ``fmt``: figures, status and dates as counted (as of ``query.as_of``). They are completed or
    verified, which every signed-in role reads, as the drill-down shows them."""
    check_format(fmt)
    check_drill_down(kinds, status)
    select = repo.counted_query(counted_selection(query.year, query.rule, query.as_of, query.district_code,
                                                  kinds, status))
    names = district_names_in(session, english)
    all_kinds = translate(N_(", ")).join(translate(PROJECT_KINDS[k]) for k in kinds) or translate(N_("All"))
    selection = [(N_("Year"), query.year), (N_("Counting rule"), translate(RULES[query.rule])),
                 (N_("Figures as of (Beijing time)"),
                  sheet_moment(query.as_of) if query.as_of else translate(N_("now"))),
                 (N_("District"), names.get(query.district_code, query.district_code)
                  if query.district_code else translate(N_("All districts"))),
                 (N_("Kind"), all_kinds), (N_("Status"), _named(status, PROJECT_STATUSES, translate))]
    stem = f"rollup-projects-{query.year}-{query.rule}"
    logged = export_log.Export(export_log.ROLLUP_PROJECTS, fmt,
                               export_log.rollup_filters(query, kind=list(kinds), status=status))
    return _export(session, actor, select, fmt, out, translate, names, selection, stem, limit, logged)


def district_names_in(session: Session, english: bool) -> dict[str, str]:
    """Each district's name by its code, in English or Chinese (as a file writes them)."""
    return {code: pair[1] if english else pair[0] for code, pair in district_names(session).items()}


def _export(session: Session, actor: Actor, query: Select, fmt: str, out: BinaryIO, translate: Translate,
            names: dict[str, str], selection: list[tuple[str, Any]], stem: str, limit: int | None,
            logged: export_log.Export, per_text: bool = False,
            flagged_of: Callable[[], set[int]] | None = None) -> ExportedFile:
    """``flagged_of``: the ids the online monitoring flags for the reader (its column then written)."""
    count = repo.count_rows(session, query)
    _check_size(count, MAX_EXPORT_PROJECTS if limit is None else limit)
    # who asked, committed before the rows stream (a refused selection wrote nothing: no entry)
    export_log.record_export(session, actor, replace(logged, rows=count))
    # after the bound (a refused selection costs no verdicts); claims computed now are committed, as the entry
    flagged = None if flagged_of is None else flagged_of()
    if per_text:  # the commit ended the transaction whose plans were set for the text
        search_repo.plan_for_each_text(session)
    at = clock.now()
    # what was written, counted as it is (the count above is another statement's: a project saved
    # in between would make it one off)
    seen = {"illustrative": False, "count": 0}

    def rows(cells: sheets.Cells) -> Iterator[list[Any]]:
        for row in repo.stream_rows(session, query):
            seen["illustrative"] = seen["illustrative"] or row.is_illustrative
            seen["count"] += 1
            yield cells(row)

    headers = sheets.columns(translate, monitoring=flagged is not None)
    if fmt == "csv":
        write_csv(out, [c.header for c in headers], rows(sheets.Cells(translate, names, True, flagged)))
    else:
        about = lambda: sheets.about_rows(translate, selection, actor.username, at, seen["count"],  # noqa: E731
                                          seen["illustrative"])
        write_xlsx(out, [
            Sheet(translate(N_("Projects")), headers, rows(sheets.Cells(translate, names, False, flagged)),
                  autofilter=True),
            Sheet(translate(N_("About")), sheets.about_columns(translate), about)])
    log.info("project export by %s: %s, %d projects, %s", actor.username, fmt, seen["count"],
             "; ".join(f"{label}={value}" for label, value in selection))
    return ExportedFile(f"{stem}-{at.date().isoformat()}.{fmt}", FORMATS[fmt], seen["count"])
