"""The project list's text filter and its possible duplicates, as they are read at city scale
(docs/performance.md, "The project list's text and lookalike filters"): a text found often row by row
in the list's order, one found seldom through its matches' ids — the same projects in the same order
either way, Chinese, codes and LIKE's wildcards alike; the lookalikes' ids found once, grouped from
an index (migration 0043), the same as each project's own rule for every reader."""
from __future__ import annotations

import pytest
from sqlalchemy import select, text

from registry.domain.search import SearchText, search_key
from registry.models import Enterprise, Project
from registry.repositories import search
from registry.repositories import project_checks, project_counts
from registry.repositories import projects as repo
from registry.services import projects as svc
from registry.services.projects import ProjectFilter, list_projects
from registry.services.projects.listing import list_criteria
from tests.integration.plans import plan_without_table_scans
from tests.integration.project_data import EXIT_INPUTS, MINHANG, MOTORS, PUDONG, REVIEWER, draft
from tests.integration.search_data import BAOGANG_CODE, credit_code, seed_search
from tests.integration.test_possible_duplicates import EMC, RETROFIT

pytestmark = pytest.mark.usefixtures("districts")

READERS = (REVIEWER, PUDONG, MINHANG)
# Chinese in names (a project's, an enterprise's only), a reference's start, a credit code's middle,
# full-width letters, LIKE's wildcards, nothing found
TEXTS = ("电机", "宝钢", "化工贸易", "宝钢化工园区", "2013-310115", BAOGANG_CODE[4:14], "ｍａ１ｋｂ", "%", "100%_", "不存在")


def ordered_ids(session, query) -> list[int]:
    return list(session.scalars(query.with_only_columns(Project.id).order_by(*repo.list_order("updated", True))))


@pytest.fixture
def listed(session):
    seeded = seed_search(session)
    for title in ("达标率100%_改造", "锅炉电机改造", "园区照明"):
        svc.register_project(session, PUDONG, draft(title=title, new_parcels=()))
    return seeded


def test_a_text_read_row_by_row_selects_what_its_matches_ids_do_in_the_same_order(session, listed):
    found_any = set()
    for actor in READERS:
        for typed in TEXTS:
            criteria = list_criteria(session, actor, ProjectFilter(text=typed))
            by_ids = ordered_ids(session, repo.list_query(criteria))
            by_row = ordered_ids(session, repo.list_query(criteria, text_by_row=True))
            assert by_row == by_ids, (actor.username, typed)
            assert project_counts.count(session, criteria) == len(by_ids), (actor.username, typed)
            found_any |= {typed} if by_ids else set()
    assert found_any == set(TEXTS) - {"不存在"}  # each text but the last finds something


def test_a_text_found_often_pages_in_the_lists_order(session, listed, monkeypatch):
    expected = ordered_ids(session, repo.list_query(list_criteria(session, REVIEWER, ProjectFilter(text="电机"))))
    assert len(expected) == 6  # four titles hold 电机, two more their enterprise's name (上海测试电机有限公司)
    monkeypatch.setattr(project_counts, "text_by_row", lambda *_: True)
    pages = [list_projects(session, REVIEWER, ProjectFilter(text="电机", page=n, page_size=2)) for n in (1, 2, 3)]
    assert [[item.id for item in page.items] for page in pages] == [expected[:2], expected[2:4], expected[4:]]
    assert {page.total for page in pages} == {6}


def test_the_text_count_reads_the_names_from_the_index_not_the_projects_rows(session, listed):
    criteria = list_criteria(session, REVIEWER, ProjectFilter(text="电机"))  # two characters: no trigram
    plan = plan_without_table_scans(session, project_counts.count_statement(criteria))
    assert "Index Only Scan using ix_projects_enterprise_readable on projects" in plan, plan
    assert "title_key ~~" in plan.split("Index Only Scan using ix_projects_enterprise_readable", 1)[1], plan
    # once, each row holding the text or not: no second read of the projects for their enterprises' names
    assert plan.count(" on projects") == 1, plan


