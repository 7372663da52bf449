"""The database itself refuses what must never be stored, whoever writes it."""
from __future__ import annotations

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError, IntegrityError

VALID_SQUARE = "MULTIPOLYGON(((121.50 31.20, 121.51 31.20, 121.51 31.21, 121.50 31.21, 121.50 31.20)))"
BOW_TIE = "MULTIPOLYGON(((121.50 31.20, 121.51 31.21, 121.51 31.20, 121.50 31.21, 121.50 31.20)))"
EMPTY = "MULTIPOLYGON EMPTY"
VALID_CODE = "91110000600037341L"


def insert_district(conn, code="310115", wkt=VALID_SQUARE, srid=4326):
    conn.execute(
        text("INSERT INTO districts (code, name_zh, name_en, geom) "
             "VALUES (:code, '浦东新区', 'Pudong', ST_GeomFromText(:wkt, :srid))"),
        {"code": code, "wkt": wkt, "srid": srid},
    )


def insert_parcel(conn, code="P-1", wkt=VALID_SQUARE, status="in_use", land_use="M1"):
    conn.execute(
        text("INSERT INTO parcels (code, geom, land_use_class, status) "
             "VALUES (:code, ST_GeomFromText(:wkt, 4326), :lu, :status)"),
        {"code": code, "wkt": wkt, "lu": land_use, "status": status},
    )


def insert_enterprise(conn, credit_code=VALID_CODE, name="上海示例化工有限公司"):
    conn.execute(
        text("INSERT INTO enterprises (credit_code, name, industry_code) VALUES (:c, :n, 'C261')"),
        {"c": credit_code, "n": name},
    )


def refused(conn, action, constraint: str):
    with pytest.raises((IntegrityError, DBAPIError)) as info:
        with conn.begin_nested():
            action()
    assert constraint in str(info.value)


def test_valid_parcel_is_stored_with_geodesic_area(connection):
    insert_parcel(connection)
    area = connection.execute(text("SELECT area_m2 FROM parcels WHERE code = 'P-1'")).scalar_one()
    # 0.01° × 0.01° at 31.2°N: about 1,113 m × 952 m ≈ 1.06 km²
    assert 1.0e6 < float(area) < 1.1e6


GEODESIC = "SELECT area_m2 = ST_Area(geom::geography)::numeric FROM parcels WHERE code = 'P-1'"


def test_the_area_follows_the_geometry_and_cannot_be_written_apart_from_it(connection):
    insert_parcel(connection)
    first = connection.execute(text("SELECT area_m2 FROM parcels WHERE code = 'P-1'")).scalar_one()
    connection.execute(text("UPDATE parcels SET geom = ST_Scale(geom, 0.5, 0.5) WHERE code = 'P-1'"))
    assert connection.execute(text(GEODESIC)).scalar_one()
    assert connection.execute(text("SELECT area_m2 FROM parcels WHERE code = 'P-1'")).scalar_one() < first / 3
    connection.execute(text("UPDATE parcels SET area_m2 = 1 WHERE code = 'P-1'"))
    connection.execute(text("INSERT INTO parcels (code, geom, land_use_class, area_m2) "
                            "VALUES ('P-2', ST_GeomFromText(:w, 4326), 'M1', 1)"), {"w": VALID_SQUARE})
    assert connection.execute(text(GEODESIC)).scalar_one()
    assert connection.execute(text("SELECT area_m2 FROM parcels WHERE code = 'P-2'")).scalar_one() == first
    connection.execute(text("UPDATE parcels SET status = 'freed' WHERE code = 'P-1'"))  # other columns: kept
    assert connection.execute(text(GEODESIC)).scalar_one()


def test_refuses_self_intersecting_geometry(connection):
    refused(connection, lambda: insert_parcel(connection, wkt=BOW_TIE), "ck_parcels_geom_valid")


def test_refuses_empty_geometry(connection):
    refused(connection, lambda: insert_parcel(connection, wkt=EMPTY), "ck_parcels_geom_not_empty")


def test_refuses_wrong_srid(connection):
    refused(connection, lambda: insert_district(connection, srid=3857), "SRID")


