"""The search on PostGIS (services/search.py, repositories/search.py): what matches, in which order,
for whom — and that the trigram indexes of migration 0026 can serve it."""
from __future__ import annotations

import pytest
from sqlalchemy import text

from registry.domain.search import SearchText
from registry.repositories import search as repo
from registry.services import search
from registry.services import projects as svc
from registry.services.projects import ProjectFilter, list_projects
from tests.integration.project_data import MINHANG, PLANNER, PUDONG, REVIEWER, draft
from tests.integration.plans import forbid_whole_reads
from tests.integration.search_data import BAOGANG_CODE, PUDONG_DRAFT_TITLE, TRADING_CODE, credit_code, seed_search

pytestmark = pytest.mark.usefixtures("districts")


@pytest.fixture
def seeded(session):
    return seed_search(session)


def found(session, actor, typed: str, kind: str | None = None, **options) -> dict[str, list]:
    """kind → what each match is known by (projects by title, enterprises by name, parcels by code)."""
    result = search.search(session, actor, typed, kind, **options)
    names = {"projects": "title", "enterprises": "name", "parcels": "code"}
    return {g.kind: [getattr(hit, names[g.kind]) for hit in g.items] for g in result.groups}


def totals(session, actor, typed: str) -> dict[str, int]:
    return {g.kind: g.total for g in search.search(session, actor, typed).groups}


def test_a_whole_identifier_comes_first_then_those_it_starts_then_those_holding_it(session, seeded):
    reference = seeded.pudong_draft.reference  # 2013-310115-0001
    for title in (f"关于{reference}的补充改造", f"{reference}号项目二期"):
        svc.register_project(session, PUDONG, draft(title=title, new_parcels=()))
    assert found(session, REVIEWER, reference)["projects"] == [
        PUDONG_DRAFT_TITLE, f"{reference}号项目二期", f"关于{reference}的补充改造"]


def test_parcels_are_found_by_the_start_of_their_code_the_whole_code_first(session, seeded):
    assert found(session, PLANNER, "srch-1")["parcels"] == ["SRCH-1", "SRCH-10", "SRCH-11"]  # not A-SRCH-1
    assert found(session, PLANNER, "SR")["parcels"] == ["SRCH-1", "SRCH-10", "SRCH-11"]
    assert found(session, PLANNER, "rch-1")["parcels"] == []


def test_a_name_that_starts_with_the_text_comes_before_one_that_holds_it(session, seeded):
    # alphabetically 上海… comes first (上 U+4E0A < 宝 U+5B9D): the rank decides, not the name
    assert found(session, PLANNER, "宝钢化工")["enterprises"] == ["宝钢化工贸易有限公司", "上海宝钢化工有限公司"]
    # first the projects whose title or enterprise's name starts with it, then those holding it; newest
    # year first, then by reference (2013-310112-… before 2013-310115-…)
    assert found(session, REVIEWER, "宝钢化工")["projects"] == [
        "闵行电机改造", "宝钢化工园区电机改造", "电机改造", PUDONG_DRAFT_TITLE]


def test_projects_are_found_by_reference_enterprise_name_and_credit_code(session, seeded):
    reference = seeded.pudong_plain.reference
    assert found(session, REVIEWER, reference)["projects"] == ["电机改造"]
    assert "闵行电机改造" in found(session, REVIEWER, "宝钢化工贸易")["projects"]
    assert found(session, REVIEWER, TRADING_CODE[:12])["projects"] == ["闵行电机改造"]
    assert found(session, REVIEWER, TRADING_CODE[:12])["enterprises"] == ["宝钢化工贸易有限公司"]


def test_case_and_full_width_characters_do_not_matter(session, seeded):
    assert found(session, PLANNER, "ＳＲＣＨ－１０")["parcels"] == ["SRCH-10"]
    assert found(session, PLANNER, "  a-srch-1 ")["parcels"] == ["A-SRCH-1"]
    assert found(session, PLANNER, TRADING_CODE[2:12].lower())["enterprises"] == ["宝钢化工贸易有限公司"]


