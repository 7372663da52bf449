"""What a project export writes: its columns (headers in the reader's language, with units), each
project's cells, and the "about" lines that say what was exported, by whom and when.

The columns are the project list's (reference, name, enterprise and credit code, kind, year,
district, status, savings) and the rollup workbook's project sheet's (dates, both electricity
bases, motors' kW, investment, land freed, method: ``rollup_xlsx.FIGURE_HEADERS``; the subsidies
requested and approved, ``SUBSIDY_HEADERS``), with what a
list of projects is exported for besides: the adjustment mode, the planned completion, the parcels
and their area, the last update; for the roles that read the online monitoring, its verdict as the
list marks it (``MONITORING``). The XLSX shows figures with the rollup workbook's formats
(``sheet_formats``); the CSV keeps every digit.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import AbstractSet, Any, Callable, Mapping

from registry.domain.errors import N_
from registry.domain.land import area_mu
from registry.domain.monitoring import FLAGGED, VERDICTS
from registry.domain.vocabulary import PROJECT_KINDS, PROJECT_STATUSES, SAVINGS_METHODS, STRUCTURAL_MODES
from registry.repositories.project_exports import ExportRow
from registry.services.rollup_xlsx import FIGURE_HEADERS, MU_FORMAT, SUBSIDY_HEADERS
from registry.services.sheet_formats import DATE_FORMAT, MOMENT_FORMAT, sheet_moment, unit_format
from registry.services.workbook_stream import Column

Translate = Callable[[str], str]
M2_FORMAT = unit_format("m²")

# (msgid of the header with its unit, width in characters, number format)
COLUMNS: list[tuple[str, int, str | None]] = [
    (N_("Reference"), 18, None), (N_("Project name"), 36, None), (N_("Enterprise"), 30, None),
    (N_("Unified social credit code"), 21, None), (N_("District"), 10, None), (N_("Kind"), 20, None),
    (N_("Mode"), 8, None), (N_("Status"), 8, None), (N_("Year"), 6, None),
    (N_("Planned completion"), 11, DATE_FORMAT), (N_("Completed on"), 11, DATE_FORMAT),
    (N_("Verified on"), 11, DATE_FORMAT),
    *FIGURE_HEADERS[1:3], *FIGURE_HEADERS[4:7], *SUBSIDY_HEADERS[::-1], (N_("Land freed (mu)"), 10, MU_FORMAT),
    (N_("Method"), 12, None), (N_("Parcel codes"), 24, None), (N_("Parcels' area (m²)"), 12, M2_FORMAT),
    (N_("Parcels' area (mu)"), 10, MU_FORMAT), (N_("Last updated (Beijing time)"), 19, MOMENT_FORMAT),
]


# The online monitoring's verdict, last (a script reading the columns by position reads them as before),
# for the roles that read it: the list marks a flagged project (与监测数据偏差超限), and so does the file.
MONITORING = (N_("Online monitoring cross-check"), 22, None)


def columns(translate: Translate, monitoring: bool = False) -> list[Column]:
    """The file's columns; ``monitoring``: with the online monitoring's verdict."""
    chosen = COLUMNS + ([MONITORING] if monitoring else [])
    return [Column(translate(msgid), width, number_format) for msgid, width, number_format in chosen]


def _words(code: str | None, vocabulary: Mapping[str, str], translate: Translate) -> str:
    if code is None:
        return ""
    return translate(vocabulary[code]) if code in vocabulary else code


@dataclass(frozen=True)
class Cells:
    """How a row becomes cells for one reader: ``exact`` keeps Decimals (CSV, every digit), else
    figures are floats (a spreadsheet's numbers). ``flagged``: the ids of the projects the online
    monitoring flags for the reader, whose column then follows (``None``: no such column)."""

    translate: Translate
    district_names: Mapping[str, str]
    exact: bool
    flagged: AbstractSet[int] | None = None

    def _figure(self, value: Decimal | None) -> Decimal | float | None:
        if value is None:
            return None
        return value if self.exact else float(value)

    def _mu(self, area_m2: Decimal | float | None) -> Decimal | float | None:
        if area_m2 is None:
            return None
        return area_mu(area_m2) if self.exact else float(area_m2) * 15 / 10000  # a float is what a sheet keeps

    def __call__(self, row: ExportRow) -> list[Any]:
        t, figure = self.translate, self._figure
        area = row.parcels_area_m2
        return [
            row.reference, row.title, row.enterprise_name or "", row.credit_code or "",
            self.district_names.get(row.district_code, row.district_code), _words(row.kind, PROJECT_KINDS, t),
            _words(row.structural_mode, STRUCTURAL_MODES, t), _words(row.status, PROJECT_STATUSES, t), row.year,
            row.planned_completion, row.completed_on, row.verified_on,
            figure(row.savings_tce), figure(row.savings_tce_equal_value), figure(row.installed_kw),
            figure(row.remanufactured_kw), figure(row.investment_wan_yuan),
            figure(row.subsidy_requested_wan_yuan), figure(row.subsidy_approved_wan_yuan),
            self._mu(row.freed_land_m2),
            _words(row.savings_method, SAVINGS_METHODS, t), t(", ").join(row.parcel_codes or ()),
            figure(area), self._mu(area),
            sheet_moment(row.updated_at) if row.updated_at else None,
        ] + ([] if self.flagged is None else [t(VERDICTS[FLAGGED]) if row.project_id in self.flagged else ""])


ABOUT_COLUMNS = ((N_("Item"), 24), (N_("Detail"), 70))


def about_columns(translate: Translate) -> list[Column]:
    return [Column(translate(msgid), width) for msgid, width in ABOUT_COLUMNS]


def about_rows(translate: Translate, selection: list[tuple[str, Any]], exported_by: str, at: datetime,
               count: int, illustrative: bool, counted: str = N_("Projects (count)")) -> list[list[Any]]:
    """What was exported (``selection``: (label msgid, value) lines), by whom, when (Beijing time),
    how many records (``counted``: the line's label, a msgid), and whether illustrative (示意) data
    is among them."""
    rows = [[translate(label), value] for label, value in selection]
    rows += [[translate(counted), count], [translate(N_("Exported by")), exported_by],
             [translate(N_("Exported at (Beijing time)")), sheet_moment(at)]]
    if illustrative:
        rows.append([translate(N_("Illustrative")), translate(N_(
            "Illustrative data (示意数据): zones, parcels, enterprises and projects shown here are generated for "
            "demonstration and are not official records."))])
    return rows
