"""The plan PostgreSQL chooses for a statement when a test asks whether an index serves it."""
from __future__ import annotations

from sqlalchemy import text


def plan_without_table_scans(session, statement) -> str:
    """EXPLAIN of ``statement`` with the table scan and the bitmap scan off and 0001's narrower
    ``ix_projects_enterprise_id`` gone: a test's few rows, never vacuumed (no page is all-visible), are
    read whole or through that index, which a city-scale table does not prefer (docs/performance.md);
    without them the plan says whether an index holds all a query reads. All come back with the
    test's rollback."""
    compiled = statement.compile(dialect=session.bind.dialect, compile_kwargs={"render_postcompile": True})
    session.execute(text("ANALYZE projects, projects_per_enterprise_year, projects_per_parcel"))  # 0045's totals too
    session.execute(text("DROP INDEX ix_projects_enterprise_id"))
    session.execute(text("SET LOCAL enable_seqscan = off"))
    session.execute(text("SET LOCAL enable_bitmapscan = off"))
    with session.connection().connection.cursor() as cursor:
        cursor.execute("EXPLAIN " + str(compiled), compiled.params)
        return "\n".join(row[0] for row in cursor.fetchall())


def forbid_whole_reads(session) -> None:
    """No sequential scan, and no ``ix_projects_enterprise_readable``, which carries the projects' name
    keys and references (migration 0043): a test's few rows are cheaper read whole through it than
    through a trigram index, which a city-scale table prefers for three characters and more
    (docs/performance.md). Both come back with the test's rollback."""
    session.execute(text("DROP INDEX ix_projects_enterprise_readable"))
    session.execute(text("SET LOCAL enable_seqscan = off"))
