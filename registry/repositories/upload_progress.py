"""SQL of ``upload_progress`` (migration 0011). Every function takes its own autocommitted
connection: other workers must see the rows while the import's transaction is still open."""
from __future__ import annotations

from sqlalchemy import Connection, text

_SAVE = text("""
    INSERT INTO upload_progress AS u (token, user_id, stage, done, total)
    VALUES (:token, :user_id, :stage, :done, :total)
    ON CONFLICT (token, user_id) DO UPDATE SET stage = EXCLUDED.stage, done = EXCLUDED.done,
        total = EXCLUDED.total, updated_at = now(),
        report_csv = CASE WHEN EXCLUDED.stage = 'upload' THEN NULL ELSE u.report_csv END,
        report_xlsx = CASE WHEN EXCLUDED.stage = 'upload' THEN NULL ELSE u.report_xlsx END
""")


def save(connection: Connection, token: str, user_id: int, stage: str, done: int, total: int | None) -> None:
    """Record the stage (``upload`` starts afresh: an earlier report under the token is dropped)."""
    connection.execute(_SAVE, {"token": token, "user_id": user_id, "stage": stage, "done": done, "total": total})


def save_report(connection: Connection, token: str, user_id: int, csv: bytes, xlsx: bytes) -> None:
    connection.execute(text("UPDATE upload_progress SET report_csv = :csv, report_xlsx = :xlsx, updated_at = now() "
                            "WHERE token = :token AND user_id = :user_id"),
                       {"csv": csv, "xlsx": xlsx, "token": token, "user_id": user_id})


def load(connection: Connection, token: str, user_id: int) -> tuple[str, int, int | None] | None:
    """(stage, done, total) of the user's upload, if it is known."""
    row = connection.execute(text("SELECT stage, done, total FROM upload_progress "
                                  "WHERE token = :token AND user_id = :user_id"),
                             {"token": token, "user_id": user_id}).first()
    return tuple(row) if row else None


def report(connection: Connection, token: str, user_id: int, fmt: str) -> bytes | None:
    column = {"csv": "report_csv", "xlsx": "report_xlsx"}[fmt]
    value = connection.execute(text(f"SELECT {column} FROM upload_progress WHERE token = :token AND user_id = :user_id"),
                               {"token": token, "user_id": user_id}).scalar()
    return bytes(value) if value is not None else None


def forget_older_than(connection: Connection, seconds: int) -> None:
    connection.execute(text("DELETE FROM upload_progress WHERE updated_at < now() - make_interval(secs => :s)"),
                       {"s": seconds})
