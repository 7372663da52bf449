"""Schema v1: places, parcels, enterprises, projects, reference tables, users, audit log.

Revision ID: 0001
Revises:
Create Date: 2026-11-23
"""
import sqlalchemy as sa
from alembic import op
from geoalchemy2 import Geometry
from sqlalchemy.dialects.postgresql import JSONB

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

SRID = 4326
# Frozen copies of the vocabularies as they stood at this revision.
ZONE_KINDS = ("block_104", "region_195", "region_198", "development_zone", "other")
PARCEL_STATUSES = ("in_use", "freed", "redevelopment_planned", "redeveloped")
LAND_USE = ("M1", "M2", "M3", "W1", "W2", "W3", "B1", "B2", "A35", "R", "G", "E")
PROJECT_KINDS = (
    "structural_adjustment", "boiler_replacement", "motor_upgrade",
    "technical_retrofit", "contract_energy_management", "cleaner_production",
)
PROJECT_STATUSES = ("draft", "submitted", "approved", "returned", "completed", "verified")
STRUCTURAL_MODES = ("shutdown", "conversion", "relocation", "upgrade")
ROLES = ("district_staff", "city_reviewer", "planner", "admin")


def _in(column: str, values: tuple[str, ...]) -> str:
    return f"{column} IN ({', '.join(repr(v) for v in values)})"


def _geom() -> sa.Column:
    return sa.Column("geom", Geometry("MULTIPOLYGON", srid=SRID, spatial_index=False), nullable=False)


def _geom_checks(table: str) -> list[sa.CheckConstraint]:
    return [
        sa.CheckConstraint("ST_IsValid(geom)", name="geom_valid"),
        sa.CheckConstraint("NOT ST_IsEmpty(geom)", name="geom_not_empty"),
    ]


def _area() -> sa.Column:
    return sa.Column("area_m2", sa.Numeric, sa.Computed("ST_Area(geom::geography)", persisted=True))


def _stamps() -> list[sa.Column]:
    return [
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False),
    ]


def _non_negative(table: str, *columns: str) -> list[sa.CheckConstraint]:
    return [sa.CheckConstraint(f"{c} >= 0", name=f"{c}_non_negative") for c in columns]


def _gist(table: str) -> None:
    op.create_index(f"ix_{table}_geom", table, ["geom"], postgresql_using="gist")


CREDIT_CODE_FUNCTION = """
CREATE FUNCTION registry_credit_code_is_valid(code text) RETURNS boolean
LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE AS $$
DECLARE
    alphabet constant text := '0123456789ABCDEFGHJKLMNPQRTUWXY';
    weights constant int[] := ARRAY[1,3,9,27,19,26,16,17,20,29,25,13,8,24,10,30,28];
    total int := 0;
    v int;
BEGIN
    -- GB 32100-2015: 17 characters weighted by 3^(i-1) mod 31, then a check character.
    IF length(code) <> 18 THEN RETURN false; END IF;
    FOR i IN 1..17 LOOP
        v := strpos(alphabet, substr(code, i, 1)) - 1;
        IF v < 0 THEN RETURN false; END IF;
        total := total + v * weights[i];
    END LOOP;
    RETURN substr(alphabet, ((31 - total % 31) % 31) + 1, 1) = substr(code, 18, 1);
END $$;
"""

APPEND_ONLY_FUNCTION = """
CREATE FUNCTION registry_refuse_audit_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'audit_log is append-only: % refused', TG_OP
        USING ERRCODE = 'restrict_violation';
END $$;
"""


