"""Helpers for bulk-import tests: GIS files written with pyogrio, districts loaded by the importer."""
from __future__ import annotations

import warnings
from pathlib import Path

import pyarrow as pa
import pyogrio
import pytest
import shapely
from sqlalchemy import text

from registry.domain.permissions import Actor
from registry.services.imports.features import ImportOptions, import_features

from tests.data import ECHARTS_DISTRICTS, GCJ02_DISTRICTS, WGS84_DISTRICTS  # noqa: F401 (used by tests)
PUDONG_ORIGIN = (121.60, 31.15)  # a 6 × 6 km square of Pudong with no district boundary in it
STEP_DEG = 0.0006
SIDE_DEG = 0.0005


def squares(count: int, origin=PUDONG_ORIGIN) -> list:
    """``count`` disjoint ~50 m squares on a grid (100 per row)."""
    x0, y0 = origin
    return [shapely.box(x0 + (i % 100) * STEP_DEG, y0 + (i // 100) * STEP_DEG,
                        x0 + (i % 100) * STEP_DEG + SIDE_DEG, y0 + (i // 100) * STEP_DEG + SIDE_DEG)
            for i in range(count)]


def write_parcels(path: Path, geoms, codes=None, land_use=None, extra: dict | None = None,
                  driver: str | None = None, crs: str = "EPSG:4326", **kwargs) -> Path:
    n = len(geoms)
    columns = {
        "code": pa.array(codes or [f"T-{i + 1:06d}" for i in range(n)], pa.string()),
        "land_use_class": pa.array(land_use or ["M1"] * n, pa.string()),
        **{k: pa.array(v) for k, v in (extra or {}).items()},
        "geometry": pa.array(list(shapely.to_wkb([shapely.MultiPolygon([g]) for g in geoms])), pa.binary()),
    }
    with warnings.catch_warnings():  # a Shapefile's names stop at 10 characters: GDAL says so
        warnings.simplefilter("ignore", RuntimeWarning)
        pyogrio.write_arrow(pa.table(columns), path, driver=driver, geometry_name="geometry",
                            geometry_type="MultiPolygon", crs=crs, **kwargs)
    return path


def run_import(session, path: Path, target: str = "parcels", actor: Actor | None = None, **options):
    return import_features(session, actor or Actor.system(), Path(path), ImportOptions(target=target, **options))


@pytest.fixture
def districts(session):
    """The 16 real districts, loaded through the importer itself."""
    result = run_import(session, WGS84_DISTRICTS, "districts")
    assert result.loaded and result.inserted + result.updated + result.unchanged == 16
    return result


def table_fingerprint(session, table: str, order: str) -> tuple[int, str]:
    """(row count, md5 of every row as text): equal fingerprints mean byte-for-byte equal rows."""
    return tuple(session.execute(text(
        f"SELECT count(*), coalesce(md5(string_agg(t::text, '|' ORDER BY {order})), '') FROM {table} t")).one())
