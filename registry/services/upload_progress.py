"""Use case: the progress and error report of a web upload, readable from every app worker.

The upload's worker writes each stage on its own autocommitted connection (the import commits
only at the end); the page polls any worker. The report is rendered once, as CSV and XLSX, when
the import ends. Entries are the uploader's alone and are forgotten after an hour.
"""
from __future__ import annotations

from typing import Iterable

from sqlalchemy import Engine

from registry.repositories import upload_progress as repo
from registry.services.imports import report

KEEP_SECONDS = 3600


class UploadProgress:
    """The ``progress(stage, done, total)`` callback of one upload, and its report at the end."""

    def __init__(self, engine: Engine, token: str, user_id: int) -> None:
        self._engine, self.token, self._user_id = engine, token, user_id

    def _connect(self):
        return self._engine.connect().execution_options(isolation_level="AUTOCOMMIT")

    def start(self) -> None:
        with self._connect() as connection:
            repo.forget_older_than(connection, KEEP_SECONDS)
            repo.save(connection, self.token, self._user_id, "upload", 0, None)

    def __call__(self, stage: str, done: int, total: int | None) -> None:
        with self._connect() as connection:
            repo.save(connection, self.token, self._user_id, stage, done, total)

    def finish(self, rows_read: int, problems: Iterable[report.ReportLine]) -> None:
        problems = list(problems)
        with self._connect() as connection:
            repo.save(connection, self.token, self._user_id, "done", rows_read, rows_read)
            repo.save_report(connection, self.token, self._user_id, report.csv_bytes(problems),
                             report.xlsx_bytes(problems))


def progress_of(engine: Engine, token: str, user_id: int) -> dict:
    """{stage, done, total} of the user's upload (stage ``unknown`` for another user's or none)."""
    with engine.connect() as connection:
        found = repo.load(connection, token, user_id)
    if found is None:
        return {"stage": "unknown"}
    return dict(zip(("stage", "done", "total"), found))


def report_of(engine: Engine, token: str, user_id: int, fmt: str) -> bytes | None:
    """The report (``csv`` or ``xlsx``) of the user's upload, or None."""
    if fmt not in ("csv", "xlsx"):
        return None
    with engine.connect() as connection:
        return repo.report(connection, token, user_id, fmt)
