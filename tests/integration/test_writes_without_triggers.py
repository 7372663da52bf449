"""What docs/operations.md tells an operator to run after a write with the triggers disabled puts the
map right: the layers' versions had no call of their own, and a reader's copy of a tile stayed
"not modified" after such a write, even once the workers were restarted."""
from __future__ import annotations

import re
from pathlib import Path

from sqlalchemy import text

from registry.domain.permissions import Actor
from registry.services import tiles
from tests.web.test_land_api import tile_of

PLANNER = Actor(1, "planner", "planner")
OPERATIONS = Path(__file__).parents[2] / "docs" / "operations.md"


def section(title: str) -> str:
    doc = OPERATIONS.read_text(encoding="utf-8")
    start = doc.index(f"\n## {title}\n")
    return doc[start:doc.index("\n## ", start + 1)]


def layers_call() -> str:
    """The statement the operations guide gives for the map's layers."""
    (statement,) = re.findall(r"```sql\n\s*(SELECT .*?);\n", section("Map layers kept until they change"), re.S)
    return statement


def test_the_guides_call_puts_right_a_tile_a_write_without_triggers_left_stale(session, ids):
    x, y = tile_of(121.4205, 31.2205, 14)  # P1's tile
    first = tiles.get_tile(session, PLANNER, "parcels", 14, x, y)
    session.execute(text("ALTER TABLE parcels DISABLE TRIGGER USER"))  # rolled back with the test
    session.execute(text("UPDATE parcels SET status = 'redevelopment_planned' WHERE id = :id"), {"id": ids["P1"]})
    session.execute(text("ALTER TABLE parcels ENABLE TRIGGER USER"))
    kept = tiles.get_tile(session, PLANNER, "parcels", 14, x, y, reader_has=[first.etag.strip('"')])
    assert kept.content is None  # "not modified": the write was not seen
    session.execute(text(layers_call()))
    again = tiles.get_tile(session, PLANNER, "parcels", 14, x, y, reader_has=[first.etag.strip('"')])
    assert again.content is not None and again.etag != first.etag


def test_the_guide_names_a_call_for_every_kind_of_kept_data_and_each_runs(session, ids):
    rows = [line for line in section("After a write with triggers disabled").splitlines() if line.startswith("| `")]
    calls = [re.search(r"\| `((?:SELECT|UPDATE) [^`]*);` \|", row).group(1) for row in rows]
    assert layers_call() in calls
    # every recount or bump an operator calls (kept data of its own; not the triggers' functions) has its row
    kept = session.execute(text("SELECT proname FROM pg_proc WHERE proname ~ '^registry_(recount|bump)_' "
                                "AND prorettype = 'void'::regtype")).scalars()
    functions = [call for call in calls if call.startswith("SELECT") and call != layers_call()]
    assert sorted(kept) == sorted(re.search(r"SELECT (\w+)\(", call).group(1) for call in functions)
    for call in calls:
        session.execute(text(call))


def test_the_guides_statement_puts_right_a_freed_date_and_former_use_a_write_without_triggers_left(session, ids):
    (statement,) = [call for call in re.findall(r"\| `((?:SELECT|UPDATE) [^`]*);` \|", section(
        "After a write with triggers disabled")) if call.startswith("UPDATE parcels")]
    session.execute(text("ALTER TABLE parcels DISABLE TRIGGER USER"))  # rolled back with the test
    session.execute(text("UPDATE parcels SET status = 'in_use', freed_on = DATE '2015-06-30', former_use = 'M1' "
                         "WHERE id = :id"), {"id": ids["P1"]})
    session.execute(text("UPDATE parcels SET status = 'freed', former_use = 'R2' WHERE id = :id"), {"id": ids["P2"]})
    session.execute(text("ALTER TABLE parcels ENABLE TRIGGER USER"))
    session.execute(text(statement))
    rows = session.execute(text("SELECT id, status, freed_on, former_use, land_use_class FROM parcels "
                                "WHERE id IN (:a, :b)"), {"a": ids["P1"], "b": ids["P2"]}).all()
    by_id = {row.id: row for row in rows}
    assert (by_id[ids["P1"]].freed_on, by_id[ids["P1"]].former_use) == (None, None)
    assert by_id[ids["P2"]].former_use == by_id[ids["P2"]].land_use_class != "R2"
