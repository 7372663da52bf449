"""The rollup as an Excel workbook (openpyxl), byte-for-byte reproducible.

Sheets: summary against targets (the report's notes under its table), by district, by kind, the project list (savings and trace
summary), adjustments (when a closed year has changed since), and an "about" sheet. Headers are
translated (Chinese by default) and carry units; numbers are numbers; header rows are frozen and
repeat on every printed page; pages are landscape, fitted to one page wide.

Determinism: workbook properties carry fixed timestamps (the report's own moment) and the ZIP
container is rewritten with fixed entry dates, so the same report gives the same bytes.
"""
from __future__ import annotations

import io
import unicodedata
import zipfile
from datetime import date, datetime, timezone
from decimal import Decimal
from typing import Any, Callable, Sequence

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet
from openpyxl.writer.excel import ExcelWriter

from registry.domain.errors import N_
from registry.domain.land import area_mu
from registry.domain.presentation import aligned_pattern, places_of, round_half_up
from registry.domain.rollup_notes import ReportNote
from registry.domain.rollup_subsidies import Subsidies
from registry.domain.rollup_progress import progress_columns
from registry.domain.rollups import RULES, Figures
from registry.domain.targets import UNITS
from registry.domain.units import written_formula
from registry.domain.vocabulary import PROJECT_KINDS, PROJECT_STATUSES, SAVINGS_METHODS
from registry.services.rollup_data import Rollup
from registry.services.rollup_reports import district_name
from registry.services.sheet_formats import (COUNT, DATE_FORMAT, HEADER_FILL, MOMENT_FORMAT, entered_format, sheet_moment,
                                             unit_format)
from registry.services.spreadsheet_cells import append_xlsx_row

Translate = Callable[[str], str]
FIXED_ZIP_TIME = (1980, 1, 1, 0, 0, 0)
MAX_LABEL_WIDTH = 60  # a label column widened to its longest label, but no wider (the header's width stands under it)
COUNT_FORMAT, TCE_FORMAT, KW_FORMAT = unit_format(COUNT), unit_format("tce"), unit_format("kW")
WAN_YUAN_FORMAT, MU_FORMAT = unit_format("万元"), unit_format("亩")


def _num(value: Decimal | int | None) -> float | int | None:
    if value is None:
        return None
    return value if isinstance(value, int) else float(value)


# (msgid of the header with its unit, width in characters, number format)
FIGURE_HEADERS: list[tuple[str, int, str]] = [
    (N_("Projects (count)"), 10, COUNT_FORMAT),
    (N_("Energy saved, equivalent value (tce)"), 16, TCE_FORMAT),
    (N_("Energy saved, equal value (tce)"), 16, TCE_FORMAT),
    (N_("Projects without an equal-value figure (count)"), 12, COUNT_FORMAT),
    (N_("Motors installed (kW)"), 14, KW_FORMAT),
    (N_("of which remanufactured (kW)"), 14, KW_FORMAT),
    (N_("Investment (10,000 yuan)"), 14, WAN_YUAN_FORMAT),
    (N_("Land freed (mu)"), 12, MU_FORMAT),
    (N_("Output value (10,000 yuan)"), 14, WAN_YUAN_FORMAT),
]


# the counted projects' subsidies, after the figures (on the project sheet, each project's); absent
# from a frozen report closed before they were frozen with it (its workbook stays as it was)
SUBSIDY_HEADERS: list[tuple[str, int, str]] = [
    (N_("Subsidy approved (10,000 yuan)"), 14, WAN_YUAN_FORMAT),
    (N_("Subsidy requested (10,000 yuan)"), 14, WAN_YUAN_FORMAT),
]


def _subsidy_values(subsidies: dict[str, Subsidies] | None, key: str | None, totals: Subsidies | None) -> list[Any]:
    if subsidies is None or totals is None:
        return []
    money = totals if key is None else subsidies[key]
    return [_num(money.subsidy_approved_wan_yuan), _num(money.subsidy_requested_wan_yuan)]


def _figure_values(f: Figures) -> list[Any]:
    return [f.project_count, _num(f.savings_tce), _num(f.savings_tce_equal_value), f.equal_value_missing,
            _num(f.installed_kw),
            _num(f.remanufactured_kw), _num(f.investment_wan_yuan), _num(area_mu(f.freed_land_m2)),
            _num(f.output_value_wan_yuan)]


