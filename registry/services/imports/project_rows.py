"""Typed values of the project workbook's rows: ``RowReader`` reads one row's cells (naming sheet,
row and header of every problem) and ``project_record``/``enterprise_record`` build the records a
load takes, the accounting engine's input document included (docs/accounting.md).
"""
from __future__ import annotations

import re
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from typing import Any, Mapping

from registry.domain.credit_code import normalize_credit_code, number_cell_problem
from registry.domain.errors import N_, NOT_A_NUMBER, NOT_A_WHOLE_NUMBER, Listed, Message, UNKNOWN_VALUE
from registry.domain.messages import NO_SUCH_DISTRICT_CODE, NOT_ON_THE_LIST
from registry.domain.numbers import without_digit_grouping
from registry.domain.typed_values import typed_day, typed_ratio
from registry.domain.vocabulary import PROJECT_KINDS
from registry.services.imports.project_sheet import SheetProblem, SheetRow, field_name, shown
from registry.services.imports.project_template import CHOICES, COMMON, KIND_COLUMNS, choice_code, header_of
from registry.services.imports.xlsx_rows import Percent, Uncalculated
from registry.services.records import EnterpriseRecord, ProjectRecord

# A number followed by a unit typed after it (55千瓦, 55 kW, 0.5万元): the header gives the unit
_WITH_UNIT = re.compile(r"[-+]?\d[\d,]*(?:\.\d+)?\s*[^\W\d_][\w/·²³]*")
WITH_UNIT = N_("must be the number alone, in the unit its header gives")
# A refused cell's line shows its value (the report's Value column; 高效电机!N3 额定功率（千瓦） = “55千瓦”
# on the command line): the reasons shared with paths that show none are said here without it
_UNQUOTED = {NOT_A_NUMBER: N_("must be a number"), NOT_A_WHOLE_NUMBER: N_("must be a whole number"),
             UNKNOWN_VALUE: NOT_ON_THE_LIST, N_("no district with code %(code)s"): NO_SUCH_DISTRICT_CODE,
             # the record's rules (records.py, numbers.py), which a row's project passes after its cells
             N_("must not be negative, got “%(value)s”"): N_("must not be negative"),
             N_("must be at most %(maximum)s, got “%(value)s”"): N_("must be at most %(maximum)s")}


def said_once(message: Message) -> Message:
    """``message`` as a refused cell's reason: without the quote of the value its line shows."""
    return Message(_UNQUOTED[message.msgid], message.params) if message.msgid in _UNQUOTED else message


class RowReader:
    """Typed values of one sheet row; problems are collected, naming sheet, row and header."""

    def __init__(self, row: SheetRow) -> None:
        self.row = row
        self.problems: list[SheetProblem] = []
        self.unread: set[str] = set()  # the keys whose cells are refused: checks that need them are skipped

    def _bad(self, key: str, msgid: str, **params) -> None:
        self.unread.add(key)
        value = self.row.get(key)
        self.problems.append(SheetProblem(self.row.row, field_name(self.row.sheet, header_of(self.row.kind, key)),
                                          shown(value), Message(msgid, params), cell=self.row.cell(key)))

    def text(self, key: str, required: bool = False) -> str | None:
        value = self.row.get(key)
        if value is None or str(value).strip() == "":
            if required and (merged := self.row.merged_over(key)) is not None:
                self._bad(key, N_("is empty: it lies in the merged cells %(range)s, whose value only their first cell "
                                  "%(first)s holds; unmerge them and fill in every row"), range=merged[0], first=merged[1])
            elif required:
                self._bad(key, N_("is required"))
            return None
        if isinstance(value, Uncalculated):
            self._bad(key, N_("holds the formula %(formula)s without its result: the file was written by a "
                              "program and never saved by a spreadsheet; open it in Excel or WPS and save it, or "
                              "type the value"), formula=str(value)[:80])
            return None
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        if "\x00" in str(value):  # PostgreSQL stores no NUL in text (a CSV may hold one)
            self._bad(key, N_("must not contain the NUL character (U+0000)"))
            return None
        return str(value).strip()

    def credit_code(self) -> str | None:
        """The required credit code, normalised as the enterprise form does (the report shows it as typed);
        a cell holding a number is refused, whatever it reads (``number_cell_problem``)."""
        if (number := number_cell_problem(self.row.get("credit_code"))) is not None:
            self._bad("credit_code", number.msgid, **number.params)
            return None
        text = self.text("credit_code", required=True)
        return normalize_credit_code(text) if text is not None else None

    def number(self, key: str, required: bool = False) -> Decimal | None:
        text = self.text(key, required)
        if text is None:
            return None
        try:
            number = Decimal(without_digit_grouping(text))
            if not number.is_finite():
                raise InvalidOperation
            return number
        except InvalidOperation:
            self._bad(key, WITH_UNIT if _WITH_UNIT.fullmatch(text) else _UNQUOTED[NOT_A_NUMBER])
            return None

    def integer(self, key: str, required: bool = False) -> int | None:
        number = self.number(key, required)
        if number is not None and number != number.to_integral_value():
            self._bad(key, _UNQUOTED[NOT_A_WHOLE_NUMBER])
            return None
        return int(number) if number is not None else None

    def day(self, key: str) -> date | None:
        value = self.row.get(key)
        if isinstance(value, datetime):
            return value.date()
        if isinstance(value, date):
            return value
        text = self.text(key)
        if text is None:
            return None
        return self._read(key, typed_day(text))

    def ratio(self, key: str, required: bool = False) -> Decimal | None:
        """A fraction from 0 to 1 (an efficiency, a load factor): 0.75 or 75%; 75 under a header
        that says (%). An ambiguous number is a problem of the row (``typed_ratio``); a cell formatted
        as a percentage is not one: it is read as the 75% it shows, under either header."""
        value = self.row.get(key)
        text = value.typed() if isinstance(value, Percent) else self.text(key, required)
        if text is None:
            return None
        return self._read(key, typed_ratio(text, self.row.percent.get(key)))

    def _read(self, key: str, read):
        """``read`` when it is a value; None, and the problem noted, when it is a message."""
        if isinstance(read, Message):
            self._bad(key, _UNQUOTED.get(read.msgid, read.msgid), **read.params)
            return None
        return read

    def choice(self, key: str, required: bool = False) -> str | None:
        """The code of a cell of the list ``key`` (given as the template's label or as the code)."""
        text = self.text(key, required)
        if text is None:
            return None
        code = choice_code(key, text)
        if code is None:
            self._bad(key, _UNQUOTED[UNKNOWN_VALUE], allowed=Listed(tuple(CHOICES[key].values())))
        return code


