"""The counts the database keeps as rows are written (``record_counts``, migration 0038) are always
those of the rows — live parcels by district and status with their area, projects by district and
status with the illustrative ones, enterprises by district — whatever writes them: single rows,
bulk statements, an import, a district reassignment, workflow steps, deletions, TRUNCATE; and the
log's folding changes no sum."""
from __future__ import annotations

from decimal import Decimal

import shapely
from sqlalchemy import text

from registry.domain.credit_code import credit_code_check_char
from registry.domain.permissions import Actor
from registry.services import enterprises
from registry.services import projects as svc
from tests.integration import rollup_data
from tests.integration.imports.conftest import run_import, squares, write_parcels
from tests.integration.imports.test_district_import import _moved_boundary
from tests.integration.land_data import A, B

FOLD_AT = 1000  # migration 0038

KEPT = text("""SELECT subject, district_code, status, sum(n), sum(illustrative), sum(area_m2) FROM record_counts
               GROUP BY 1, 2, 3 HAVING sum(n) <> 0 OR sum(illustrative) <> 0 OR sum(area_m2) <> 0""")
COUNTED = text("""
    SELECT 'parcels', district_code, status, count(*), 0, coalesce(sum(area_m2), 0) FROM parcels
    WHERE valid_to IS NULL GROUP BY 2, 3
    UNION ALL SELECT 'projects', district_code, status, count(*), count(*) FILTER (WHERE is_illustrative), 0
    FROM projects GROUP BY 2, 3
    UNION ALL SELECT 'enterprises', district_code, NULL, count(*), 0, 0 FROM enterprises GROUP BY 2, 3""")


def _by_key(rows) -> dict[tuple, tuple[int, int, Decimal]]:
    return {(s, d, st): (int(n), int(i), Decimal(a)) for s, d, st, n, i, a in rows}


def assert_in_step(session) -> dict[tuple, tuple[int, int, Decimal]]:
    kept = _by_key(session.execute(KEPT))
    assert kept == _by_key(session.execute(COUNTED))
    return kept


def log_rows(session) -> int:
    return session.execute(text("SELECT count(*) FROM record_counts")).scalar_one()


def test_parcels_are_counted_where_they_are_as_they_are_written_moved_retired_and_deleted(session, ids):
    kept = assert_in_step(session)
    assert kept[("parcels", A, "freed")][0] == 1  # P1; P6, end-dated, is not live
    session.execute(text("UPDATE parcels SET status = 'freed' WHERE id = :id"), {"id": ids["P5"]})
    session.execute(text("UPDATE parcels SET district_code = :b WHERE id = :id"), {"b": B, "id": ids["P4"]})
    session.execute(text("UPDATE parcels SET area_m2 = area_m2 + 0.25 WHERE id = :id"), {"id": ids["P1"]})
    session.execute(text("UPDATE parcels SET valid_to = DATE '2020-01-01' WHERE id = :id"), {"id": ids["P7"]})
    session.execute(text("UPDATE parcels SET valid_to = NULL WHERE id = :id"), {"id": ids["P6"]})  # live again
    assert_in_step(session)
    session.execute(text("INSERT INTO parcels (code, geom, land_use_class, district_code, status) "
                         "SELECT code || '-copy', geom, land_use_class, district_code, status FROM parcels"))
    session.execute(text("DELETE FROM parcels WHERE code LIKE '%-copy' AND status = 'freed'"))
    kept = assert_in_step(session)
    assert kept[("parcels", A, "freed")][0] == 3  # P1, P5 (now freed), P6 (live again); their copies deleted


