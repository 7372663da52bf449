"""One word for the date a parcel is freed (腾出日期, DOMAIN.md): the filter said 完成年度 while the
table's column said 腾出日期 and the breakdown 按腾出年度 — the filter reads ``freed_on``, which a split or
merged parcel keeps and an imported one brings without a project's completion."""
from __future__ import annotations

import pytest

from registry.catalogues import translator
from registry.domain.audit_vocabulary import RECORD_FIELDS
from tests.web.page_text import text_of


@pytest.mark.parametrize("lang, words, not_said", [
    ("zh", ("腾出年度从", "腾出年度：2014–…", "腾出日期", "按腾出年度"), ("完成年度", "完成年份")),
    ("en", ("Year freed from", "Year freed: 2014–…", "Freed on", "By year freed"), ("Completion year", "Completed from"))])
def test_the_filter_its_summary_and_the_table_name_the_freed_date_alike(client, ids, login, lang, words, not_said):
    login("planner")
    page = text_of(client.get(f"/land/freed?year_from=2014&lang={lang}").get_data(as_text=True))
    assert all(w in page for w in words), [w for w in words if w not in page]
    assert not [w for w in not_said if w in page]


def test_an_exports_audit_entry_names_the_years_freed():
    zh = translator("zh_Hans_CN")
    assert (zh(RECORD_FIELDS["year_from"]), zh(RECORD_FIELDS["year_to"])) == ("腾出年度（起）", "腾出年度（止）")
