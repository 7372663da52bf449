"""One word for the freed land's completion year: the filter said 完成年份, the printed filter summary
and the rollups 完成年度, the audit trail's export entry 起始年份/截止年份 (whose year?)."""
from __future__ import annotations

import pytest

from registry.catalogues import translator
from registry.domain.audit_vocabulary import RECORD_FIELDS
from tests.web.page_text import text_of


@pytest.mark.parametrize("lang, label, summary", [("zh", "完成年度从", "完成年度：2014–…"),
                                                  ("en", "Completion year from", "Completion year: 2014–…")])
def test_the_filter_and_its_printed_summary_name_the_year_alike(client, ids, login, lang, label, summary):
    login("planner")
    page = text_of(client.get(f"/land/freed?year_from=2014&lang={lang}").get_data(as_text=True))
    assert label in page and summary in page, page[:1500]
    assert "完成年份" not in page and "Completed from" not in page


def test_an_exports_audit_entry_names_the_completion_years():
    zh = translator("zh_Hans_CN")
    assert (zh(RECORD_FIELDS["year_from"]), zh(RECORD_FIELDS["year_to"])) == ("完成年度（起）", "完成年度（止）")