def enterprise_record(row: SheetRow) -> tuple[EnterpriseRecord | None, list[SheetProblem]]:
    r = RowReader(row)
    code, name = r.credit_code(), r.text("name", required=True)
    record = EnterpriseRecord(code or "", name or "", r.text("industry_code"), r.text("district_code"),
                              r.text("address")) if code and name else None
    return record, r.problems


def project_record(rows: list[SheetRow]) -> tuple[ProjectRecord | None, list[SheetProblem]]:
    """One project from its row (several rows for motor groups); None when a cell is refused."""
    record, problems, _unread = read_project(rows)
    return (None if problems else record), problems


def read_project(rows: list[SheetRow]) -> tuple[ProjectRecord | None, list[SheetProblem], frozenset[str]]:
    """One project from its row (several rows for motor groups) as far as its cells read, the problems
    of its cells, and the keys of the refused ones: the record (None only for an unknown kind) is
    built with a refused cell left at its default, so that the checks which do not need that cell
    still run and a row's every independent problem is said at once."""
    first = RowReader(rows[0])
    kind = rows[0].kind
    if kind not in PROJECT_KINDS:
        first._bad("reference", UNKNOWN_VALUE, value=kind or "",
                   allowed=Listed(tuple(PROJECT_KINDS)))
        return None, first.problems, frozenset(first.unread)
    year = first.integer("year", required=True)
    readers = [first] + [RowReader(row) for row in rows[1:]]
    inputs = _inputs(kind, year, readers)
    codes = first.text("parcel_codes") or ""
    record = ProjectRecord(
        reference=first.text("reference", required=True) or "", title=first.text("title", required=True) or "",
        kind=kind, year=year or 0, status=_status(first),
        enterprise_credit_code=first.credit_code() or "",
        district_code=first.text("district_code", required=True) or "", inputs=inputs,
        parcel_codes=tuple(c.strip() for c in codes.replace("，", ",").split(",") if c.strip()),
        structural_mode=first.choice("structural_mode") if kind == "structural_adjustment" else None,
        investment_wan_yuan=first.number("investment_wan_yuan"), output_value_wan_yuan=first.number("output_value_wan_yuan"),
        planned_completion=first.day("planned_completion"), completed_on=first.day("completed_on"),
        verified_on=first.day("verified_on"),
    )
    problems = [p for reader in readers for p in reader.problems]
    return record, problems, frozenset(key for reader in readers for key in reader.unread)


def _status(r: RowReader) -> str:
    """The row's status: a blank one is a draft; a refused one none ("": a rule that reads the status,
    such as the parcels an exit needs, is not run as if the row were the draft it does not say)."""
    status = r.choice("status")
    return status if status is not None else "" if "status" in r.unread else "draft"


def _line(energy: str, quantity: Decimal | None, unit: str) -> list[dict]:
    return [{"energy": energy, "quantity": str(quantity), "unit": unit}] if quantity is not None else []


