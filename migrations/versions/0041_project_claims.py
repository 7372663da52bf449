"""Each project's claimed consumption kept (``project_claims``), so that the online monitoring's
cross-check of many projects at once — the project list's filter "deviation from the monitoring beyond
the tolerance" (reviewers' work queue), the marks on a page of the list, an enterprise's page — reads
figures instead of parsing every candidate's input document: at 100,000 projects, 25,000 of them of
monitored enterprises, the reviewer's filtered list took 10–16 s, two thirds of it parsing them
(docs/performance.md, "The monitoring cross-check at city scale").

A row holds what ``services/monitoring_checks.claim_of`` computed from the project's input document
— the claim's scope, consumption and year, or none (a document that claims none) — and
``computed_with``: the version of the rules (``CLAIM_RULES``) and a digest of the GB/T 2589 factor rows
it was computed with. A row computed with other rules or factors (an edition added or corrected by a
migration) is not read but computed again; the monitored figures and the tolerance are never stored,
each check reads them as it did. The rows are derived data: written by the readers that need them
(the first filtered list after a load computes and stores its candidates' claims), removed with the
project and, by a trigger, when its input document changes.

Revision ID: 0041
Revises: 0040
Create Date: 2026-12-09
"""
import sqlalchemy as sa
from alembic import op

revision = "0041"
down_revision = "0040"
branch_labels = None
depends_on = None

FORGET = """
CREATE FUNCTION registry_forget_project_claim() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM project_claims WHERE project_id = NEW.id;
    RETURN NULL;
END $$;
CREATE TRIGGER forget_project_claim AFTER UPDATE OF inputs ON projects
    FOR EACH ROW WHEN (OLD.inputs IS DISTINCT FROM NEW.inputs) EXECUTE FUNCTION registry_forget_project_claim();
"""


def upgrade() -> None:
    op.create_table(
        "project_claims",
        sa.Column("project_id", sa.Integer, sa.ForeignKey("projects.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("computed_with", sa.Text, nullable=False),
        sa.Column("scope", sa.String(8)),
        sa.Column("consumption_tce", sa.Numeric),
        sa.Column("year", sa.Integer),
        sa.CheckConstraint("scope IN ('whole', 'part')", name="scope"),
        sa.CheckConstraint("(scope IS NULL) = (consumption_tce IS NULL) AND (scope IS NULL) = (year IS NULL)",
                           name="claim_whole_or_none"),
    )
    op.execute(FORGET)


def downgrade() -> None:
    op.execute("DROP TRIGGER forget_project_claim ON projects")
    op.execute("DROP FUNCTION registry_forget_project_claim()")
    op.drop_table("project_claims")
