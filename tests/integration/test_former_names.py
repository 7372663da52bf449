"""An enterprise's former names (曾用名, migration 0034) on PostGIS: a rename records the name it
leaves (services/enterprise_edits.py), once per name; the search box and the enterprise directory
find the enterprise by it and say which former name matched."""
from __future__ import annotations

import pytest
from sqlalchemy import func, select

from registry import clock
from registry.domain.errors import ValidationError
from registry.domain.permissions import Actor
from registry.models import EnterpriseFormerName, User
from registry.repositories.former_names import FormerName
from registry.services import enterprises, search
from registry.services.enterprise_directory import EnterpriseFilter, list_enterprises
from registry.services.enterprise_edits import edit_enterprise
from tests.integration.project_data import CREDIT, REVIEWER
from tests.integration.search_data import credit_code

pytestmark = pytest.mark.usefixtures("districts")

OLD, NEW = "上海申江锅炉厂", "上海新能热力股份有限公司"
OTHER_CODE = credit_code("91310115MA1KF0002")


@pytest.fixture
def admin(session):
    user = User(username="former-names-admin", display_name="陈静", role="admin")
    session.add(user)
    session.flush()
    return Actor(user.id, user.username, "admin", channel="web")


@pytest.fixture
def firm(session):
    view = enterprises.find_or_create(session, Actor.system(), CREDIT, OLD, "C343", "310115")
    session.commit()
    return view


def _renamed(session, actor, firm, *names: str) -> None:
    for name in names:
        edit_enterprise(session, actor, firm.id, {"name": name}, None)


def _former(session, firm) -> list[FormerName]:
    return enterprises.get_enterprise(session, REVIEWER, firm.id).former_names


def test_a_rename_keeps_the_name_it_leaves_with_the_day_and_who_a_refused_one_nothing(session, admin, firm):
    with pytest.raises(ValidationError):
        edit_enterprise(session, admin, firm.id, {"name": NEW, "industry_code": "X9"}, None)
    assert _former(session, firm) == []
    _renamed(session, admin, firm, NEW)
    assert _former(session, firm) == [FormerName(OLD, clock.today())]
    row = session.scalars(select(EnterpriseFormerName)).one()
    assert (row.enterprise_id, row.recorded_by) == (firm.id, admin.user_id)


def test_a_name_taken_back_is_no_former_one_and_none_is_kept_twice(session, admin, firm):
    _renamed(session, admin, firm, NEW, OLD)
    assert [f.name for f in _former(session, firm)] == [NEW]
    _renamed(session, admin, firm, NEW, "第三个名字", NEW, OLD)
    assert sorted(f.name for f in _former(session, firm)) == sorted([NEW, "第三个名字"])
    assert session.scalar(select(func.count()).select_from(EnterpriseFormerName)) == 2


def test_a_change_of_width_or_case_only_is_the_same_name(session, admin, firm):
    _renamed(session, admin, firm, "上海AB锅炉厂")
    _renamed(session, admin, firm, "上海ＡＢ锅炉厂")
    assert [f.name for f in _former(session, firm)] == [OLD]


def _enterprise_hits(session, typed: str) -> list[tuple[str, str | None]]:
    group = search.search(session, REVIEWER, typed, kind="enterprises").groups[0]
    return [(hit.name, hit.former_name) for hit in group.items]


def test_the_search_box_finds_an_enterprise_by_a_former_name_and_says_which(session, admin, firm):
    _renamed(session, admin, firm, NEW)
    assert _enterprise_hits(session, "申江锅炉") == [(NEW, OLD)]  # three characters and more: the trigram index
    assert _enterprise_hits(session, "申江") == [(NEW, OLD)]  # two: the keys are read
    assert _enterprise_hits(session, "新能热力") == [(NEW, None)]  # the name itself: no former one to show
    assert search.search(session, REVIEWER, "申江锅炉").groups[0].items == []  # projects: by their enterprise's name


def test_a_former_name_that_starts_with_the_text_ranks_as_a_name_that_does(session, admin, firm):
    enterprises.find_or_create(session, Actor.system(), OTHER_CODE, "浦东上海申江锅炉配件公司", "C343", "310115")
    _renamed(session, admin, firm, NEW)
    assert _enterprise_hits(session, "上海申江锅炉") == [(NEW, OLD), ("浦东上海申江锅炉配件公司", None)]


def test_the_directory_s_text_filter_finds_a_former_name_and_says_which(session, admin, firm):
    _renamed(session, admin, firm, NEW)
    for sort in ("name", "projects"):  # the enterprises' own order, and the counted one
        page = list_enterprises(session, REVIEWER, EnterpriseFilter(text="申江锅炉", sort=sort))
        assert [(row.name, row.former_name) for row in page.items] == [(NEW, OLD)] and page.total == 1
    page = list_enterprises(session, REVIEWER, EnterpriseFilter(text="新能热力"))
    assert [(row.name, row.former_name) for row in page.items] == [(NEW, None)]