def _inputs(kind: str, year: int | None, readers: list[RowReader]) -> dict[str, Any]:
    r = readers[0]
    doc: dict[str, Any] = {"kind": kind, "year": year}
    if kind == "structural_adjustment":
        doc["baseline_year"] = r.integer("baseline_year") or (year - 1 if year else None)
        doc["energy_use"] = (_line("electricity", r.number("electricity_10k_kwh"), "10^4 kWh")
                             + _line("raw_coal", r.number("raw_coal_t"), "t")
                             + _line("natural_gas", r.number("natural_gas_10k_m3"), "10^4 m3")
                             + _line("fuel_oil", r.number("fuel_oil_t"), "t"))
    elif kind == "boiler_replacement":
        doc["energy_before"] = _line(r.choice("fuel", required=True) or "raw_coal",
                                     r.number("fuel_t", required=True), "t")
        gas = r.number("natural_gas_after_10k_m3")
        if gas is not None:
            doc["energy_after"] = _line("natural_gas", gas, "10^4 m3")
        else:
            doc["efficiency_before"] = str(r.ratio("efficiency_before", required=True))
            doc["efficiency_after"] = str(r.ratio("efficiency_after", required=True))
    elif kind == "motor_upgrade":
        doc["motors"] = [{
            "count": m.integer("count", required=True), "rated_kw": str(m.number("rated_kw", required=True)),
            "load_factor": str(m.ratio("load_factor", required=True)),
            "hours_per_year": str(m.number("hours_per_year", required=True)),
            "efficiency_before": str(m.ratio("efficiency_before", required=True)),
            "efficiency_after": str(m.ratio("efficiency_after", required=True)),
            "remanufactured": m.choice("remanufactured") == "是",
        } for m in readers]
    elif kind in ("technical_retrofit", "contract_energy_management"):
        method = r.choice("method") or "measured"
        doc["method"] = method
        if method == "intensity":
            doc |= {"intensity_before": str(r.number("intensity_before", required=True)),
                    "intensity_after": str(r.number("intensity_after", required=True)),
                    "intensity_unit": r.choice("intensity_unit") or "tce/t",
                    "output_reporting": str(r.number("output_reporting", required=True))}
        else:
            doc["energy_before"] = _line("electricity", r.number("electricity_before_10k_kwh", required=True), "10^4 kWh")
            doc["energy_after"] = _line("electricity", r.number("electricity_after_10k_kwh", required=True), "10^4 kWh")
        if kind == "contract_energy_management":
            doc["emc_model"] = r.choice("emc_model", required=True)
    else:
        before, after = _both_or_neither(r, kind, "natural_gas_before_10k_m3", "natural_gas_after_10k_m3")
        if before is not None and after is not None:
            doc["energy_before"] = _line("natural_gas", before, "10^4 m3")
            doc["energy_after"] = _line("natural_gas", after, "10^4 m3")
    return doc


def _both_or_neither(r: RowReader, kind: str, first: str, second: str) -> tuple[Decimal | None, Decimal | None]:
    """The numbers of two cells that are only given together; one left blank is a problem of the row.

    A blank cell is not a measured 0: read so, a cleaner-production audit with its "after" left
    empty was credited its whole gas use as savings (an audit measures both periods or claims
    nothing, docs/accounting.md §1.7)."""
    known = len(r.problems)
    values = (r.number(first), r.number(second))
    if len(r.problems) == known and values.count(None) == 1:
        blank, given = (first, second) if values[0] is None else (second, first)
        r._bad(blank, N_("is required when %(other)s is given"), other=header_of(kind, given))
        return None, None
    return values


# The column each energy line of the input document is read from (``_inputs``), by ledger and energy:
# a problem the accounting engine finds in a line (energy_use[2].quantity) is named at its cell.
_LINE_COLUMNS = {
    ("energy_use", "electricity"): "electricity_10k_kwh", ("energy_use", "raw_coal"): "raw_coal_t",
    ("energy_use", "natural_gas"): "natural_gas_10k_m3", ("energy_use", "fuel_oil"): "fuel_oil_t",
    ("energy_before", "raw_coal"): "fuel_t", ("energy_before", "fuel_oil"): "fuel_t",
    ("energy_before", "electricity"): "electricity_before_10k_kwh",
    ("energy_after", "electricity"): "electricity_after_10k_kwh",
    ("energy_before", "natural_gas"): "natural_gas_before_10k_m3",
    ("energy_after", "natural_gas"): "natural_gas_after_10k_m3",
}
_PATH = re.compile(r"(?P<name>\w+)(?:\[(?P<index>[0-9]+)\])?(?:\.(?P<leaf>\w+))?")


def input_column(kind: str, inputs: Mapping[str, Any], path: str) -> tuple[int, str] | None:
    """(which of a project's rows, key of the column) the engine's field ``path`` of ``inputs`` was
    read from — motors[1].hours_per_year: the second row's; energy_before[0].quantity: its energy's;
    a ledger left empty: its first column —, None for a field no column gives."""
    found = _PATH.fullmatch(path)
    if found is None:
        return None
    name, index, columns = found["name"], int(found["index"] or 0), dict(COMMON + KIND_COLUMNS.get(kind, ()))
    if name == "motors":
        return (index, found["leaf"]) if found["leaf"] in columns else None
    if any(ledger == name for ledger, _energy in _LINE_COLUMNS):
        lines = inputs.get(name) or ()
        if found["index"] is not None and index < len(lines):
            key = _LINE_COLUMNS.get((name, lines[index].get("energy")))
        else:  # the ledger as a whole (must not be empty): its first column
            key = next((key for (ledger, _energy), key in _LINE_COLUMNS.items() if ledger == name and key in columns),
                       None)
        return (0, key) if key in columns else None
    return (0, name) if name in columns else None
