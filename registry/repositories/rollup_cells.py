"""SQL of the rollup's cells with their money, for a counting rule: now (``rollup_cells``, kept by
the triggers on ``projects``) and as ``project_history`` held them at a moment, without aggregating
every state valid then (docs/rollups.md, "Reading a past moment from a checkpoint").

The cells at a moment A are read from an *anchor* whose cells are known — the live ``rollup_cells``
(the open states, read in the same statement, hence the same snapshot), the rule's checkpoint
stored at a moment X (the states valid at X), or none (nothing held before the first state) — plus
the history rows opened or closed between the two moments. With (lo, hi) the earlier and the later:

    valid(hi) = valid(lo) + {lo < valid_from ≤ hi, valid_to > hi or open} − {valid_from ≤ lo < valid_to ≤ hi}

Counts and sums are exact, so every anchor gives the figures that aggregating every state valid at
A gives; the one with the fewest rows between is read (counted to ``COUNT_CAP`` on the indexes of
migration 0039; past the cap, no anchor, which is that aggregation: never slower than it was).

A checkpoint is stored only at a *settled* moment: before the start of every transaction still open
in the database, so no state stamped at or before it (stamps are ``clock_timestamp()``, never earlier
than their transaction's start) can be committed after the checkpoint is taken.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any, Sequence

from sqlalchemy import text
from sqlalchemy.orm import Session

from registry.domain.rollup_subsidies import SUBSIDY_FIELDS, Subsidies, SubsidyCell
from registry.domain.rollups import COUNT_FIELDS, FIGURE_FIELDS, RULE_DATES, Cell, Figures

COUNT_CAP = 100_000  # rows between a moment and an anchor counted at most (an index-only count)
NEAR = 1_000  # rows between: an anchor that near is read without counting the farther ones
MEASURES = tuple(f for f in FIGURE_FIELDS if f not in COUNT_FIELDS) + SUBSIDY_FIELDS
COLUMNS = COUNT_FIELDS + MEASURES  # of rollup_cells and rollup_checkpoint_cells, in this order
KEY = ("year", "district_code", "kind", "status")


@dataclass(frozen=True)
class CountedCell:
    """A cell of one year with its figures and its money."""

    year: int
    cell: Cell
    money: SubsidyCell


def counted_cell(row: Sequence[Any]) -> CountedCell:
    """``KEY`` then ``COLUMNS``."""
    year, district, kind, status = row[:4]
    values = row[4:4 + len(COLUMNS)]
    figures = Figures(int(values[0]), int(values[1]), *(Decimal(v or 0) for v in values[2:len(FIGURE_FIELDS)]))
    money = Subsidies(*(Decimal(v or 0) for v in values[len(FIGURE_FIELDS):]))
    return CountedCell(int(year), Cell(district, kind, status, figures), SubsidyCell(district, kind, status, money))


@dataclass(frozen=True)
class Anchor:
    """Where an as-of reading starts: ``live`` cells, the rule's ``checkpoint`` at ``moment``, or
    ``none``; ``rows_between``: the history rows opened or closed between it and the moment asked."""

    kind: str
    moment: datetime | None = None
    rows_between: int = 0


@dataclass(frozen=True)
class Selection:
    """Which cells: those a counting rule counts, of a year (None: every year) and a district (None: all)."""

    rule: str
    year: int | None = None
    district_code: str | None = None

    def params(self) -> dict[str, Any]:
        date_kind, statuses = RULE_DATES[self.rule]
        first, last = (date(self.year, 1, 1), date(self.year, 12, 31)) if self.year is not None else (None, None)
        return {"rule": self.rule, "date_kind": date_kind, "statuses": list(statuses), "year": self.year,
                "first": first, "last": last, "district": self.district_code}

    def keeps(self, counted: CountedCell) -> bool:
        """Whether this selection has the rule's cell (what ``of_anchor`` asks of a stored one)."""
        return self.year in (None, counted.year) and self.district_code in (None, counted.cell.district_code)

    def of_anchor(self, live: bool) -> str:
        return " AND ".join(filter(None, (
            "a.date_kind = :date_kind AND a.status = ANY(:statuses)" if live else "a.rule = :rule",
            self.year is not None and "a.year = :year", self.district_code and "a.district_code = :district")))

    def of_rows(self) -> str:
        """Of the history rows ``m``: those the rule counts, by its date (whose partial index serves)."""
        day = f"m.{RULE_DATES[self.rule][0]}_on"
        return " AND ".join(filter(None, (
            f"{day} IS NOT NULL AND m.status = ANY(:statuses)",
            self.year is not None and f"{day} BETWEEN :first AND :last",
            self.district_code and "m.district_code = :district")))


