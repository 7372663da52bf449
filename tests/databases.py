"""Throw-away databases with committed data, for tests whose requests, CLI commands or parallel
connections commit for real (the ``session`` fixture's data is never committed)."""
from __future__ import annotations

from typing import Callable

from sqlalchemy.orm import Session

from registry import migrations
from registry.db import make_engine


def committed_database(fresh_database_url, name: str, seed: Callable[[Session], object]) -> str:
    """A fresh database ``name`` at the schema's head, filled by ``seed`` and committed; its URL."""
    url = fresh_database_url(name)
    migrations.upgrade(url)
    engine = make_engine(url)
    try:
        with Session(engine) as session:
            seed(session)
            session.commit()
    finally:
        engine.dispose()
    return url
