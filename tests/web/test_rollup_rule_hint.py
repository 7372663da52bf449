"""A year the chosen counting rule counts nothing (or far less) of, while another rule counts its
projects, says so above the tables with both numbers and a link that switches the rule, keeping the
year, district and moment (docs/rollups.md, "What is counted, and in which year")."""
from __future__ import annotations

import html as markup
import re

from tests.integration import rollup_data
from tests.web.page_text import text_of


def _hint(html: str) -> str | None:
    found = re.search(r'<p class="rule-hint" role="note">(.*?)</p>', html, re.S)
    return found and found.group(1)


def test_a_year_nothing_is_verified_in_names_the_completed_projects_and_links_to_their_rule(client, login, session):
    rollup_data.load(session)
    rollup_data.complete_without_verifying(session, ["P1", "P2", "P3"])
    login("planner")
    hint = _hint(client.get("/rollups?year=2015").get_data(as_text=True))
    assert hint, "the empty year said nothing"
    assert text_of(hint).strip() == ("按当前口径，2015 年计入 0 个项目；按“已完成和已核定项目，计入完成年度”口径计入 3 个项目。"
                                     " 改按该口径统计")
    assert re.search(r'href="/rollups\?year=2015&amp;rule=completed"', hint)
    # under the rule that counts them, nothing to say
    assert _hint(client.get("/rollups?year=2015&rule=completed").get_data(as_text=True)) is None


def test_the_link_keeps_the_district_and_the_moment_and_english_says_it_in_english(client, login, session):
    rollup_data.load(session)  # P7 completed in 2013, verified in 2014 (浦东): 2014 counts it by verification only
    login("admin")
    page = client.get("/rollups?year=2014&rule=completed&district=310115&as_of=2099-01-01&lang=en").get_data(as_text=True)
    hint = _hint(page)
    assert hint and text_of(hint).strip() == (
        "This rule counts 0 projects in 2014; the rule “Verified projects, counted in the year of verification” "
        "counts 1 project. Count by that rule")
    link = markup.unescape(re.search(r'href="([^"]+)"', hint).group(1))
    assert link == "/rollups?year=2014&rule=verified&as_of=2099-01-01&district=310115"
    # another district has nothing under either rule: nothing to say
    assert _hint(client.get("/rollups?year=2014&rule=completed&district=310112").get_data(as_text=True)) is None


def test_a_year_counted_alike_under_both_rules_says_nothing(client, login, session):
    rollup_data.load(session)  # 2013: 6 verified, 8 completed
    login("planner")
    assert _hint(client.get("/rollups?year=2013").get_data(as_text=True)) is None
    assert _hint(client.get("/rollups?year=2013&rule=completed").get_data(as_text=True)) is None


def test_the_year_list_offers_the_current_year_and_a_year_only_the_other_rule_counts(client, login, session):
    # The demo opened on 2017 and its year list stopped at 2018: this year, all completed and nothing
    # verified yet, could not be chosen at all under the default rule.
    from registry import clock

    rollup_data.load(session)
    rollup_data.complete_without_verifying(session, ["P1"])  # 2015: counted only by completion
    login("planner")
    html = client.get("/rollups?year=2013").get_data(as_text=True)
    years = re.findall(r'<option value="(\d{4})"', html[:html.index('name="district"')])
    assert "2015" in years and str(clock.today().year) in years and years == sorted(years), years
