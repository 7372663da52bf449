"""What migration 0048's statement triggers (``projects`` and ``enterprises`` numbered in
``data_versions`` for the project list's kept count) cost the writes: each case's transactions one at
a time, wall ms and the server's CPU ms (``server_cpu.py``), median of ``--runs``.

    .venv/bin/python benchmarks/bench_list_count_writes.py <url> [--runs 40]
    registry db downgrade 0047; PYTHONPATH=<checkout before 0048> …   # the same, without the triggers

Cases: a Pudong motor upgrade registered as a draft (``register_project``, an enterprise already
registered), the draft's title edited (``update_project``), the draft submitted (``transition``), an
enterprise renamed on its page (``enterprise_edits.edit_enterprise``, one of two names in turn), and the
floors: one ``UPDATE projects`` / ``UPDATE enterprises SET name`` of one row by SQL, each its own
transaction. Every case writes rows that stay (the database grows by ``runs`` projects a run).
Results: docs/performance.md ("Session 33: project list count").
"""

from __future__ import annotations

import os
import statistics

from sqlalchemy import text
from sqlalchemy.orm import Session

from command_line import database_arguments
from server_cpu import ServerCPU

MOTORS = {
    "kind": "motor_upgrade",
    "year": 2017,
    "motors": [
        {
            "count": 4,
            "rated_kw": 55,
            "load_factor": 0.75,
            "hours_per_year": 6000,
            "efficiency_before": 0.921,
            "efficiency_after": 0.946,
        }
    ],
}


def main() -> None:
    parser = database_arguments(runs=40)
    args = parser.parse_args()
    cpu = ServerCPU()
    from registry.db import make_engine
    from registry.domain.permissions import Actor
    from registry.services import enterprise_edits
    from registry.services import projects as svc

    staff, admin = Actor(None, "pudong-staff", "district_staff", "310115"), Actor(None, "admin", "admin")
    engine = make_engine(args.url)
    session = Session(engine)
    revision = session.execute(text("SELECT version_num FROM alembic_version")).scalar_one()
    code, name = session.execute(
        text("SELECT credit_code, name FROM enterprises WHERE district_code = '310115' ORDER BY id LIMIT 1")
    ).one()
    renamed = session.execute(
        text("SELECT id FROM enterprises WHERE district_code = '310115' ORDER BY id LIMIT 1 OFFSET 1")
    ).scalar_one()
    first = session.execute(text("SELECT min(id) FROM projects")).scalar_one()
    session.commit()

    def draft(n: int):
        return svc.ProjectDraft(
            kind="motor_upgrade",
            year=2017,
            title=f"电机改造测试 {n}",
            district_code="310115",
            credit_code=code,
            enterprise_name=name,
            inputs=MOTORS,
        )

    made: list = []
    turn = [0]

    def register():
        made.append(svc.register_project(session, staff, draft(len(made))))
        session.commit()

    def update():
        view = made[turn[0] % len(made)]
        turn[0] += 1
        version = session.execute(text("SELECT version FROM projects WHERE id = :i"), {"i": view.id}).scalar_one()
        svc.update_project(session, staff, view.id, draft(-turn[0]), version)
        session.commit()

    def submit():
        svc.transition(session, staff, made.pop().id, "submit")
        session.commit()

    def rename():
        version = session.execute(text("SELECT version FROM enterprises WHERE id = :i"), {"i": renamed}).scalar_one()
        turn[0] += 1
        enterprise_edits.edit_enterprise(
            session, admin, renamed, {"name": f"上海测试改名{turn[0] % 2}有限公司"}, version
        )
        session.commit()

    def sql(statement: str):
        def run():
            session.execute(text(statement), {"i": first, "e": renamed, "n": f"上海测试改名{turn[0] % 2}有限公司"})
            turn[0] += 1
            session.commit()

        return run

    cases = {
        "register_project (draft)": register,
        "update_project (title)": update,
        "transition (submit)": submit,
        "edit_enterprise (name)": rename,
        "SQL: UPDATE projects, 1 row": sql("UPDATE projects SET updated_at = updated_at WHERE id = :i"),
        "SQL: UPDATE enterprises SET name, 1 row": sql("UPDATE enterprises SET name = :n WHERE id = :e"),
    }
    print(
        f"code: {os.environ.get('PYTHONPATH', '?')}; revision {revision}; load "
        f"{open('/proc/loadavg').read().split()[:3]}; {args.runs} runs a case\n"
    )
    print("| case | wall ms | server CPU ms |\n|---|---:|---:|")
    for label, fn in cases.items():
        fn()  # warm-up
        measured = [cpu.measure(fn) for _ in range(args.runs)]
        print(
            f"| {label} | {statistics.median(w for w, _ in measured):.2f} | "
            f"{statistics.median(c for _, c in measured):.2f} |"
        )
    print(f"\n(load after {open('/proc/loadavg').read().split()[:3]})")
    session.close()
    engine.dispose()


if __name__ == "__main__":
    main()
