"""Export → wipe → import reproduces every parcel and zone (geometry, attributes — a freed parcel's
freed date and former use too —, Chinese text)."""
from __future__ import annotations

import pyogrio
from sqlalchemy import text

from registry.domain.permissions import Actor
from registry.services.imports.export import export_registry
from registry.services.demo import build_demo_dataset
from registry.services.loading import load_dataset
from tests.integration.imports.conftest import run_import

PARCELS = ("SELECT code, ST_AsBinary(geom), land_use_class, status, district_code, valid_from, valid_to, "
           "is_illustrative, area_m2, freed_on, former_use FROM parcels ORDER BY code")
# Zone membership as geo.queries derives it on a normal load; the import derives it set-based.
MEMBERSHIP = ("SELECT p.code, z.kind, z.name_zh FROM parcel_zones pz JOIN parcels p ON p.id = pz.parcel_id "
              "JOIN zones z ON z.id = pz.zone_id ORDER BY 1, 2, 3")
ZONES = "SELECT kind, name_zh, name_en, district_code, ST_AsBinary(geom), is_illustrative FROM zones ORDER BY kind, name_zh"


def test_export_wipe_import_reproduces_parcels_and_zones(session, tmp_path):
    load_dataset(session, build_demo_dataset(seed=11, parcels=400, projects=30), illustrative=True)
    session.execute(text("UPDATE parcels SET valid_to = valid_from + 365, status = 'redevelopment_planned' "
                         "WHERE id % 7 = 0"))
    # freed, planned and redeveloped land with its freed date and former use (原用途); the wipe takes the
    # projects' parcels, from which a trigger would derive a freed date, so only the file can give them back
    session.execute(text("UPDATE parcels SET status = 'freed' WHERE id % 7 IN (1, 2, 3)"))
    session.execute(text("UPDATE parcels SET status = 'redevelopment_planned' WHERE id % 7 = 2"))
    session.execute(text("UPDATE parcels SET status = 'redeveloped', land_use_class = 'B1' "
                         "WHERE id % 7 = 3 AND land_use_class <> 'B1'"))
    session.execute(text("UPDATE parcels SET freed_on = DATE '2014-03-31' + (id % 700)::int WHERE status <> 'in_use'"))
    parcels_before = session.execute(text(PARCELS)).all()
    statuses = {(row[3], row[10]) for row in parcels_before if row[9] is not None}
    assert {status for status, _ in statuses} == {"freed", "redevelopment_planned", "redeveloped"}
    assert all(former and former != "B1" for status, former in statuses if status == "redeveloped")
    zones_before = session.execute(text(ZONES)).all()
    membership_before = session.execute(text(MEMBERSHIP)).all()
    assert len(membership_before) > 50
    assert any("区" in z[1] or "园" in z[1] for z in zones_before)  # Chinese names are in the test

    path = tmp_path / "registry.gpkg"
    report = export_registry(session, Actor.system(), path)
    assert report.counts["parcels"] == 400 and report.counts["projects"] == 30
    assert {name for name, _ in pyogrio.list_layers(path)} == {"districts", "zones", "parcels", "enterprises", "projects"}

    session.execute(text("DELETE FROM project_parcels; DELETE FROM parcel_zones; DELETE FROM parcel_lineage"))
    session.execute(text("DELETE FROM parcels; DELETE FROM zones"))
    zones = run_import(session, path, "zones", layer="zones")
    parcels = run_import(session, path, "parcels", layer="parcels")

    assert (zones.inserted, parcels.inserted) == (len(zones_before), 400)
    assert session.execute(text(ZONES)).all() == zones_before
    after = session.execute(text(PARCELS)).all()
    assert [row[:1] + row[2:] for row in after] == [row[:1] + row[2:] for row in parcels_before]
    # Geometry: WKB goes out and comes back bit for bit; the acceptance bound is 1e-9°.
    distance = session.execute(text(
        "SELECT max(ST_HausdorffDistance(ST_GeomFromWKB(a.wkb), ST_GeomFromWKB(b.wkb))) FROM "
        "unnest(CAST(:a AS bytea[]), CAST(:b AS bytea[])) AS x(awkb, bwkb) "
        "CROSS JOIN LATERAL (SELECT x.awkb AS wkb) a CROSS JOIN LATERAL (SELECT x.bwkb AS wkb) b"),
        {"a": [bytes(r[1]) for r in parcels_before], "b": [bytes(r[1]) for r in after]}).scalar_one()
    assert distance <= 1e-9
    assert session.execute(text(MEMBERSHIP)).all() == membership_before
    kinds = session.execute(text(
        "SELECT p.zone_kind, registry_zone_kind_of(ARRAY(SELECT z.kind FROM parcel_zones pz JOIN zones z "
        "ON z.id = pz.zone_id WHERE pz.parcel_id = p.id)) FROM parcels p")).all()
    assert all(stored == derived for stored, derived in kinds)
    assert {stored for stored, _ in kinds} > {"other"}


def test_district_export_holds_only_that_district(session, tmp_path):
    load_dataset(session, build_demo_dataset(seed=12, parcels=200, projects=10), illustrative=True)
    path = tmp_path / "pudong.gpkg"
    report = export_registry(session, Actor.system(), path, "310115")
    assert report.counts["districts"] == 1
    codes = pyogrio.read_dataframe(path, layer="parcels", read_geometry=False)["district_code"]
    assert set(codes) <= {"310115"}


def test_the_export_types_dates_as_dates_in_a_geopackage_gdal_3_6_reads_without_warnings(session, tmp_path):
    # valid_from, valid_to and completed_on were text (QGIS could not filter or sort them by date),
    # and the file a GeoPackage 1.4, of which GDAL 3.6 (Debian 12, QGIS on it) warned at every open.
    load_dataset(session, build_demo_dataset(seed=13, parcels=50, projects=10), illustrative=True)
    path = tmp_path / "registry.gpkg"
    export_registry(session, Actor.system(), path)
    types = {layer: dict(zip(info["fields"], info["ogr_types"]))
             for layer in ("parcels", "projects") for info in [pyogrio.read_info(path, layer=layer)]}
    assert types["parcels"]["valid_from"] == types["parcels"]["valid_to"] == types["parcels"]["freed_on"] == "OFTDate"
    assert types["projects"]["completed_on"] == "OFTDate" and types["projects"]["year"] == "OFTInteger"
    with path.open("rb") as file:
        file.seek(60)  # the SQLite header's user_version: the GeoPackage version
        assert int.from_bytes(file.read(4), "big") == 10200
