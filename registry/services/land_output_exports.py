"""Use case: download the land-output report (土地产出) as shown — its year, level and order — with
every line: at the parcel level every parcel with an output that year, where the page shows the
first 500. One service for the page's 导出 Excel / CSV, the API and ``registry land output``.

The workbook (``workbook_stream``) has a caption row above its headers (the report, its year and
level, the moment of its figures, the counting rule), headers in the reader's language with their
units, the rollup workbook's number formats (``sheet_formats``), the all-development-zones and city
lines last, and an About sheet; the CSV (``table_files``) the same columns, every digit; the JSON
the API's answer with every line. Parcels stream from a server-side cursor into the file. A
download is an entry of the audit trail (``services.export_log``), committed before it is written.
"""
from __future__ import annotations

import json
from datetime import datetime
from typing import Any, BinaryIO, Callable, Iterable, Iterator

from sqlalchemy.orm import Session

from registry import clock
from registry.domain.errors import N_, ValidationError
from registry.domain.land_output import LEVELS
from registry.domain.permissions import Actor
from registry.services import export_log, land_exports
from registry.services.land_output import LandOutputReport, OutputLine, every_line, land_output
from registry.services.project_exports import ExportedFile
from registry.services.report_cache import ReportCache
from registry.services.project_sheets import about_columns
from registry.services.rollup_xlsx import COUNT_FORMAT, WAN_YUAN_FORMAT
from registry.services.sheet_formats import sheet_moment, signed_format, unit_format
from registry.services.table_files import write_csv
from registry.services.workbook_stream import Column, Sheet, write_xlsx

Translate = Callable[[str], str]
FORMATS = {"xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
           "csv": "text/csv; charset=utf-8", "json": "application/json"}
# The most lines a download from the pages or the API holds, as the project list's (MAX_EXPORT_PROJECTS):
# every parcel of 1,000,000 with outputs took 83 s as CSV and 106 s as XLSX on the loaded 2-core machine
# (memory flat at 120 MB), so 100,000 about 10 s, inside gunicorn's 30 s worker timeout; the command
# line has no timeout and writes them all.
MAX_EXPORT_LINES = 100_000
XLSX_MAX_LINES = 1_048_576 - 4  # a sheet's rows, less the caption, the header and the two total lines
COUNTING_RULE = N_("Output value per km² of land (100 million yuan/km²): recorded outputs of the parcels with an "
                   "output that year, divided by their geodesic area.")
# (msgid of the header with its unit, width, number format); the first column is the level's name
FIGURES: list[tuple[str, int, str]] = [
    (N_("Output (10,000 yuan)"), 14, WAN_YUAN_FORMAT), (N_("Area (km²)"), 11, unit_format("km²")),
    (N_("Land output (100 million yuan/km²)"), 14, unit_format("亿元/km²")),
    (N_("Land output the year before (100 million yuan/km²)"), 14, unit_format("亿元/km²")),
    (N_("Change on the year before (100 million yuan/km²)"), 14, signed_format("亿元/km²")),
    (N_("Change on the year before (%)"), 12, signed_format("%")),
]
SORT_NAMES = {"parcels": N_("Number of parcels"), "output_wan_yuan": FIGURES[0][0], "area_km2": FIGURES[1][0],
              "output": FIGURES[2][0], "previous": FIGURES[3][0], "change": FIGURES[4][0],
              "change_percent": FIGURES[5][0]}


def check_format(fmt: str) -> None:
    land_exports.check_format(fmt, tuple(FORMATS))


def _check_size(report: LandOutputReport, fmt: str, limit: int | None) -> None:
    count = report.total_lines
    if limit is not None and count > limit:
        raise ValidationError.single("format", N_(
            "%(count)s parcels have an output in %(year)s: a download holds at most %(limit)s. The command line "
            "writes them all (registry land output --level parcel)."), count=count, year=report.year, limit=limit)
    if fmt == "xlsx" and count > XLSX_MAX_LINES:
        raise ValidationError.single("format", N_("%(count)s lines are more than a sheet holds (%(limit)s): choose "
                                                  "CSV or JSON"), count=count, limit=XLSX_MAX_LINES)


def columns(report: LandOutputReport, translate: Translate) -> list[Column]:
    """The file's columns: the line's name (the level's), its parcels (not at the parcel level), its
    figures and the change on the year before, its judgement (at the development-zone level)."""
    head = [Column(translate(LEVELS[report.level]), 12 if report.level == "district" else 24)]
    if report.level != "parcel":
        head.append(Column(translate(N_("Number of parcels")), 9, COUNT_FORMAT))
    head += [Column(translate(msgid), width, number_format) for msgid, width, number_format in FIGURES]
    return head + ([Column(translate(N_("Against target")), 9)] if report.judges else [])


def _cells(report: LandOutputReport, translate: Translate, english: bool, exact: bool) -> Callable[[OutputLine], list]:
    """How a line becomes its row: ``exact`` keeps every digit (CSV), else figures are floats."""
    def figure(value):
        return value if exact or value is None else float(value)

    def cells(line: OutputLine) -> list[Any]:
        row: list[Any] = [line.name_en if english else line.name_zh]
        if report.level != "parcel":
            row.append(line.parcels)
        row += [figure(v) for v in (line.output_wan_yuan, line.area_km2, line.output_yi_yuan_per_km2,
                                    line.previous_yi_yuan_per_km2, line.change_yi_yuan_per_km2, line.change_percent)]
        if report.judges:
            verdict = report.judgement(line) if line is not report.city else None
            row.append("" if verdict is None else translate(N_("meets") if verdict else N_("below")))
        return row

    return cells


