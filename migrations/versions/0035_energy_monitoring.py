"""Key energy users' monitored consumption (重点用能单位能耗在线监测): ``energy_monitoring``, one row
per unified social credit code and year, so that a claimed consumption can be checked against it
(DOMAIN.md §7; docs/accounting.md, "Online monitoring cross-check").

Keyed by the credit code, not by an enterprise of the registry: the monitoring system covers key
energy users the registry may not hold yet (their rows wait for their first project). The figure is
the year's comprehensive energy consumption (综合能源消费量) in tce as key energy users report it —
electricity at its equivalent value (当量值, 0.1229 kgce/kWh, GB/T 2589), the basis of a project's
``savings_tce`` — so the two compare without conversion. Administrators load the rows from a CSV or
XLSX file (services/monitoring.py); a row loaded again for its code and year replaces the figure, and
``loaded_by``/``loaded_at`` say who loaded it last and when (the audit trail keeps each load).

Revision ID: 0035
Revises: 0034
Create Date: 2026-12-08
"""
import sqlalchemy as sa
from alembic import op

revision = "0035"
down_revision = "0034"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "energy_monitoring",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("credit_code", sa.String(18), nullable=False),
        sa.Column("year", sa.Integer, nullable=False),
        sa.Column("consumption_tce", sa.Numeric, nullable=False),
        sa.Column("source", sa.Text),
        sa.Column("loaded_by", sa.Integer, sa.ForeignKey("users.id")),
        sa.Column("loaded_at", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False),
        sa.CheckConstraint("registry_credit_code_is_valid(credit_code)", name="credit_code_gb32100"),
        sa.CheckConstraint("year BETWEEN 1990 AND 2100", name="year"),
        sa.CheckConstraint("consumption_tce >= 0", name="consumption"),
        sa.UniqueConstraint("credit_code", "year", name="uq_energy_monitoring_credit_code_year"),
    )
    op.execute("COMMENT ON COLUMN energy_monitoring.consumption_tce IS "
               "'综合能源消费量, tce, electricity at its equivalent value (当量值, 0.1229 kgce/kWh)'")


def downgrade() -> None:
    op.drop_table("energy_monitoring")
