"""The online monitoring's file as administrators load it: a CSV or an XLSX workbook (its first sheet)
with the columns 统一社会信用代码, 年份, 综合能耗（吨标准煤） and optionally 来源, found by their headers
(a title row above them does no harm, their order is free). Read with the project workbook's readers
(``project_sheet.rows_under_header``, ``xlsx_rows.open_workbook``); the cells are checked by
``domain/monitoring.monitored_row``."""
from __future__ import annotations

import csv
import io
import zlib
from pathlib import Path
from xml.etree.ElementTree import ParseError
from zipfile import BadZipFile

from registry.domain.errors import N_, Listed, ValidationError
from registry.domain.monitoring import CONSUMPTION, CREDIT_CODE, SOURCE, YEAR
from registry.services.imports.project_sheet import NO_HEADER_IN_CSV, NO_HEADER_IN_SHEET, SheetRow, rows_under_header

# (key, header) as the template writes them; the first is the column the header row is known by
COLUMNS = ((CREDIT_CODE, "统一社会信用代码"), (YEAR, "年份"), (CONSUMPTION, "综合能耗（吨标准煤）"), (SOURCE, "来源"))
HEADERS = dict(COLUMNS)
# other spellings read as the same columns: ASCII brackets, the registry's 年度, the keys themselves
ALIASES = ((YEAR, "年度"), (CONSUMPTION, "综合能耗(吨标准煤)"), (CONSUMPTION, "综合能耗"),
           (CREDIT_CODE, CREDIT_CODE), (YEAR, YEAR), (CONSUMPTION, CONSUMPTION), (SOURCE, SOURCE))
READ_COLUMNS = COLUMNS + ALIASES
REQUIRED = (CREDIT_CODE, YEAR, CONSUMPTION)
SUFFIXES = (".csv", ".xlsx")
KIND = "monitoring"  # what its rows are (SheetRow.kind)


def read_monitoring_file(path: Path) -> list[SheetRow]:
    """The file's rows under its header; ``ValidationError`` on ``file`` for a file of another type, one
    that cannot be read (damaged, not what its name says, text in neither UTF-8 nor GB 18030), one
    without the header in its first rows, without a required column, or without any row."""
    suffix = Path(path).suffix.lower()
    if suffix not in SUFFIXES:
        raise ValidationError.single("file", N_("must be a CSV (.csv) or Excel (.xlsx) file"))
    try:
        rows = _csv_rows(path) if suffix == ".csv" else _xlsx_rows(path)
    except ValidationError as error:
        # the project sheets' reader names its own headers: a monitoring file is told the monitoring ones
        if any(e.field == "file" and e.message.msgid in (NO_HEADER_IN_CSV, NO_HEADER_IN_SHEET) for e in error.field_errors):
            raise _no_header() from None
        raise
    except (OSError, KeyError, ValueError, BadZipFile, ParseError, zlib.error, csv.Error):
        raise ValidationError.single("file", N_("cannot be read: it is damaged, or not a CSV or Excel (.xlsx) file")) \
            from None
    if not rows:
        raise ValidationError.single("file", N_("holds no row of figures under the headers %(expected)s"),
                                     expected=Listed(tuple(HEADERS[key] for key in REQUIRED)))
    missing = [HEADERS[key] for key in REQUIRED if key not in rows[0].columns]
    if missing:
        raise ValidationError.single("file", N_("has no column %(missing)s"), missing=Listed(tuple(missing)))
    return rows


def _no_header() -> ValidationError:
    return ValidationError.single("file", N_("has no header row in its first rows; expected the headers %(expected)s"),
                                  expected=Listed(tuple(HEADERS[key] for key in REQUIRED)))


def _text(path: Path) -> str:
    """The CSV's text: UTF-8 (with or without its BOM), else GB 18030 — what Excel on a Chinese system
    saves as "CSV" (a UnicodeDecodeError, a ValueError, when it is neither)."""
    data = Path(path).read_bytes()
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("gb18030")


def _csv_rows(path: Path) -> list[SheetRow]:
    table = enumerate(csv.reader(io.StringIO(_text(path))), start=1)
    return list(rows_under_header(table, "csv", KIND, READ_COLUMNS))


def _xlsx_rows(path: Path) -> list[SheetRow]:
    from registry.services.imports.xlsx_rows import open_workbook

    with open_workbook(path) as book:
        sheets = book.sheets()
        if not sheets:
            return []
        return list(rows_under_header(book.rows(sheets[0]), sheets[0].strip(), KIND, READ_COLUMNS))