def _counted(session: Session, report: LandOutputReport, seen: dict[str, int]) -> Iterator[OutputLine]:
    """Every line in the report's order, counted in ``seen`` as it is written."""
    for line in every_line(session, report):
        seen["count"] += 1
        yield line


def _lines(session: Session, report: LandOutputReport, seen: dict[str, int]) -> Iterator[OutputLine]:
    """Every line, then all development zones together and the city (the rollup's total lines)."""
    yield from _counted(session, report, seen)
    yield from (line for line in (report.development_zones, report.city) if line is not None)




def caption(report: LandOutputReport, translate: Translate, at: datetime) -> str:
    """The workbook's title row: the report, its year and level, the moment of its figures, the rule."""
    parts = [translate(N_("Land output %(year)s (100 million yuan/km²)")) % {"year": report.year or "—"},
             translate(N_("By %(level)s")) % {"level": translate(LEVELS[report.level])},
             translate(N_("Figures as of %(moment)s (Beijing time)")) % {"moment": f"{sheet_moment(at):%Y-%m-%d %H:%M}"},
             translate(COUNTING_RULE)]
    return translate(N_("; ")).join(parts)


def order_words(report: LandOutputReport, translate: Translate) -> str:
    """The order of the lines in words: 单位土地产出（亿元/km²）（降序）; the level's own: its name (升序)."""
    name = SORT_NAMES.get(report.order.sort, LEVELS[report.level])
    direction = N_("descending") if report.order.descending else N_("ascending")
    return translate(N_("%(text)s (%(note)s)")) % {"text": translate(name), "note": translate(direction)}


def _about(report: LandOutputReport, translate: Translate, exported_by: str, at: datetime, count: int) -> list[list]:
    rows = [[translate(N_("Report")), translate(N_("Land output"))], [translate(N_("Year")), report.year],
            [translate(N_("Compared with the year")), report.previous_year],
            [translate(N_("Level")), translate(LEVELS[report.level])],
            [translate(N_("Counting rule")), translate(COUNTING_RULE)],
            [translate(N_("Figures as of (Beijing time)")), sheet_moment(at)],
            [translate(N_("Sorted by")), order_words(report, translate)]]
    if report.target_yi_yuan_per_km2 is not None:
        rows += [[translate(N_("Target for development zones (100 million yuan/km²)")),
                  float(report.target_yi_yuan_per_km2)], [translate(N_("Plan year of the target")), report.target_year]]
    return rows + [[translate(N_("Lines (count)")), count], [translate(N_("Exported by")), exported_by],
                   [translate(N_("Exported at (Beijing time)")), sheet_moment(at)]]


def _json(out: BinaryIO, report: LandOutputReport, lines: Iterable[OutputLine]) -> None:
    """The API's answer with every line, written line by line (its ``lines`` last)."""
    body = report.to_dict(lines=[])
    del body["lines"]
    out.write(json.dumps(body, ensure_ascii=False)[:-1].encode() + b', "lines": [')
    for number, line in enumerate(lines):
        out.write((", " if number else "").encode() + json.dumps(report.line_dict(line), ensure_ascii=False).encode())
    out.write(b"]}\n")


def export_land_output(session: Session, actor: Actor, level: str, year: int | None, sort: str | None, fmt: str,
                       out: BinaryIO, translate: Translate, english: bool = False,
                       limit: int | None = MAX_EXPORT_LINES, cache: ReportCache | None = None) -> ExportedFile:
    """The report of ``year`` at ``level`` in the order ``sort`` names (as ``land_output`` reads
    them, through the page's ``cache``) with every line, written to ``out`` in ``fmt``.
    ValidationError, before anything is written or logged, for a bad parameter or above ``limit``
    lines (None: no bound but a sheet's)."""
    check_format(fmt)
    report = land_output(session, actor, level, year, sort, parcel_limit=0, cache=cache)
    _check_size(report, fmt, limit)
    export_log.record_export(session, actor, export_log.land_output_export(
        report.year, report.level, report.order.sort, report.order.descending, fmt, report.total_lines))
    at, seen = clock.now(), {"count": 0}
    if fmt == "json":
        _json(out, report, _counted(session, report, seen))
    elif fmt == "csv":
        write_csv(out, [c.header for c in columns(report, translate)],
                  map(_cells(report, translate, english, exact=True), _lines(session, report, seen)))
    else:
        write_xlsx(out, [
            Sheet(translate(N_("Land output")), columns(report, translate),
                  map(_cells(report, translate, english, exact=False), _lines(session, report, seen)),
                  autofilter=True, caption=caption(report, translate, at)),
            Sheet(translate(N_("About")), about_columns(translate),
                  lambda: _about(report, translate, actor.username, at, seen["count"]))])
    stem = "-".join(str(part) for part in ("land-output", report.year, report.level) if part is not None)
    return ExportedFile(f"{stem}-{at.date().isoformat()}.{fmt}", FORMATS[fmt], seen["count"])
