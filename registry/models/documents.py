"""A project's supporting documents (证明材料), their bytes in the database (migration 0025)."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger, DateTime, ForeignKey, ForeignKeyConstraint, Integer, LargeBinary, String, Text, func
from sqlalchemy.orm import Mapped, deferred, mapped_column

from registry.models.base import Base


class ProjectDocument(Base):
    __tablename__ = "project_documents"
    # With the project's district (docs/scaling.md): moved and deleted with the project by the database.
    __table_args__ = (ForeignKeyConstraint(["district_code", "project_id"], ["projects.district_code", "projects.id"],
                                           name="fk_project_documents_project", ondelete="CASCADE",
                                           onupdate="CASCADE"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    project_id: Mapped[int] = mapped_column(Integer)
    district_code: Mapped[str] = mapped_column(String(6))
    kind: Mapped[str] = mapped_column(String(32))
    file_name: Mapped[str] = mapped_column(Text)
    media_type: Mapped[str] = mapped_column(Text)
    size_bytes: Mapped[int] = mapped_column(BigInteger)
    sha256: Mapped[str] = mapped_column(String(64))
    # Deferred: loading a document's row never reads its bytes unless asked (repositories/documents.py).
    content: Mapped[bytes] = deferred(mapped_column(LargeBinary))
    uploaded_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    uploaded_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
