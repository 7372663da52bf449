"""Parcel files in every format and coordinate system the import reads: GeoPackage in projected and
CGCS2000 systems, a GBK Shapefile zipped with Chinese field names, CSV with WKT and a saved mapping,
FlatGeobuf, KML and GeoJSON."""
from __future__ import annotations

import pytest
import shapely
from sqlalchemy import text

from tests.integration.imports.conftest import run_import, squares, write_parcels


@pytest.mark.parametrize("epsg", [4490, 4549, 32651])
def test_projected_and_cgcs2000_files_are_transformed_to_wgs84(session, districts, tmp_path, epsg):
    from geo.geometry import reproject

    geoms = squares(3)
    projected = [reproject(g, 4326, epsg) for g in geoms]
    result = run_import(session, write_parcels(tmp_path / f"p{epsg}.gpkg", projected, crs=f"EPSG:{epsg}"))
    assert result.inserted == 3
    stored = session.execute(text("SELECT ST_AsBinary(geom) FROM parcels ORDER BY code")).scalars().all()
    for original, wkb in zip(geoms, stored):
        assert shapely.hausdorff_distance(original, shapely.from_wkb(bytes(wkb))) < 1e-7  # ~1 cm


def test_gbk_shapefile_in_a_zip_with_chinese_field_names(session, districts, tmp_path):
    import zipfile

    shp = tmp_path / "shp" / "地块.shp"
    shp.parent.mkdir()
    write_parcels(shp, squares(2), codes=["浦东-1", "浦东-2"], driver="ESRI Shapefile", encoding="GBK")
    assert (shp.with_suffix(".cpg")).read_text().upper().startswith(("GBK", "936", "CP936"))
    archive = tmp_path / "parcels.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        for member in shp.parent.iterdir():
            zf.write(member, member.name)
    result = run_import(session, archive)
    assert result.inserted == 2
    assert session.execute(text("SELECT code FROM parcels ORDER BY code")).scalars().all() == ["浦东-1", "浦东-2"]


def test_csv_with_wkt_and_a_toml_mapping(session, districts, tmp_path):
    geoms = squares(2)
    csv = tmp_path / "parcels.csv"
    csv.write_text("地块编号,YDXZ,WKT\n" + "".join(f'P{i},m2,"{g.wkt}"\n' for i, g in enumerate(geoms)), encoding="utf-8")
    mapping = tmp_path / "mapping.toml"
    mapping.write_text('[fields]\nland_use_class = "YDXZ"\n', encoding="utf-8")
    from registry.services.imports.profiles import resolve_profile

    result = run_import(session, csv, mapping=resolve_profile(session, "parcels", str(mapping)),
                        save_mapping_as="district-csv")
    assert result.inserted == 2 and result.columns == {"code": "地块编号", "land_use_class": "YDXZ"}
    assert session.execute(text("SELECT land_use_class FROM parcels")).scalars().all() == ["M2", "M2"]
    saved = resolve_profile(session, "parcels", "district-csv")
    assert dict(saved.fields) == {"code": "地块编号", "land_use_class": "YDXZ"}


@pytest.mark.parametrize("driver,suffix", [("FlatGeobuf", ".fgb"), ("KML", ".kml"), ("GeoJSON", ".geojson")])
def test_other_formats(session, districts, tmp_path, driver, suffix):
    result = run_import(session, write_parcels(tmp_path / f"p{suffix}", squares(3), driver=driver))
    assert result.inserted == 3, result.problems