def _sheet(wb: Workbook, title: str, headers: Sequence[tuple[str, int, str | None]], rows: Sequence[Sequence[Any]],
           translate: Translate, bold_last: bool = False) -> Worksheet:
    ws = wb.create_sheet(title)
    ws.append([translate(h) for h, _, _ in headers])
    for col, (_, width, _) in enumerate(headers, start=1):
        ws.column_dimensions[get_column_letter(col)].width = width
        cell = ws.cell(row=1, column=col)
        cell.font, cell.fill = Font(bold=True), HEADER_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="center")
    for row in rows:
        append_xlsx_row(ws, list(row))  # titles and trace summaries are typed by users
    for col, (_, _, number_format) in enumerate(headers, start=1):
        for (cell,) in ws.iter_rows(min_row=2, min_col=col, max_col=col):
            if number_format:
                cell.number_format = number_format
            elif isinstance(cell.value, datetime):
                cell.number_format = MOMENT_FORMAT
    if bold_last and rows:
        for cell in ws[ws.max_row]:
            cell.font = Font(bold=True)
    ws.freeze_panes = "A2"
    ws.print_title_rows = "1:1"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    return ws


def _columns_taken(text: str) -> int:
    """The character widths of a sheet's column ``text`` takes: a CJK character two."""
    return sum(2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in text)


def _labels_fitted(headers: Sequence[tuple[str, int, str | None]], rows: Sequence[Sequence[Any]]
                   ) -> list[tuple[str, int, str | None]]:
    """``headers`` with the first column (the labels the workbook writes: metrics, kinds) at least as wide
    as its longest label, up to ``MAX_LABEL_WIDTH``: the widths were the Chinese names', and the English
    ones were cut off by the figures beside them."""
    (name, width, number_format), *others = headers
    longest = max((_columns_taken(str(row[0])) for row in rows if row and row[0]), default=0)
    return [(name, max(width, min(longest + 1, MAX_LABEL_WIDTH)), number_format), *others]