def test_fewer_than_three_characters_are_looked_for_anywhere_in_names_at_the_start_of_codes(session, seeded):
    svc.register_project(session, PUDONG, draft(title="张江宝钢园区改造", new_parcels=()))  # of 上海测试电机有限公司
    for short in ("宝钢", "宝"):
        result = search.search(session, REVIEWER, short)
        assert not result.anywhere
        assert found(session, REVIEWER, short)["enterprises"] == ["宝钢化工贸易有限公司", "上海宝钢化工有限公司"]
        # those whose name or enterprise's name starts with it, then those holding it (newest year first)
        assert found(session, REVIEWER, short)["projects"] == [
            "闵行电机改造", "宝钢化工园区电机改造", "电机改造", PUDONG_DRAFT_TITLE, "张江宝钢园区改造"]
    assert found(session, REVIEWER, "91")["enterprises"] == ["上海宝钢化工有限公司", "上海测试电机有限公司", "宝钢化工贸易有限公司"]
    assert found(session, REVIEWER, "13")["enterprises"] == []  # inside every credit code, at the start of none
    assert found(session, REVIEWER, "ma")["enterprises"] == []
    assert "张江宝钢园区改造" not in found(session, REVIEWER, "13")["projects"]  # nor inside its reference


def test_a_short_text_finds_latin_letters_in_names_case_aside(session, seeded):
    svc.register_project(session, PUDONG, draft(credit_code=credit_code("91310115MA1KB0003"),
                                                enterprise_name="上海ABB电机有限公司", new_parcels=()))
    assert found(session, REVIEWER, "bb")["enterprises"] == ["上海ABB电机有限公司"]
    assert found(session, REVIEWER, "Ａｂ")["enterprises"] == ["上海ABB电机有限公司"]


@pytest.mark.parametrize("typed, codes", [("pct-50%", ["PCT-50%_\\"]), ("pct-50%_\\", ["PCT-50%_\\"]),
                                          ("pct-50", ["PCT-50", "PCT-50%_\\"]), ("pct-5_", []), ("pct-50/", []),
                                          ("%", []), ("_", [])])
def test_like_wildcards_match_themselves_in_parcel_codes(session, seeded, typed, codes):
    assert found(session, PLANNER, typed, "parcels")["parcels"] == codes


@pytest.mark.parametrize("typed, titles", [("0%_", ["达标率100%_\\改造"]), ("%_\\", ["达标率100%_\\改造"]),
                                           ("100%", ["达标率100%_\\改造"]), ("%%%", []), ("___", []), ("1_0", []),
                                           ("//", []), ("0%/", [])])
def test_like_wildcards_match_themselves_in_names(session, seeded, typed, titles):
    svc.register_project(session, PUDONG, draft(title="达标率100%_\\改造", new_parcels=()))
    assert found(session, REVIEWER, typed, "projects")["projects"] == titles


def test_district_staff_find_only_what_the_project_list_shows_them(session, seeded):
    minhang = found(session, MINHANG, "宝钢化工")["projects"]
    assert PUDONG_DRAFT_TITLE not in minhang  # another district's draft
    assert set(minhang) == {"宝钢化工园区电机改造", "电机改造", "闵行电机改造"}  # approved elsewhere, and its own draft
    assert PUDONG_DRAFT_TITLE in found(session, PUDONG, "宝钢化工")["projects"]
    assert "闵行电机改造" not in found(session, PUDONG, "宝钢化工")["projects"]


def test_a_hidden_project_is_neither_listed_nor_counted(session, seeded):
    for typed in (PUDONG_DRAFT_TITLE, "浦东未公开", seeded.pudong_draft.reference):
        assert totals(session, MINHANG, typed)["projects"] == 0, typed
        assert search.search(session, MINHANG, typed).exact is None, typed
    assert totals(session, PUDONG, PUDONG_DRAFT_TITLE)["projects"] == 1


def test_the_project_list_s_text_filter_counts_as_the_search_does(session, seeded):
    for actor in (MINHANG, PUDONG, REVIEWER):
        for typed in ("宝钢化工", "宝钢", "电机", TRADING_CODE[:12], "%"):
            listed = list_projects(session, actor, ProjectFilter(text=typed)).total
            assert listed == totals(session, actor, typed)["projects"], (actor.username, typed)


def test_a_whole_credit_code_reference_or_parcel_code_names_its_record(session, seeded):
    grouped = f"{BAOGANG_CODE[:6]} {BAOGANG_CODE[6:12]} {BAOGANG_CODE[12:]}".lower()
    assert search.exact_record(session, PLANNER, SearchText(grouped)) == ("enterprise", seeded.enterprises[BAOGANG_CODE])
    reference = seeded.pudong_approved.reference
    assert search.exact_record(session, MINHANG, SearchText(reference)) == ("project", seeded.pudong_approved.id)
    assert search.exact_record(session, PLANNER, SearchText("srch-11")) == ("parcel", seeded.parcels["SRCH-11"])
    assert search.exact_record(session, PLANNER, SearchText("SRCH-1 1")) == ("parcel", seeded.parcels["SRCH-11"])
    assert search.exact_record(session, PLANNER, SearchText("SRCH")) is None  # a prefix names nothing whole


