"""SQL of an enterprise's former names (曾用名, migration 0034): recorded by a rename, listed on its
page and in the API. Where the search finds an enterprise by one is ``repositories/search.py``."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import delete, func, select
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.orm import Session

from registry.domain.search import search_key
from registry.models import EnterpriseFormerName as Former


@dataclass(frozen=True)
class FormerName:
    name: str
    until: date  # the day it stopped being the name


def record_rename(session: Session, enterprise_id: int, former: str, current: str, until: date,
                  user_id: int | None) -> None:
    """``former`` was the name until ``until``, ``current`` is it now. A name is one by its search key
    (the search's and the table's unique key): the current name is no former one (taken back, its
    row goes), a change of width or case only records nothing, and a name borne twice keeps the
    later day and its recorder."""
    session.execute(delete(Former).where(Former.enterprise_id == enterprise_id, Former.name_key == search_key(current)))
    if search_key(former) == search_key(current):
        return
    statement = insert(Former).values(enterprise_id=enterprise_id, name=former, until=until, recorded_by=user_id)
    session.execute(statement.on_conflict_do_update(
        constraint="uq_enterprise_former_names_enterprise_id_name_key",
        set_={"name": statement.excluded.name, "until": statement.excluded.until, "recorded_at": func.now(),
              "recorded_by": statement.excluded.recorded_by}))


def former_names(session: Session, enterprise_id: int) -> list[FormerName]:
    """The enterprise's former names, the latest first."""
    rows = session.execute(select(Former.name, Former.until).where(Former.enterprise_id == enterprise_id)
                           .order_by(Former.until.desc(), Former.recorded_at.desc(), Former.id.desc()))
    return [FormerName(*row) for row in rows]