def _notes_under(ws: Worksheet, notes: Sequence[ReportNote], translate: Translate, widths: Sequence[int]) -> None:
    """The report's notes under ``ws``'s table, as a printed statistics table has them (注): after an
    empty row, their heading, then each note across the table's columns, wrapped, its row as tall as
    its lines (a CJK character two of a column's character widths)."""
    if not notes:
        return
    row = ws.max_row + 2
    ws.cell(row=row, column=1, value=translate(N_("Notes"))).font = Font(bold=True)
    for note in notes:
        row += 1
        text = note.message.render(translate)
        ws.cell(row=row, column=1, value=text).alignment = Alignment(wrap_text=True, vertical="top")
        ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=len(widths))
        width = _columns_taken(text)
        ws.row_dimensions[row].height = 15 * -(-width // int(sum(widths) * 0.9))  # lines, rounded up, with room


def _summary_rows(progress: list, translate: Translate) -> list[list[Any]]:
    """A row per metric; its pace empty without a target, as on the page ("—"): 100 % expected of no
    target read as a plan the year had not met."""
    basis = {"equivalent": translate(N_("equivalent value")), "equal_value": translate(N_("equal value")), None: ""}
    source = {"registry": translate(N_("registry")), "reported": translate(N_("reported")), "none": ""}
    return [[translate(p.metric.label), translate(UNITS[p.metric.unit]), basis[p.metric.basis], _num(p.target),
             _num(p.target_max), _num(p.actual), _num(p.percent),
             _num(p.expected_percent) if p.target is not None else None, _num(reported),
             source[p.actual_source]]
            for p, reported in progress]


def _project_rows(rollup: Rollup, translate: Translate, english: bool) -> list[list[Any]]:
    return [[p.reference, p.title, translate(PROJECT_KINDS.get(p.kind, p.kind)),
             translate(PROJECT_STATUSES.get(p.status, p.status)), district_name(rollup, p.district_code, english),
             p.completed_on, p.verified_on, _num(p.savings_tce), _num(p.savings_tce_equal_value),
             _num(p.installed_kw), _num(p.remanufactured_kw), _num(p.investment_wan_yuan),
             _num(area_mu(p.freed_land_m2)) if p.freed_land_m2 is not None else None,
             *([_num(p.subsidy_approved_wan_yuan), _num(p.subsidy_requested_wan_yuan)] if rollup.line_subsidies else []),
             translate(SAVINGS_METHODS[p.savings_method]) if p.savings_method in SAVINGS_METHODS else (p.savings_method or ""),
             _calculation(p)]
            for p in rollup.projects or ()]


def _calculation(project) -> str:
    """A project's savings calculation as its cell writes it: the formula as the page writes it
    (``written_formula``: 10⁴, m³), its result to its unit's places as the page shows it (419.29 tce,
    not the stored 419.2857142857143); the figure's exact value is the savings cell beside it."""
    worked = project.trace_worked()
    if worked is None or worked[2] is None:
        return written_formula(project.trace_summary_text())
    formula, value, unit = worked
    return written_formula(f"{formula} = {round_half_up(value, places_of(unit)):f} {unit}")


def _about_rows(rollup: Rollup, translate: Translate, today: date, english: bool,
                exported_by: str | None) -> list[list[Any]]:
    # live figures are read as the file is made: the day says when (当前 meant nothing a month later);
    # the day, not the moment, so the same report the same day is the same file
    read = translate(N_("read on %(day)s")) % {"day": today.isoformat()}
    rows = [[translate(N_("Year")), rollup.year], [translate(N_("Counting rule")), translate(RULES[rollup.rule])],
            [translate(N_("Figures as of (Beijing time)")), sheet_moment(rollup.as_of) if rollup.as_of else read],
            [translate(N_("Expected pace measured on")), rollup.pace_date(today).isoformat()],
            [translate(N_("District")), district_name(rollup, rollup.district_code, english) if rollup.district_code
             else translate(N_("All districts"))]]
    if rollup.target_sources():
        rows.append([translate(N_("Sources of the targets")), translate(N_("; ")).join(rollup.target_sources())])
    if rollup.frozen:
        kind = N_("frozen report") if rollup.is_frozen_report else N_("live figures of a closed year")
        rows += [[translate(N_("Closed at (Beijing time)")), sheet_moment(rollup.frozen.closed_at)],
                 [translate(N_("Frozen snapshot sha256")), rollup.frozen.sha256], [translate(N_("Report")), translate(kind)]]
    if exported_by is not None and not rollup.is_frozen_report:  # a frozen report is the same file for everyone, always
        rows += [[translate(N_("Exported by")), exported_by], [translate(N_("Exported on")), today.isoformat()]]
    return rows


def rollup_xlsx(rollup: Rollup, translate: Translate, today: date, english: bool = False,
                notes: Sequence[ReportNote] = (), exported_by: str | None = None) -> bytes:
    """The workbook's bytes; ``today`` sets the expected pace of a report that has no ``as_of``;
    ``notes`` (``services/rollups.report_notes``) stand under the summary's table; ``exported_by``
    and ``today`` are named on the About sheet, but for a frozen report (the same bytes whoever
    takes it, whenever)."""
    wb = Workbook()
    wb.remove(wb.active)
    figures = [(h, w, f) for h, w, f in FIGURE_HEADERS]
    progress = list(rollup.progress(today))
    summary_headers = [
        (N_("Metric"), 34, None), (N_("Unit"), 10, None), (N_("Electricity basis"), 10, None),
        (N_("Target"), 14, None), (N_("Target (upper end)"), 12, None), (N_("Actual"), 14, None),
        (N_("Completion (%)"), 11, unit_format("%")), (N_("Expected by pace (%)"), 11, unit_format("%")),
        (N_("Reported actual"), 12, None), (N_("Source of actual"), 10, None),
    ]
    summary_rows = _summary_rows(progress, translate)
    summary_headers = _labels_fitted(summary_headers, summary_rows)
    summary = _sheet(wb, translate(N_("Summary vs targets")), summary_headers, summary_rows, translate)
    # targets as entered (400,000, not 400,000.00), actuals to their unit's places; each column's
    # decimal points aligned, as on the page (rollup_progress.progress_columns)
    columns = progress_columns(progress)
    for row, (line, _reported) in enumerate(progress, start=2):
        cells = {4: entered_format(line.target, columns.target), 5: entered_format(line.target_max, columns.target),
                 6: aligned_pattern(line.metric.places, columns.actual),
                 9: aligned_pattern(line.metric.places, columns.reported)}
        for column, number_format in cells.items():
            summary.cell(row=row, column=column).number_format = number_format
    _notes_under(summary, notes, translate, [width for _, width, _ in summary_headers])
    total_label = translate(N_("Total"))
    money = rollup.subsidy_totals
    figures += SUBSIDY_HEADERS if money is not None else []
    by_district, by_kind = rollup.subsidies_by_district(), rollup.subsidies_by_kind()
    _sheet(wb, translate(N_("By district")), [(N_("District code"), 10, None), (N_("District"), 12, None), *figures],
           [[code, district_name(rollup, code, english), *_figure_values(f), *_subsidy_values(by_district, code, money)]
            for code, f in rollup.by_district().items()]
           + [["", total_label, *_figure_values(rollup.totals), *_subsidy_values(by_district, None, money)]],
           translate, bold_last=True)
    kind_rows = ([[translate(PROJECT_KINDS.get(k, k)), *_figure_values(f), *_subsidy_values(by_kind, k, money)]
                  for k, f in rollup.by_kind().items()]
                 + [[total_label, *_figure_values(rollup.totals), *_subsidy_values(by_kind, None, money)]])
    _sheet(wb, translate(N_("By kind")), _labels_fitted([(N_("Kind"), 34, None), *figures], kind_rows), kind_rows,
           translate, bold_last=True)
    _sheet(wb, translate(N_("Projects")), [
        (N_("Reference"), 18, None), (N_("Project name"), 36, None), (N_("Kind"), 18, None), (N_("Status"), 8, None),
        (N_("District"), 10, None), (N_("Completed on"), 11, DATE_FORMAT), (N_("Verified on"), 11, DATE_FORMAT),
        *FIGURE_HEADERS[1:3], *FIGURE_HEADERS[4:7], (N_("Land freed (mu)"), 10, MU_FORMAT),
        *(SUBSIDY_HEADERS if rollup.line_subsidies else []), (N_("Method"), 12, None),
        (N_("Savings calculation (equivalent value, tce)"), 40, None),
    ], _project_rows(rollup, translate, english), translate)
    if rollup.adjustments:
        _sheet(wb, translate(N_("Adjustments")), [
            (N_("District"), 10, None), (N_("Kind"), 30, None), (N_("Status"), 8, None),
            (N_("Projects, frozen"), 10, COUNT_FORMAT), (N_("Projects, now"), 10, COUNT_FORMAT),
            (N_("Energy saved, equivalent value, frozen (tce)"), 16, TCE_FORMAT),
            (N_("Energy saved, equivalent value, now (tce)"), 16, TCE_FORMAT),
            (N_("Energy saved, equal value, frozen (tce)"), 16, TCE_FORMAT),
            (N_("Energy saved, equal value, now (tce)"), 16, TCE_FORMAT),
        ], [[district_name(rollup, a.district_code, english), translate(PROJECT_KINDS.get(a.kind, a.kind)),
             translate(PROJECT_STATUSES.get(a.status, a.status)), a.frozen.project_count, a.live.project_count,
             _num(a.frozen.savings_tce), _num(a.live.savings_tce), _num(a.frozen.savings_tce_equal_value),
             _num(a.live.savings_tce_equal_value)] for a in rollup.adjustments], translate)
    # not 项目 and 数值: in this workbook 项目 is a project, and most of what the sheet says is words
    _sheet(wb, translate(N_("About")), [(N_("Item"), 24, None), (N_("Detail"), 70, None)],
           _about_rows(rollup, translate, today, english, exported_by), translate)
    return _deterministic_bytes(wb, _moment(rollup, today))


def _moment(rollup: Rollup, today: date) -> datetime:
    moment = rollup.frozen.closed_at if rollup.is_frozen_report and rollup.frozen else rollup.as_of
    if moment is None:
        return datetime(today.year, today.month, today.day)
    return moment.astimezone(timezone.utc).replace(tzinfo=None, microsecond=0)  # written as UTC (…Z)


def _deterministic_bytes(wb: Workbook, moment: datetime) -> bytes:
    wb.properties.creator = "registry"
    wb.properties.created = wb.properties.modified = moment
    raw = io.BytesIO()
    with zipfile.ZipFile(raw, "w", zipfile.ZIP_DEFLATED) as archive:
        ExcelWriter(wb, archive).save()
    out = io.BytesIO()
    with zipfile.ZipFile(raw) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=FIXED_ZIP_TIME)
            fixed.compress_type, fixed.external_attr = zipfile.ZIP_DEFLATED, 0o600 << 16
            target.writestr(fixed, source.read(info.filename))
    return out.getvalue()
