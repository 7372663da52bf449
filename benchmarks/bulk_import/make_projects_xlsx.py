"""Write a project workbook of N motor-upgrade rows (and the enterprises they name) for the benchmark.

    python make_projects_xlsx.py OUT.xlsx ROWS [PARCELS]

With PARCELS, project i occupies parcel ``SH-310115-<i % PARCELS + 1>`` (codes as ``registry demo
synth`` makes them), so the import also writes 100k parcel links.
"""
from __future__ import annotations

import sys

from openpyxl import Workbook

from registry.services.imports import project_template

ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]


def credit_code(n: int) -> str:
    body = f"91310115{n:08d}A"
    total = sum(ALPHABET.index(c) * w for c, w in zip(body, WEIGHTS))
    return body + ALPHABET[(31 - total % 31) % 31]


def main(path: str, rows: int, parcels: int = 0) -> None:
    book = Workbook(write_only=True)
    motors = book.create_sheet("高效电机")
    columns = project_template.COMMON + project_template.KIND_COLUMNS["motor_upgrade"]
    motors.append([h for _, h in columns])
    enterprises = max(1, rows // 20)
    for i in range(rows):
        values = {"reference": f"2017-310115-B{i:06d}", "title": f"基准电机项目{i}", "year": 2017, "status": "draft",
                  "credit_code": credit_code(i % enterprises), "district_code": "310115",
                  "investment_wan_yuan": 100 + i % 50, "count": 1 + i % 9, "rated_kw": 55, "load_factor": 0.75,
                  "hours_per_year": 6000, "efficiency_before": 0.921, "efficiency_after": 0.946, "remanufactured": "否"}
        if parcels:
            values["parcel_codes"] = f"SH-310115-{i % parcels + 1:06d}"
        motors.append([values.get(k) for k, _ in columns])
    sheet = book.create_sheet(project_template.ENTERPRISE_SHEET)
    sheet.append([h for _, h in project_template.ENTERPRISE_COLUMNS])
    for n in range(enterprises):
        sheet.append([credit_code(n), f"基准企业{n}", "C381", "310115", None])
    book.save(path)


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]), int(sys.argv[3]) if len(sys.argv) > 3 else 0)
