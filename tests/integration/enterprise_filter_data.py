"""Two enterprises for the project list's ``enterprise=`` filter: 甲's three projects (two of 2016,
one a Minhang draft, one of 2015) and 乙's one, whose title quotes 甲's credit code, so the text
search finds it and the exact filter must not. Shared by the integration, web, API and CLI tests."""
from __future__ import annotations

from registry.domain.credit_code import credit_code_check_char
from registry.services.loading import load_dataset
from registry.services.records import Dataset, EnterpriseRecord, ProjectRecord
from tests.integration.project_data import CREDIT

FIRST = CREDIT  # 甲
SECOND = "91310112MA1K00003" + credit_code_check_char("91310112MA1K00003")  # 乙
UNKNOWN = "91310115MA1K00009" + credit_code_check_char("91310115MA1K00009")  # well formed, nobody's
NAMES = {FIRST: "上海甲电机有限公司", SECOND: "上海乙化工有限公司"}
# reference → (enterprise, year, status, district)
PROJECTS = {
    "2016-310115-0001": (FIRST, 2016, "approved", "310115"),
    "2016-310112-0001": (FIRST, 2016, "draft", "310112"),
    "2015-310115-0001": (FIRST, 2015, "approved", "310115"),
    "2016-310115-0002": (SECOND, 2016, "approved", "310115"),
}
QUOTING = "2016-310115-0002"  # 乙's, titled with 甲's code


def load(session) -> None:
    load_dataset(session, Dataset(
        enterprises=tuple(EnterpriseRecord(code, name, "C38", "310115") for code, name in NAMES.items()),
        projects=tuple(
            ProjectRecord(reference, f"对标 {FIRST} 的清洁生产审核" if reference == QUOTING else f"清洁生产审核 {reference}",
                          "cleaner_production", year, status, code, district, {"kind": "cleaner_production", "year": year})
            for reference, (code, year, status, district) in PROJECTS.items())))
