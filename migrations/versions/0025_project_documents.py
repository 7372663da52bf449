"""Supporting documents of projects (证明材料): the feasibility study, the third-party savings audit, the
contract, site photos, the acceptance papers — stored in the database itself.

In PostgreSQL rather than on a disk beside it: a document and the audit entry that records it are
one transaction (no file without its entry, no entry without its file, whichever fails), and the
backup stays one ``pg_dump`` (docs/operations.md, "Supporting documents"). The content is a
``bytea`` column, which PostgreSQL keeps out of line (TOAST): a listing that does not name it does
not read it.

The table keeps its project's ``district_code``, as every table that would be distributed by
district does (docs/scaling.md). A foreign key on (district_code, project_id) to the project keeps
the two together: a project moved to another district by an edit or a correction takes its
documents with it (ON UPDATE CASCADE), and deleting a draft deletes them (ON DELETE CASCADE). It
needs the pair to be unique on ``projects``, which it is (the id alone is).

The database checks what the application checks, so no write path can store less: a kind and a
media type of the registry's lists (frozen copies here), a name of 1–200 characters, a size that
is the content's, and a SHA-256 that is the content's (the ETag and the audit trail name it). One
file is kept once per project.

Revision ID: 0025
Revises: 0024
Create Date: 2026-12-06
"""
import sqlalchemy as sa
from alembic import op

revision = "0025"
down_revision = "0024"
branch_labels = None
depends_on = None

KINDS = ("feasibility_study", "savings_audit", "contract", "site_photo", "acceptance", "other")
MEDIA_TYPES = (
    "application/pdf", "image/jpeg", "image/png", "application/ofd",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "application/msword", "application/vnd.ms-excel",
)


def _in(column: str, values: tuple[str, ...]) -> str:
    return f"{column} IN ({', '.join(repr(v) for v in values)})"


def upgrade() -> None:
    op.create_unique_constraint("uq_projects_district_code_id", "projects", ["district_code", "id"])
    op.create_table(
        "project_documents",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("project_id", sa.Integer, nullable=False),
        sa.Column("district_code", sa.String(6), nullable=False),
        sa.Column("kind", sa.String(32), nullable=False),
        sa.Column("file_name", sa.Text, nullable=False),
        sa.Column("media_type", sa.Text, nullable=False),
        sa.Column("size_bytes", sa.BigInteger, nullable=False),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("content", sa.LargeBinary, nullable=False),
        sa.Column("uploaded_by", sa.Integer, sa.ForeignKey("users.id")),
        sa.Column("uploaded_at", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False),
        sa.ForeignKeyConstraint(["district_code", "project_id"], ["projects.district_code", "projects.id"],
                                name="fk_project_documents_project", ondelete="CASCADE", onupdate="CASCADE"),
        sa.UniqueConstraint("project_id", "sha256"),
        sa.CheckConstraint(_in("kind", KINDS), name="kind"),
        sa.CheckConstraint(_in("media_type", MEDIA_TYPES), name="media_type"),
        sa.CheckConstraint("char_length(file_name) BETWEEN 1 AND 200", name="file_name_length"),
        sa.CheckConstraint("size_bytes > 0 AND octet_length(content) = size_bytes", name="size"),
        sa.CheckConstraint("sha256 = encode(sha256(content), 'hex')", name="sha256"),
    )


def downgrade() -> None:
    op.drop_table("project_documents")
    op.drop_constraint("uq_projects_district_code_id", "projects", type_="unique")