def live_cells(session: Session, selection: Selection) -> list[CountedCell]:
    """The selected cells now, in (year, district, kind, status) order; a cell nothing is counted in
    any more (kept at 0 by the triggers) is left out."""
    kept = " OR ".join(f"{c} <> 0" for c in FIGURE_FIELDS)
    sql = (f"SELECT {', '.join(KEY)}, {', '.join(COLUMNS)} FROM rollup_cells a "
           f"WHERE {selection.of_anchor(live=True)} AND ({kept}) ORDER BY {', '.join(KEY)}")
    return [counted_cell(row) for row in session.execute(text(sql), selection.params())]


def _capped(column: str, lo: str | None, hi: str | None) -> str:
    bounds = " AND ".join(filter(None, (lo and f"{column} > {lo}", hi and f"{column} <= {hi}")))
    return f"(SELECT count(*) FROM (SELECT FROM project_history WHERE {bounds} LIMIT :cap) s)"


def _between(lo: str | None, hi: str | None) -> str:
    """History rows opened or closed in (lo, hi], each counted to the cap (None: unbounded)."""
    return f"{_capped('valid_from', lo, hi)} + {_capped('valid_to', lo, hi)}"


# Each anchor's rows are counted only while no anchor counted before it is near (``NEAR``): the
# rule's checkpoints around the moment first, then the live cells, then none. (CASE runs its
# subqueries only when taken; each CTE is read once, materialized.)
_NEAREST = text(f"""
    WITH near AS MATERIALIZED (
        SELECT (SELECT max(moment) FROM rollup_checkpoints WHERE rule = :rule AND moment <= :as_of) AS before,
               (SELECT min(moment) FROM rollup_checkpoints WHERE rule = :rule AND moment > :as_of) AS after),
    checkpoints AS MATERIALIZED (
        SELECT before, after, CASE WHEN before IS NOT NULL THEN {_between("before", ":as_of")} END AS n_before,
               CASE WHEN after IS NOT NULL THEN {_between(":as_of", "after")} END AS n_after FROM near),
    live AS MATERIALIZED (
        SELECT *, CASE WHEN least(n_before, n_after) < :near THEN NULL ELSE {_between(":as_of", None)} END AS n_live
        FROM checkpoints)
    SELECT before, after, n_before, n_after, n_live,
           CASE WHEN least(n_before, n_after, n_live) < :near THEN NULL
                ELSE {_capped("valid_from", None, ":as_of")} END
    FROM live
""")


def nearest_anchor(session: Session, rule: str, as_of: datetime) -> Anchor:
    """The anchor of the rule with the fewest history rows between it and ``as_of`` (none,
    aggregating every state valid then, when the others have at least as many, or ``COUNT_CAP``:
    never slower than that aggregation)."""
    before, after, n_before, n_after, n_live, n_none = session.execute(
        _NEAREST, {"rule": rule, "as_of": as_of, "cap": COUNT_CAP, "near": NEAR}).one()
    candidates = [Anchor("checkpoint", before, n_before), Anchor("checkpoint", after, n_after),
                  Anchor("live", None, n_live), Anchor("none", None, n_none)]
    return min((a for a in candidates if a.rows_between is not None), key=lambda a: a.rows_between)


def _moved(anchor: Anchor, as_of: datetime) -> str:
    """The history rows between the anchor and ``as_of``, each with the sign it brings (+1 when it
    is valid at ``as_of`` and not at the anchor's moment, −1 the other way round)."""
    if anchor.kind == "none":
        lo, hi, sign = None, ":as_of", 1
    elif anchor.kind == "live":
        lo, hi, sign = ":as_of", None, -1
    elif anchor.moment <= as_of:
        lo, hi, sign = ":anchor", ":as_of", 1
    else:
        lo, hi, sign = ":as_of", ":anchor", -1
    opened = " AND ".join(filter(None, (lo and f"p.valid_from > {lo}", hi and f"p.valid_from <= {hi}",
                                        f"(p.valid_to IS NULL OR p.valid_to > {hi})" if hi else "p.valid_to IS NULL")))
    columns = "p.district_code, p.kind, p.status, p.completed_on, p.verified_on, " + ", ".join(
        f"p.{c}" for c in MEASURES)
    arms = [f"SELECT {sign} AS sign, {columns} FROM project_history p WHERE {opened}"]
    if lo:  # rows closed between, valid at the earlier moment (none before the first state)
        closed = " AND ".join(filter(None, (f"p.valid_to > {lo}", hi and f"p.valid_to <= {hi}", f"p.valid_from <= {lo}")))
        arms.append(f"SELECT {-sign}, {columns} FROM project_history p WHERE {closed}")
    return " UNION ALL ".join(arms)


