"""An enterprise's former names (曾用名) on the pages, in both languages: listed with their until-days
under the enterprise's details; in the search page's and the directory's rows of an enterprise found
by one, which say the former name that matched."""
from __future__ import annotations

import re

import pytest
from babel.dates import format_date

from registry import clock
from registry.domain.permissions import Actor
from registry.services import enterprises
from registry.services.enterprise_edits import edit_enterprise
from tests.integration.project_data import CREDIT
from tests.web.page_text import text_of

pytestmark = pytest.mark.usefixtures("districts")
OLD, NEW = "上海申江锅炉厂", "上海新能热力股份有限公司"
ADMIN = Actor(None, "admin", "admin", channel="web")


@pytest.fixture
def firm(session):
    return enterprises.find_or_create(session, Actor.system(), CREDIT, OLD, "C343", "310115")


@pytest.fixture
def renamed(firm, session):
    edit_enterprise(session, ADMIN, firm.id, {"name": NEW}, None)
    return firm


def _facts(html: str) -> str:
    found = re.search(r'<dl class="facts">(.*?)</dl>', html, re.S)
    assert found
    return text_of(found.group(1))


@pytest.mark.parametrize("lang, label, until, locale", [
    ("zh", "曾用名", "（使用至 {day}）", "zh_Hans_CN"), ("en", "Former names", "(until {day})", "en")])
def test_the_enterprise_page_lists_its_former_names_with_their_days(client, login, session, firm, lang, label, until,
                                                                    locale):
    login("city_reviewer")
    url = f"/enterprises/{firm.id}?lang={lang}"
    assert label not in _facts(client.get(url).get_data(as_text=True))  # never renamed: no empty line
    edit_enterprise(session, ADMIN, firm.id, {"name": NEW}, None)
    day = format_date(clock.today(), "medium", locale=locale)
    assert f"{label} {OLD} {until.format(day=day)}" in _facts(client.get(url).get_data(as_text=True))


@pytest.mark.parametrize("lang, said", [("zh", "曾用名："), ("en", "Former name: ")])
def test_the_search_page_says_which_former_name_found_the_enterprise(client, login, renamed, lang, said):
    login("city_reviewer")
    page = client.get(f"/search?q=申江锅炉&kind=enterprises&lang={lang}").get_data(as_text=True)
    assert NEW in page
    assert f'<span class="search-former">{said}上海<mark>申江锅炉</mark>厂</span>' in page


@pytest.mark.parametrize("lang, said", [("zh", "曾用名："), ("en", "Former name: ")])
def test_the_directory_says_which_former_name_found_the_enterprise(client, login, renamed, lang, said):
    login("city_reviewer")
    page = text_of(client.get(f"/enterprises/?q=申江锅炉&lang={lang}").get_data(as_text=True))
    assert f"{NEW} {said}{OLD}" in page
