"""Letters beyond ASCII in the search (repositories/search.py, migration 0030): a name or a code is
found whatever case or width it was typed or stored in — NFKC and lower case on both sides — and the
indexes still serve the search."""
from __future__ import annotations

import pytest
from sqlalchemy import text

from registry.domain.search import SearchText, search_key
from registry.repositories import search as repo
from registry.services import projects as svc
from registry.services import search
from tests.integration.project_data import PLANNER, PUDONG, REVIEWER, draft
from tests.integration.plans import forbid_whole_reads
from tests.integration.search_data import credit_code

pytestmark = pytest.mark.usefixtures("districts")

MUELLER = "Müller Präzision（上海）有限公司"  # full-width brackets, as Chinese names are written
WIDE = "上海ＡＢ化工（集团）有限公司"  # full-width Latin letters, typed with a Chinese input method
ECOLE = "École 锅炉清洁能源替代"


def _parcel(session, code: str, n: int) -> None:
    session.execute(text(
        "INSERT INTO parcels (code, geom, land_use_class, status, district_code) VALUES "
        "(:code, ST_Multi(ST_MakeEnvelope(:w, 31.2, :w + 0.001, 31.201, 4326)), 'M1', 'in_use', '310115')"),
        {"code": code, "w": 121.5 + n * 0.002})


@pytest.fixture
def seeded(session):
    for n, (name, title) in enumerate([(MUELLER, "精密加工电机改造"), (WIDE, ECOLE)]):
        svc.register_project(session, PUDONG, draft(
            title=title, credit_code=credit_code(f"91310115MA1KC000{n}"), enterprise_name=name, new_parcels=()))
    for n, code in enumerate(["ÜB-7", "ＦＷ－７"]):
        _parcel(session, code, n)
    session.flush()


def found(session, typed: str) -> dict[str, list]:
    names = {"projects": "title", "enterprises": "name", "parcels": "code"}
    return {g.kind: [getattr(hit, names[g.kind]) for hit in g.items]
            for g in search.search(session, REVIEWER, typed).groups}


@pytest.mark.parametrize("typed", ["ü", "Ü", "MÜ", "mü", "müller", "MÜLLER", "ＭÜＬＬＥＲ"])
def test_a_name_with_accented_letters_is_found_in_either_case_short_or_long(session, seeded, typed):
    assert found(session, typed)["enterprises"] == [MUELLER]


@pytest.mark.parametrize("typed", ["é", "É", "éc", "ÉCOLE", "école"])
def test_a_title_is_found_by_an_accented_letter_in_either_case(session, seeded, typed):
    assert found(session, typed)["projects"] == [ECOLE]


@pytest.mark.parametrize("typed", ["ab", "AB", "ＡＢ", "ａｂ化工", "(集团)", "（集团）", "ab化工(集团"])
def test_full_width_letters_and_brackets_in_a_stored_name_match_either_width(session, seeded, typed):
    assert found(session, typed)["enterprises"] == [WIDE]


@pytest.mark.parametrize("typed, code", [("ü", "ÜB-7"), ("üb-7", "ÜB-7"), ("ÜB", "ÜB-7"),
                                         ("fw", "ＦＷ－７"), ("ＦＷ", "ＦＷ－７"), ("fw-7", "ＦＷ－７")])
def test_a_parcel_code_is_found_by_its_start_in_either_case_and_width(session, seeded, typed, code):
    assert found(session, typed)["parcels"] == [code]


def test_a_code_stored_in_full_width_is_opened_by_its_whole_code_typed_in_ascii(session, seeded):
    result = search.search(session, PLANNER, "fw-7")
    assert result.exact is not None and result.exact[0] == "parcel"


@pytest.mark.parametrize("kind, typed, index", [
    ("projects", "éc", "ix_projects_title_key_trgm"), ("projects", "école", "ix_projects_title_key_trgm"),
    ("enterprises", "ÜLLER", "ix_enterprises_name_key_trgm"), ("parcels", "ＦＷ", "ix_parcels_code_key"),
    ("parcels", "ü", "ix_parcels_code_key")])
def test_the_folded_keys_are_served_by_their_indexes(session, seeded, kind, typed, index):
    statements = {"projects": lambda s: repo.project_matches(s, None), "enterprises": repo.enterprise_matches,
                  "parcels": repo.parcel_matches}
    search_text = SearchText(typed)
    sql = statements[kind](search_text).limit(20).compile(session.get_bind(), compile_kwargs={"literal_binds": True})
    forbid_whole_reads(session)
    plan = "\n".join(row[0] for row in session.execute(text("EXPLAIN " + str(sql).replace(":", "\\:"))))
    assert index in plan, plan


@pytest.mark.parametrize("stored", [MUELLER, WIDE, ECOLE, "ÜB-7", "ＦＷ－７", "İzmir Ωmega ǅ", "ﬁne ① ㎡ Ⅻ"])
def test_the_database_keys_a_name_as_the_domain_keys_a_text(session, stored):
    assert session.execute(text("SELECT registry_search_key(:s)"), {"s": stored}).scalar_one() == search_key(stored)