def upgrade() -> None:
    op.execute("CREATE EXTENSION IF NOT EXISTS postgis")
    op.execute(CREDIT_CODE_FUNCTION)
    op.execute(APPEND_ONLY_FUNCTION)

    op.create_table(
        "districts",
        sa.Column("code", sa.String(6), primary_key=True),
        sa.Column("name_zh", sa.Text, nullable=False),
        sa.Column("name_en", sa.Text, nullable=False),
        _geom(),
        _area(),
        sa.CheckConstraint("code ~ '^[1-8][0-9]{5}$'", name="code_gbt2260"),
        *_geom_checks("districts"),
    )
    _gist("districts")

    op.create_table(
        "zones",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("kind", sa.String(32), nullable=False),
        sa.Column("name_zh", sa.Text, nullable=False),
        sa.Column("name_en", sa.Text, nullable=False),
        sa.Column("district_code", sa.String(6), sa.ForeignKey("districts.code")),
        _geom(),
        _area(),
        sa.Column("is_illustrative", sa.Boolean, nullable=False, server_default=sa.false()),
        *_stamps(),
        sa.CheckConstraint(_in("kind", ZONE_KINDS), name="kind"),
        sa.UniqueConstraint("kind", "name_zh", name="uq_zones_kind_name_zh"),
        *_geom_checks("zones"),
    )
    _gist("zones")

    op.create_table(
        "parcels",
        sa.Column("id", sa.BigInteger, primary_key=True),
        sa.Column("code", sa.Text, nullable=False, unique=True),
        _geom(),
        _area(),
        sa.Column("land_use_class", sa.String(8), nullable=False),
        sa.Column("district_code", sa.String(6), sa.ForeignKey("districts.code")),
        sa.Column("status", sa.String(32), nullable=False, server_default="in_use"),
        sa.Column("valid_from", sa.Date, nullable=False, server_default=sa.func.current_date()),
        sa.Column("valid_to", sa.Date),
        sa.Column("is_illustrative", sa.Boolean, nullable=False, server_default=sa.false()),
        sa.Column("version", sa.Integer, nullable=False, server_default="1"),
        *_stamps(),
        sa.CheckConstraint("length(trim(code)) > 0", name="code_not_blank"),
        sa.CheckConstraint(_in("status", PARCEL_STATUSES), name="status"),
        sa.CheckConstraint(_in("land_use_class", LAND_USE), name="land_use_class"),
        sa.CheckConstraint("valid_to IS NULL OR valid_to >= valid_from", name="validity"),
        *_geom_checks("parcels"),
    )
    _gist("parcels")
    op.create_index("ix_parcels_district_status", "parcels", ["district_code", "status"])

    op.create_table(
        "parcel_zones",
        sa.Column("parcel_id", sa.BigInteger, sa.ForeignKey("parcels.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("zone_id", sa.Integer, sa.ForeignKey("zones.id", ondelete="CASCADE"), primary_key=True),
    )
    op.create_index("ix_parcel_zones_zone_id", "parcel_zones", ["zone_id"])

    op.create_table(
        "parcel_lineage",
        sa.Column("parcel_id", sa.BigInteger, sa.ForeignKey("parcels.id"), primary_key=True),
        sa.Column("parent_id", sa.BigInteger, sa.ForeignKey("parcels.id"), primary_key=True),
        sa.Column("relation", sa.String(8), nullable=False),
        sa.CheckConstraint("relation IN ('split', 'merge')", name="relation"),
        sa.CheckConstraint("parcel_id <> parent_id", name="not_self"),
    )

    op.create_table(
        "enterprises",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("credit_code", sa.String(18), nullable=False, unique=True),
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("industry_code", sa.String(5)),
        sa.Column("district_code", sa.String(6), sa.ForeignKey("districts.code")),
        sa.Column("address", sa.Text),
        sa.Column("is_illustrative", sa.Boolean, nullable=False, server_default=sa.false()),
        sa.Column("version", sa.Integer, nullable=False, server_default="1"),
        *_stamps(),
        sa.CheckConstraint("registry_credit_code_is_valid(credit_code)", name="credit_code_gb32100"),
        sa.CheckConstraint("industry_code ~ '^[A-T][0-9]{2,4}$'", name="industry_code_gbt4754"),
        sa.CheckConstraint("length(trim(name)) > 0", name="name_not_blank"),
    )

    op.create_table(
        "projects",
        sa.Column("id", sa.Integer, primary_key=True),
        # 项目编号: the registration number people quote, e.g. 2013-310115-0042
        sa.Column("reference", sa.Text, nullable=False, unique=True),
        sa.Column("kind", sa.String(32), nullable=False),
        sa.Column("year", sa.Integer, nullable=False),
        sa.Column("status", sa.String(16), nullable=False, server_default="draft"),
        sa.Column("title", sa.Text, nullable=False),
        sa.Column("enterprise_id", sa.Integer, sa.ForeignKey("enterprises.id"), nullable=False),
        sa.Column("district_code", sa.String(6), sa.ForeignKey("districts.code"), nullable=False),
        sa.Column("structural_mode", sa.String(16)),
        sa.Column("inputs", JSONB, nullable=False),
        sa.Column("savings_tce", sa.Numeric),
        sa.Column("savings_tce_equal_value", sa.Numeric),
        sa.Column("savings_kwh", sa.Numeric),
        sa.Column("installed_kw", sa.Numeric),
        sa.Column("remanufactured_kw", sa.Numeric),
        sa.Column("savings_method", sa.String(32)),
        sa.Column("savings_trace", JSONB),
        sa.Column("investment_wan_yuan", sa.Numeric),
        sa.Column("subsidy_requested_wan_yuan", sa.Numeric),
        sa.Column("subsidy_approved_wan_yuan", sa.Numeric),
        sa.Column("output_value_wan_yuan", sa.Numeric),
        sa.Column("freed_land_m2", sa.Numeric),
        sa.Column("planned_completion", sa.Date),
        sa.Column("completed_on", sa.Date),
        sa.Column("verified_on", sa.Date),
        sa.Column("is_illustrative", sa.Boolean, nullable=False, server_default=sa.false()),
        sa.Column("version", sa.Integer, nullable=False, server_default="1"),
        *_stamps(),
        sa.CheckConstraint(_in("kind", PROJECT_KINDS), name="kind"),
        sa.CheckConstraint(_in("status", PROJECT_STATUSES), name="status"),
        sa.CheckConstraint(
            f"structural_mode IS NULL OR (kind = 'structural_adjustment' AND {_in('structural_mode', STRUCTURAL_MODES)})",
            name="structural_mode",
        ),
        sa.CheckConstraint("year BETWEEN 2000 AND 2100", name="year"),
        sa.CheckConstraint("jsonb_typeof(inputs) = 'object'", name="inputs_object"),
        sa.CheckConstraint("remanufactured_kw <= installed_kw", name="remanufactured_within_installed"),
        *_non_negative(
            "projects", "installed_kw", "remanufactured_kw", "investment_wan_yuan",
            "subsidy_requested_wan_yuan", "subsidy_approved_wan_yuan", "output_value_wan_yuan", "freed_land_m2",
        ),
    )
    op.create_index("ix_projects_year_district_kind", "projects", ["year", "district_code", "kind", "status"])
    op.create_index("ix_projects_enterprise_id", "projects", ["enterprise_id"])

    op.create_table(
        "project_parcels",
        sa.Column("project_id", sa.Integer, sa.ForeignKey("projects.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("parcel_id", sa.BigInteger, sa.ForeignKey("parcels.id"), primary_key=True),
    )
    op.create_index("ix_project_parcels_parcel_id", "project_parcels", ["parcel_id"])

    op.create_table(
        "energy_factors",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("standard", sa.Text, nullable=False),
        sa.Column("edition", sa.Text, nullable=False),
        sa.Column("energy", sa.String(32), nullable=False),
        sa.Column("unit", sa.String(8), nullable=False),
        sa.Column("value_kgce", sa.Numeric, nullable=False),
        sa.Column("value_min", sa.Numeric),
        sa.Column("value_max", sa.Numeric),
        sa.Column("valid_from", sa.Date, nullable=False),
        sa.Column("note", sa.Text),
        sa.UniqueConstraint("standard", "edition", "energy", name="uq_energy_factors_edition_energy"),
        sa.CheckConstraint("value_kgce > 0", name="value_positive"),
        sa.CheckConstraint("unit IN ('kg', 'm3', 'MJ', 'kWh')", name="unit"),
        sa.CheckConstraint(
            "(value_min IS NULL AND value_max IS NULL) OR (0 < value_min AND value_min <= value_kgce AND value_kgce <= value_max)",
            name="range",
        ),
    )

    op.create_table(
        "electricity_equal_values",
        sa.Column("year", sa.Integer, primary_key=True),
        sa.Column("value_kgce_per_kwh", sa.Numeric, nullable=False),
        sa.Column("source", sa.Text, nullable=False),
        sa.CheckConstraint("value_kgce_per_kwh > 0", name="positive"),
    )

    op.create_table(
        "targets",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("year", sa.Integer, nullable=False),
        sa.Column("scope", sa.String(8), nullable=False),
        sa.Column("district_code", sa.String(6), sa.ForeignKey("districts.code")),
        sa.Column("metric", sa.String(64), nullable=False),
        sa.Column("kind", sa.String(8), nullable=False, server_default="plan"),
        sa.Column("value", sa.Numeric, nullable=False),
        sa.Column("value_max", sa.Numeric),
        sa.Column("unit", sa.Text, nullable=False),
        sa.Column("source", sa.Text),
        *_stamps(),
        sa.CheckConstraint("scope IN ('city', 'district')", name="scope"),
        sa.CheckConstraint("kind IN ('plan', 'actual')", name="kind"),
        sa.CheckConstraint("(scope = 'city') = (district_code IS NULL)", name="scope_district"),
        sa.CheckConstraint("value_max IS NULL OR value_max >= value", name="range"),
        sa.CheckConstraint("value >= 0", name="value_non_negative"),
    )
    op.execute(
        "CREATE UNIQUE INDEX uq_targets_year_scope_metric ON targets "
        "(year, scope, coalesce(district_code, ''), metric, kind)"
    )

    op.create_table(
        "users",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("username", sa.String(64), nullable=False, unique=True),
        sa.Column("display_name", sa.Text, nullable=False),
        sa.Column("password_hash", sa.Text),
        sa.Column("role", sa.String(16), nullable=False),
        sa.Column("district_code", sa.String(6), sa.ForeignKey("districts.code")),
        sa.Column("is_active", sa.Boolean, nullable=False, server_default=sa.true()),
        *_stamps(),
        sa.CheckConstraint(_in("role", ROLES), name="role"),
        sa.CheckConstraint(
            "(role = 'district_staff') = (district_code IS NOT NULL)", name="district_staff_has_district"
        ),
    )

    op.create_table(
        "audit_log",
        sa.Column("id", sa.BigInteger, primary_key=True),
        sa.Column("at", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False),
        sa.Column("user_id", sa.Integer, sa.ForeignKey("users.id")),
        sa.Column("action", sa.String(32), nullable=False),
        sa.Column("entity", sa.String(32), nullable=False),
        sa.Column("entity_id", sa.Text, nullable=False),
        sa.Column("changes", JSONB, nullable=False, server_default="{}"),
        sa.Column("note", sa.Text),
    )
    op.create_index("ix_audit_log_entity", "audit_log", ["entity", "entity_id", "at"])
    op.execute(
        "CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log "
        "FOR EACH ROW EXECUTE FUNCTION registry_refuse_audit_change()"
    )
    op.execute(
        "CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log "
        "FOR EACH STATEMENT EXECUTE FUNCTION registry_refuse_audit_change()"
    )


def downgrade() -> None:
    for table in (
        "audit_log", "users", "targets", "electricity_equal_values", "energy_factors",
        "project_parcels", "projects", "enterprises", "parcel_lineage", "parcel_zones",
        "parcels", "zones", "districts",
    ):
        op.drop_table(table)
    op.execute("DROP FUNCTION registry_refuse_audit_change()")
    op.execute("DROP FUNCTION registry_credit_code_is_valid(text)")
    # The postgis extension stays: other databases' objects or a DBA may rely on it.
