"""Chinese puts no space after its full-width colon: a label written ``{{ _("%(label)s:") }} value``
read 数据截至： 当前 and 最小面积： 必须是数字. Labels and values are one message, "%(label)s:
%(value)s" (``_macros.labelled``), which keeps English's "Figures as of: now"."""
from __future__ import annotations

import html as markup
import re

import pytest

from tests.integration import rollup_data

BLOCKS = r"p|div|li|ul|ol|td|th|tr|table|h[1-6]|br|section|label|option|select|form|nav|header|footer|dt|dd"


def visible_lines(html: str) -> list[str]:
    """The page's text as it reads, line by line: scripts and styles gone, a block's edges a new line,
    inline tags (a link, a badge, <strong>) dropped so the text around them meets as on screen."""
    html = re.sub(r"\s+", " ", re.sub(r"<(script|style)\b.*?</\1>", "", html, flags=re.S))  # a source line is no line
    html = re.sub(rf"</?(?:{BLOCKS})\b[^>]*>", "\n", html)
    text = markup.unescape(re.sub(r"<[^>]+>", "", html))
    return [re.sub(r" +", " ", line).strip() for line in text.split("\n") if line.strip()]


def spaced_colons(html: str) -> list[str]:
    return [line for line in visible_lines(html) if "： " in line]


def test_the_leaders_pages_put_no_space_after_a_full_width_colon(client, login, session):
    ids = rollup_data.load(session)
    login("admin")
    pages = ["/rollups?year=2013", "/targets?year=2013", f"/projects/{ids['P1']}", "/audit", "/"]
    for path in pages:
        assert spaced_colons(client.get(path).get_data(as_text=True)) == [], path
    rollup = visible_lines(client.get("/rollups?year=2013").get_data(as_text=True))
    assert any(line.startswith("数据截至：当前 · 统计口径：") for line in rollup)
    english = visible_lines(client.get("/rollups?year=2013&lang=en").get_data(as_text=True))
    assert any(line.startswith("Figures as of: now · Counting rule: ") for line in english)


@pytest.fixture
def planner(login):
    return login("planner")


def test_a_refused_fields_label_meets_its_message(client, ids, planner):
    refused = client.post(f"/land/parcels/{ids['P1']}/plan", data={"new_use": "B2", "investment_wan_yuan": "一千"})
    assert refused.status_code == 422 and spaced_colons(refused.get_data(as_text=True)) == []
    assert any(line.startswith("投资（万元）：") for line in visible_lines(refused.get_data(as_text=True)))
    matching = client.get("/land/matching?min_area=abc").get_data(as_text=True)
    assert spaced_colons(matching) == [] and any(line.startswith("最小面积：") for line in visible_lines(matching))
    english = client.get("/land/matching?min_area=abc&lang=en").get_data(as_text=True)
    assert any(line.startswith("Minimum area: ") for line in visible_lines(english))
