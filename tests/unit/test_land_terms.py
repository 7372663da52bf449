"""One Chinese term per land status: redevelopment is 二次开发 (DOMAIN.md §1, the statuses of
``registry.domain.vocabulary``) on every page, message and export, never 再开发."""
from __future__ import annotations

from babel.messages.pofile import read_po

from tests.unit.test_translations import CATALOGUE


def test_redevelopment_is_one_term_in_chinese():
    with CATALOGUE.open("rb") as fh:
        catalogue = read_po(fh, locale="zh_Hans_CN")
    about = {m.id: m.string for m in catalogue if m.id and "redevelop" in str(m.id).lower()}
    assert len(about) > 10
    assert {msgid: text for msgid, text in about.items() if "二次开发" not in text} == {}
    assert [m.id for m in catalogue if "再开发" in (m.string or "")] == []