def test_an_import_and_a_district_reassignment_move_the_counts_with_the_parcels(session, districts, tmp_path):
    parcels = squares(120)
    assert run_import(session, write_parcels(tmp_path / "p.gpkg", parcels)).inserted == 120
    kept = assert_in_step(session)
    assert kept[("parcels", "310115", "in_use")][0] == 120
    margin = 0.5e-4  # Huangpu takes squares 0–49, which stay whole (as in test_district_import)
    box = shapely.box(parcels[0].bounds[0] - margin, parcels[0].bounds[1] - margin,
                      parcels[49].bounds[2] + margin, parcels[49].bounds[3] + margin)
    moved = run_import(session, _moved_boundary(tmp_path, box), "districts", reassign_parcels=True)
    assert moved.reassigned and moved.reassigned[0][2] == 50
    kept = assert_in_step(session)
    assert kept[("parcels", "310101", "in_use")][0] == 50 and kept[("parcels", "310115", "in_use")][0] == 70
    codes = [f"T-{i + 1:06d}" for i in range(120)]  # the same file again, with a status: updated in place
    again = write_parcels(tmp_path / "q.gpkg", parcels, codes=codes, extra={"status": ["freed"] * 120})
    assert run_import(session, again).updated == 120
    assert assert_in_step(session)[("parcels", "310101", "freed")][0] == 50


def test_projects_and_enterprises_are_counted_through_their_steps_moves_and_deletion(session):
    rollup_data.load(session)
    assert_in_step(session)
    session.execute(text("UPDATE projects SET is_illustrative = true WHERE reference = 'P9'"))
    session.execute(text("UPDATE projects SET district_code = '310112' WHERE reference = 'P2'"))
    session.execute(text("UPDATE projects SET status = 'draft' WHERE reference = 'P3'"))
    assert_in_step(session)
    draft = session.execute(text("SELECT id FROM projects WHERE reference = 'P3'")).scalar_one()
    svc.delete_draft(session, Actor.system(), draft)
    code = "91310115MA1K00001"
    enterprises.find_or_create(session, Actor.system(), code + credit_code_check_char(code), "上海计数测试有限公司",
                               district_code="310115")
    session.execute(text("UPDATE enterprises SET district_code = '310112' WHERE credit_code = :c"),
                    {"c": rollup_data.CREDIT_CODE})
    kept = assert_in_step(session)
    assert kept[("enterprises", "310115", None)] == (1, 0, 0) and kept[("enterprises", "310112", None)] == (1, 0, 0)
    assert kept[("projects", "310115", "approved")] == (1, 1, 0)  # P9, illustrative


def test_truncate_forgets_the_counts_of_its_table_only(session, ids):
    rollup_data.load(session)
    session.execute(text("TRUNCATE parcels CASCADE"))
    kept = assert_in_step(session)
    assert not [k for k in kept if k[0] == "parcels"] and [k for k in kept if k[0] == "projects"]


def test_a_transactions_first_write_folds_a_long_log_without_changing_a_count(session, ids):
    for n in range(FOLD_AT // 2 + 1):  # each status change logs two rows: the old key's -1, the new's +1
        session.execute(text("UPDATE parcels SET status = :s WHERE id = :id"),
                        {"s": "freed" if n % 2 else "in_use", "id": ids["P5"]})
    assert log_rows(session) > FOLD_AT
    before = assert_in_step(session)
    # as a new transaction would begin: its first counted write folds the log
    session.execute(text("SELECT set_config('registry.record_counts_folded', '', true)"))
    session.execute(text("UPDATE parcels SET status = 'freed' WHERE id = :id"), {"id": ids["P5"]})
    assert log_rows(session) <= len(before) + 2  # a row per key, and this write's two
    assert_in_step(session)


def test_recounting_puts_right_what_a_write_without_triggers_left_out(session, ids):
    session.execute(text("ALTER TABLE parcels DISABLE TRIGGER parcels_count_delete"))  # rolled back with the test
    session.execute(text("DELETE FROM parcels WHERE id = :id"), {"id": ids["P7"]})
    session.execute(text("ALTER TABLE parcels ENABLE TRIGGER parcels_count_delete"))
    assert _by_key(session.execute(KEPT)) != _by_key(session.execute(COUNTED))
    session.execute(text("SELECT registry_recount_records()"))
    assert_in_step(session)