@pytest.mark.parametrize("typed", ["宝钢", "钢", "ＭＡ"])  # two characters, one, full-width letters (their key: ma)
def test_a_short_texts_enterprises_are_found_from_their_names_characters_not_every_name(session, listed, typed):
    session.execute(text("ANALYZE enterprises"))
    session.execute(text("SET LOCAL enable_seqscan = off"))  # a test's few enterprises are cheaper read whole
    statement = select(Enterprise.id).where(search.enterprise_holds_text(SearchText(typed)))
    compiled = statement.compile(dialect=session.bind.dialect, compile_kwargs={"render_postcompile": True})
    plan = "\n".join(row[0] for row in session.connection().exec_driver_sql("EXPLAIN " + str(compiled), compiled.params))
    assert "Bitmap Index Scan on ix_enterprises_name_characters" in plan, plan
    found = set(session.scalars(statement))
    every = {e.id for e in session.scalars(select(Enterprise)) if search_key(typed) in e.name_key
             or e.credit_code.lower().startswith(search_key(typed))}
    assert found == every and (typed == "ＭＡ" or found), typed


OTHER = credit_code("91310115MA1K00003")
THIRD = credit_code("91310115MA1K00004")
FOURTH = credit_code("91310115MA1K00005")


def _alike_data(session) -> dict[str, int]:
    """name → project id: pairs alike by enterprise, by savings family and by a shared parcel, with
    those that are not (another year), and an approved project whose twin is a Pudong draft."""
    other = dict(credit_code=OTHER, enterprise_name="上海另一电机有限公司", new_parcels=())
    exit_ = dict(kind="structural_adjustment", inputs=EXIT_INPUTS, structural_mode="shutdown")
    ids = {name: svc.register_project(session, PUDONG, d).id for name, d in (
        ("a", draft(new_parcels=())), ("b", draft(title="高效电机改造（二）", new_parcels=())),
        ("c", draft(year=2014, inputs=MOTORS | {"year": 2014}, new_parcels=())),
        ("retrofit", draft(kind="technical_retrofit", inputs=RETROFIT, **other)),
        ("emc", draft(kind="contract_energy_management", inputs=EMC, **other)),
        ("on_land", draft(credit_code=THIRD, enterprise_name="上海第三有限公司", **exit_)))}
    parcel = svc.get_project(session, REVIEWER, ids["on_land"]).parcels[0].id
    ids["shares"] = svc.register_project(session, PUDONG, draft(credit_code=FOURTH, enterprise_name="上海第四有限公司",
                                                                new_parcels=(), parcel_ids=(parcel,), **exit_)).id
    approved = svc.register_project(session, PUDONG, draft(credit_code=BAOGANG_CODE, enterprise_name="上海宝钢化工有限公司",
                                                           new_parcels=()), submit=True)
    ids["approved"] = svc.transition(session, REVIEWER, approved.id, "approve").id
    ids["twin"] = svc.register_project(session, PUDONG, draft(credit_code=BAOGANG_CODE, enterprise_name="上海宝钢化工有限公司",
                                                              new_parcels=())).id
    return ids


def test_the_lists_possible_duplicates_are_each_projects_own_lookalikes_for_every_reader(session):
    ids = _alike_data(session)
    alike = {ids[n] for n in ("a", "b", "retrofit", "emc", "on_land", "shares", "approved", "twin")}
    assert set(project_checks.failing_ids(session, "possible_duplicates", None)) == alike
    for actor in READERS:
        readable = {item.id for item in list_projects(session, actor, ProjectFilter(page_size=50)).items}
        marked = svc.marked_as_lookalikes(session, actor, list(ids.values())) & readable  # marks need not be readable
        page = list_projects(session, actor, ProjectFilter(check="possible_duplicates", page_size=50))
        listed = [item.id for item in page.items]
        assert listed == sorted(marked, reverse=True) and page.total == len(marked), actor.username  # newest first
    # Minhang reads the approved project, not its twin (Pudong's draft): nothing alike for them
    assert list_projects(session, MINHANG, ProjectFilter(check="possible_duplicates")).total == 0


def test_the_lookalikes_grouping_counts_every_group_and_builds_no_array_for_each(session):
    _alike_data(session)
    statement = project_checks.possible_duplicate_ids(None)
    compiled = statement.compile(dialect=session.bind.dialect, compile_kwargs={"render_postcompile": True})
    with session.connection().connection.cursor() as cursor:
        cursor.execute("EXPLAIN VERBOSE " + str(compiled), compiled.params)
        plan = "\n".join(row[0] for row in cursor.fetchall())
    # nearly every group is one project: its arrays read every parcel link's row (docs/performance.md, "Session 28")
    assert "array_agg" not in plan, plan
