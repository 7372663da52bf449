"""Online monitoring figures for the tests (registry/services/monitoring.py): files of rows as an
administrator loads them, the credit codes they name, and an enterprise monitored two years with
projects of each verdict. Shared by the integration and web tests."""
from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Iterable, Sequence

from registry.domain.credit_code import credit_code_check_char
from registry.domain.permissions import Actor
from registry.services import monitoring as monitoring_service
from registry.services import projects as svc
from tests.integration.project_data import CREDIT, EXIT_INPUTS, MINHANG, PUDONG, draft

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


def monitored_enterprise(session, tmp_path: Path) -> dict[str, int]:
    """CREDIT's Pudong enterprise: an exit of 2013 claiming 642.87 tce of 2012 (``exit``; monitored 560,
    +14.8 %: flagged), a motor upgrade claiming 33.03 tce of 2012 before (``motors``; a part: consistent),
    an exit of 2015 claiming 2014 (``later``; not monitored: no data), and Minhang's draft motor upgrade
    of it (``minhang``; consistent, for those who read it); 2013 monitored too (600 tce), with no project
    compared. A second enterprise (``unmonitored``) with a motor upgrade and nothing monitored. The
    projects' and the enterprises' (``enterprise``, ``unmonitored``) ids."""
    exit_ = svc.register_project(session, PUDONG, draft(kind="structural_adjustment", inputs=EXIT_INPUTS,
                                                        title="关停退出"))
    motors = svc.register_project(session, PUDONG, draft(new_parcels=()))
    later = svc.register_project(session, PUDONG, draft(
        kind="structural_adjustment", year=2015, title="2015 关停", new_parcels=(),
        inputs={**EXIT_INPUTS, "year": 2015, "baseline_year": 2014}))
    minhang = svc.register_project(session, MINHANG, draft(district_code="310112", title="闵行电机", new_parcels=()))
    unmonitored = svc.register_project(session, PUDONG, draft(credit_code=code(9), enterprise_name="上海未监测化工有限公司",
                                                              new_parcels=()))
    monitoring_service.import_monitoring(session, ADMIN, csv_file(tmp_path, [(CREDIT, 2012, "560", "市平台"),
                                                                             (CREDIT, 2013, "600", "")]))
    return {"exit": exit_.id, "motors": motors.id, "later": later.id, "minhang": minhang.id,
            "enterprise": exit_.enterprise_id, "unmonitored": unmonitored.enterprise_id}