def test_a_text_naming_two_records_whole_opens_neither(session, seeded):
    session.execute(text("UPDATE parcels SET code = :ref WHERE id = :id"),
                    {"ref": seeded.pudong_plain.reference, "id": seeded.parcels["PCT-50"]})
    result = search.search(session, REVIEWER, seeded.pudong_plain.reference, stop_at_exact=True)
    assert result.exact is None
    assert (result.groups[0].total, result.groups[2].total) == (1, 1)


def test_stopping_at_the_exact_record_reads_no_group(session, seeded):
    result = search.search(session, PLANNER, seeded.pudong_approved.reference, stop_at_exact=True)
    assert result.exact == ("project", seeded.pudong_approved.id) and result.groups == []


def test_one_kind_page_by_page_keeps_its_total(session, seeded):
    first = search.search(session, PLANNER, "srch", "parcels", page=1, page_size=2).groups
    second = search.search(session, PLANNER, "srch", "parcels", page=2, page_size=2).groups
    beyond = search.search(session, PLANNER, "srch", "parcels", page=9, page_size=2).groups
    assert [g.kind for g in first] == ["parcels"]
    assert [len(first[0].items), len(second[0].items), len(beyond[0].items)] == [2, 1, 0]
    assert first[0].total == second[0].total == beyond[0].total == 3 and first[0].pages == 2


def test_nothing_typed_searches_nothing(session, seeded):
    assert search.search(session, PLANNER, "\u3000 ").text is None


def test_chinese_names_have_trigrams_in_this_database(session):
    """pg_trgm makes trigrams only of what the database's LC_CTYPE calls letters: in the bare C locale
    a Chinese name has none, and the index would serve no Chinese search (docs/operations.md)."""
    assert session.execute(text("SELECT cardinality(show_trgm('上海宝钢化工'))")).scalar_one() > 0


def test_more_than_a_thousand_matches_are_counted_as_more(session, seeded):
    session.execute(text("INSERT INTO parcels (code, geom, land_use_class, status) SELECT 'MANY-' || lpad(n::text, 4, '0'), "
                         "ST_Multi(ST_MakeEnvelope(121.5, 31.0, 121.501, 31.001, 4326)), 'M1', 'in_use' "
                         "FROM generate_series(1, 1200) n"))
    first = search.search(session, PLANNER, "many", "parcels", page=1, page_size=100).groups[0]
    assert (first.total, first.more, first.pages, first.items[0].code) == (1000, True, 10, "MANY-0001")
    last = search.search(session, PLANNER, "many", "parcels", page=10, page_size=100).groups[0]
    assert last.items[-1].code == "MANY-1000"  # the first thousand by code
    assert search.search(session, PLANNER, "many-1", "parcels").groups[0].more is False  # 1, 10–19, 100–199, 1000–1200


@pytest.mark.parametrize("kind, typed, index", [
    ("projects", "宝钢化工", "ix_projects_title_key_trgm"), ("projects", "宝", "ix_projects_title_key_trgm"),
    ("projects", "2013-310115", "ix_projects_reference_trgm"), ("enterprises", "宝钢化工", "ix_enterprises_name_key_trgm"),
    ("enterprises", "MA1KB", "ix_enterprises_credit_code_trgm"), ("parcels", "srch-1", "ix_parcels_code_key"),
    ("parcels", "S", "ix_parcels_code_key")])
def test_the_indexes_can_serve_the_search(session, seeded, kind, typed, index):
    """The planner picks a sequential scan of these few rows; forbidden one, it reads the index — as it
    could not for a pattern no index serves (two characters anywhere in a name)."""
    statements = {"projects": lambda s: repo.project_matches(s, None), "enterprises": repo.enterprise_matches,
                  "parcels": repo.parcel_matches}
    sql = statements[kind](SearchText(typed)).limit(20).compile(session.get_bind(), compile_kwargs={"literal_binds": True})
    forbid_whole_reads(session)
    plan = "\n".join(row[0] for row in session.execute(text("EXPLAIN " + str(sql).replace(":", "\\:"))))
    assert index in plan, plan
