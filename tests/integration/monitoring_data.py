"""Online monitoring figures for the tests (registry/services/monitoring.py): files of rows as an
administrator loads them, and the credit codes they name. Shared by the integration and web tests."""
from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Iterable, Sequence

from registry.domain.credit_code import credit_code_check_char
from registry.domain.permissions import Actor

HEADER = ("统一社会信用代码", "年份", "综合能耗（吨标准煤）", "来源")
ADMIN = Actor(None, "admin", "admin")


def code(n: int) -> str:
    """A valid credit code of a Pudong enterprise, numbered ``n``."""
    first17 = f"91310115MA1M{n:05d}"
    return first17 + credit_code_check_char(first17)


def csv_bytes(rows: Iterable[Sequence], header: Sequence[str] = HEADER, encoding: str = "utf-8-sig") -> bytes:
    text = io.StringIO()
    writer = csv.writer(text)
    writer.writerow(header)
    writer.writerows(rows)
    return text.getvalue().encode(encoding)


def csv_file(tmp_path: Path, rows: Iterable[Sequence], name: str = "monitoring.csv", **options) -> Path:
    path = tmp_path / name
    path.write_bytes(csv_bytes(rows, **options))
    return path


def xlsx_bytes(rows: Iterable[Sequence], above: Sequence[Sequence] = ()) -> bytes:
    """A workbook whose first sheet holds ``above`` (a title), the header, then ``rows``."""
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    for row in (*above, HEADER, *rows):
        sheet.append(list(row))
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
