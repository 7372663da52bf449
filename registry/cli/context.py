"""What every CLI command needs: a session on the configured database."""
from __future__ import annotations

from contextlib import contextmanager
from typing import Iterator

from sqlalchemy.orm import Session

from registry.cli.db import ensure_started
from registry.config import database_url
from registry.db import make_engine, make_sessionmaker


@contextmanager
def session_scope() -> Iterator[Session]:
    ensure_started()
    engine = make_engine(database_url())
    try:
        with make_sessionmaker(engine)() as session:
            yield session
    finally:
        engine.dispose()