def _grouped(anchor: Anchor, as_of: datetime, selection: Selection) -> str:
    """The SELECT of the selected cells at ``as_of``: the anchor's plus the rows between, summed by
    cell; a cell whose count comes to 0 has no state then (and every sum 0) and is left out, as an
    aggregation of the states leaves it."""
    day = f"m.{RULE_DATES[selection.rule][0]}_on"
    parts = [f"SELECT extract(year FROM {day})::int, m.district_code, m.kind, m.status, sum(m.sign), "
             "sum(m.sign * (m.savings_tce_equal_value IS NULL)::int), "
             + ", ".join(f"sum(m.sign * coalesce(m.{c}, 0))" for c in MEASURES)
             + f" FROM ({_moved(anchor, as_of)}) m WHERE {selection.of_rows()} GROUP BY 1, 2, 3, 4"]
    if anchor.kind != "none":
        live = anchor.kind == "live"
        table = "rollup_cells a" if live else "rollup_checkpoint_cells a"
        moment = "" if live else " AND a.moment = :anchor"
        parts.insert(0, f"SELECT {', '.join(KEY)}, {', '.join(COLUMNS)} FROM {table} "
                        f"WHERE {selection.of_anchor(live)}{moment}")
    return (f"SELECT {', '.join(KEY)}, {', '.join(f'sum({c}) AS {c}' for c in COLUMNS)} "
            f"FROM ({' UNION ALL '.join(parts)}) c ({', '.join(KEY + COLUMNS)}) "
            f"GROUP BY {', '.join(KEY)} HAVING sum(project_count) <> 0")


def cells_at(session: Session, anchor: Anchor, as_of: datetime, selection: Selection) -> list[CountedCell]:
    """The selected cells as ``project_history`` held them at ``as_of``, read from ``anchor`` (one
    of the selection's rule), in (year, district, kind, status) order."""
    sql = f"SELECT * FROM ({_grouped(anchor, as_of, selection)}) g ORDER BY {', '.join(KEY)}"
    rows = session.execute(text(sql), selection.params() | {"as_of": as_of, "anchor": anchor.moment})
    return [counted_cell(row) for row in rows]


def is_settled(session: Session, moment: datetime) -> bool:
    """True when no state stamped at or before ``moment`` can still be committed: it is past, and no
    other transaction open in this database began at or before it (one whose state we may not see
    counts as open; autovacuum writes no state). Only under READ COMMITTED, where the next statement
    sees every transaction that has ended."""
    session.execute(text("SELECT pg_stat_clear_snapshot()"))  # else the activity read is the transaction's first
    return session.execute(text("""
        SELECT current_setting('transaction_isolation') = 'read committed'
           AND CAST(:moment AS timestamptz) < clock_timestamp()
           AND NOT EXISTS (SELECT FROM pg_stat_activity a
                           WHERE a.datname = current_database() AND a.pid <> pg_backend_pid()
                             AND a.backend_type NOT IN ('autovacuum worker', 'parallel worker')
                             AND (a.state IS NULL OR a.xact_start <= :moment))
           AND NOT EXISTS (SELECT FROM pg_prepared_xacts x WHERE x.database = current_database())
    """), {"moment": moment}).scalar_one()


_TYPES = ["int", "text", "text", "text", "bigint", "bigint"] + ["numeric"] * len(MEASURES)


def store_checkpoint(session: Session, anchor: Anchor, rule: str, moment: datetime) -> list[CountedCell]:
    """Store the rule's cells (every year and district) as history held them at ``moment``, read
    from ``anchor``, unless that moment is stored already; the cells, so the reading that stored them
    needs no other (``Selection.keeps``). Read by a query of its own (a statement that writes runs on
    one core), written by another, whole (both tables) even without a transaction. The caller makes
    sure the moment is settled (``is_settled``): its cells cannot change between the two."""
    selection = Selection(rule)
    sql = f"SELECT * FROM ({_grouped(anchor, moment, selection)}) g ORDER BY {', '.join(KEY)}"
    rows = session.execute(text(sql), selection.params() | {"as_of": moment, "anchor": anchor.moment}).all()
    columns = list(zip(*rows)) or [()] * len(_TYPES)
    arrays = ", ".join(f"CAST(:c{i} AS {t}[])" for i, t in enumerate(_TYPES))
    session.execute(text(
        "WITH stored AS (INSERT INTO rollup_checkpoints (moment, rule) VALUES (:moment, :rule) ON CONFLICT DO NOTHING "
        f"RETURNING moment, rule) INSERT INTO rollup_checkpoint_cells (moment, rule, {', '.join(KEY)}, "
        f"{', '.join(COLUMNS)}) SELECT stored.moment, stored.rule, c.* FROM stored CROSS JOIN unnest({arrays}) c"),
        {"moment": moment, "rule": rule} | {f"c{i}": list(values) for i, values in enumerate(columns)})
    return [counted_cell(row) for row in rows]
