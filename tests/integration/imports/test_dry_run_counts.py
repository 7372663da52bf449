"""A dry run counts what the import would do — inserted, updated and unchanged apart — as the import
itself counts them, compared without writing: it said "already registered (would be updated or stay
unchanged)", one count for both."""
from __future__ import annotations

import pyarrow as pa
import pyogrio
import shapely
import shapely.affinity

from tests.integration.imports.conftest import PUDONG_ORIGIN, WGS84_DISTRICTS, run_import, squares, write_parcels


def _counts(result):
    return result.inserted, result.updated, result.unchanged, result.refused


def test_a_dry_run_of_parcels_counts_the_updated_and_the_unchanged_apart_as_the_import_does(session, districts,
                                                                                            tmp_path):
    shapes = squares(6)
    first = {"status": ["in_use", "in_use", "in_use", "freed", "freed"],
             "freed_on": [None, None, None, "2020-01-01", "2020-01-01"], "former_use": [None, None, None, "M1", "M1"]}
    run_import(session, write_parcels(tmp_path / "first.gpkg", shapes[:5], extra=first))
    moved = shapely.affinity.translate(shapes[2], xoff=0.00001)
    again = write_parcels(
        tmp_path / "again.gpkg", [shapes[0], shapes[1], moved, shapes[3], shapes[4], shapes[5], shapes[5]],
        codes=["T-000001", "T-000002", "T-000003", "T-000004", "T-000005", "NEW-1", "BAD-1"],
        land_use=["M1", "M2", "M1", "M1", "M1", "M1", "XX"],
        # T-000005's blank former use is its land use, M1, once the triggers have read it (0046): unchanged
        extra={"status": ["in_use", "in_use", "in_use", "freed", "freed", "in_use", "in_use"],
               "freed_on": [None, None, None, "2021-06-30", "2020-01-01", None, None],
               "former_use": [None, None, None, "M1", None, None, None]})

    checked = run_import(session, again, dry_run=True, on_error="skip")
    imported = run_import(session, again, on_error="skip")

    assert _counts(imported) == (1, 3, 2, 1)  # new; land use, shape, freed date; T-000001 and T-000005
    assert _counts(checked) == _counts(imported)


def test_a_dry_run_of_districts_or_zones_counts_the_unchanged_ones_as_unchanged(session, districts, tmp_path):
    assert _counts(run_import(session, WGS84_DISTRICTS, "districts", dry_run=True)) == (0, 0, 16, 0)
    x, y = PUDONG_ORIGIN
    zone_file = tmp_path / "zones.geojson"

    def write_zones(names):
        pyogrio.write_arrow(pa.table({
            "kind": pa.array(["development_zone", "block_104"]), "name_zh": pa.array(["开发区甲", "104地块乙"]),
            "name_en": pa.array(names),
            "geometry": pa.array(list(shapely.to_wkb([shapely.MultiPolygon([shapely.box(x, y, x + 0.01, y + 0.01)])] * 2)),
                                 pa.binary()),
        }), zone_file, driver="GeoJSON", geometry_name="geometry", geometry_type="MultiPolygon", crs="EPSG:4326")
        return zone_file

    run_import(session, write_zones(["Zone A", "Block B"]), "zones")
    renamed = write_zones(["Zone A", "Block B (renamed)"])
    checked = run_import(session, renamed, "zones", dry_run=True)
    assert _counts(checked) == (0, 1, 1, 0) == _counts(run_import(session, renamed, "zones"))