def test_refuses_point_in_polygon_column(connection):
    refused(connection, lambda: insert_parcel(connection, wkt="POINT(121.5 31.2)"), "Geometry type")


def test_refuses_unknown_parcel_status(connection):
    refused(connection, lambda: insert_parcel(connection, status="demolished"), "ck_parcels_status")


def test_refuses_unknown_land_use_class(connection):
    refused(connection, lambda: insert_parcel(connection, land_use="XX"), "ck_parcels_land_use_class")


def test_refuses_duplicate_parcel_code(connection):
    insert_parcel(connection)
    refused(connection, lambda: insert_parcel(connection), "parcels_code")


def test_refuses_bad_credit_code_check_character(connection):
    refused(connection, lambda: insert_enterprise(connection, "91110000600037341M"), "ck_enterprises_credit_code_gb32100")


def test_refuses_duplicate_credit_code(connection):
    insert_enterprise(connection)
    refused(connection, lambda: insert_enterprise(connection, name="另一家公司"), "enterprises_credit_code")


def test_accepts_credit_code_beginning_with_letters(connection):
    from registry.domain.credit_code import credit_code_check_char

    first17 = "Y1310115MA1H12345"
    insert_enterprise(connection, first17 + credit_code_check_char(first17))


def _project(conn, **overrides):
    insert_district(conn)
    insert_enterprise(conn)
    values = {"kind": "motor_upgrade", "status": "draft", "installed_kw": 10, "remanufactured_kw": 0,
              "investment": 5, "year": 2013} | overrides
    conn.execute(text(
        "INSERT INTO projects (reference, kind, year, status, title, enterprise_id, district_code, inputs, "
        "installed_kw, remanufactured_kw, investment_wan_yuan) "
        "SELECT 'T-1', :kind, :year, :status, 't', id, '310115', '{}'::jsonb, :installed_kw, :remanufactured_kw, :investment "
        "FROM enterprises LIMIT 1"), values)


def test_refuses_negative_investment(connection):
    refused(connection, lambda: _project(connection, investment=-1), "ck_projects_investment_wan_yuan_non_negative")


def test_refuses_unknown_project_kind(connection):
    refused(connection, lambda: _project(connection, kind="tree_planting"), "ck_projects_kind")


def test_refuses_unknown_project_status(connection):
    refused(connection, lambda: _project(connection, status="archived"), "ck_projects_status")


def test_refuses_remanufactured_above_installed(connection):
    refused(connection, lambda: _project(connection, remanufactured_kw=11), "ck_projects_remanufactured_within_installed")


def test_audit_log_is_append_only(connection):
    connection.execute(text("INSERT INTO audit_log (action, entity, entity_id, channel) VALUES ('create', 'parcel', '1', 'web')"))
    refused(connection, lambda: connection.execute(text("UPDATE audit_log SET note = 'x'")), "append-only")
    refused(connection, lambda: connection.execute(text("DELETE FROM audit_log")), "append-only")


# The tile change log is read by (layer, version), at most 1,000 rows a layer: a GiST index there
# would only cost writes.
NOT_SEARCHED_SPATIALLY = ("layer_changes",)


def test_every_geometry_column_has_a_gist_index(connection):
    rows = connection.execute(text(
        "SELECT f_table_name FROM geometry_columns WHERE f_table_schema = 'public' "
        "AND f_table_name <> ALL(:exempt) "
        "AND NOT EXISTS (SELECT 1 FROM pg_indexes i WHERE i.tablename = f_table_name "
        "AND i.indexdef ILIKE '%USING gist%' AND i.indexdef LIKE '%(' || f_geometry_column || ')%')"
    ), {"exempt": list(NOT_SEARCHED_SPATIALLY)}).scalars().all()
    assert rows == []


def test_factor_table_is_seeded_from_gbt2589(connection):
    factors = dict(connection.execute(text(
        "SELECT energy, value_kgce FROM energy_factors WHERE standard = 'GB/T 2589' AND edition = '2008'"
    )).all())
    assert str(factors["electricity"]) == "0.1229"
    assert str(factors["raw_coal"]) == "0.7143"
    assert len(factors) == 16
