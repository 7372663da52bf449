"""A dataset document's credit codes are read as the enterprise form reads them (docs/data-format.md)."""
import pytest

from registry.catalogues import translator
from registry.domain.errors import ValidationError
from registry.services.records import parse_dataset


def test_enterprise_and_project_codes_are_normalised_as_on_the_form():
    typed = "９１３１-0115 ma1h000010"
    dataset = parse_dataset({
        "enterprises": [{"credit_code": typed, "name": "上海测试化工有限公司"}],
        "projects": [{"reference": "R-1", "title": "t", "kind": "motor_upgrade", "year": 2017,
                      "enterprise_credit_code": typed, "district_code": "310115", "inputs": {}}]})
    assert dataset.enterprises[0].credit_code == "91310115MA1H000010"
    assert dataset.projects[0].enterprise_credit_code == "91310115MA1H000010"


def test_a_credit_code_written_as_a_json_number_is_refused_asking_for_quotes():
    """913101151234567890 unquoted is a number: most programs keep 15 to 17 of its digits, so it was read
    as text only by luck (an int), or refused as "must be text" (9.13101151234567e17) without saying why."""
    document = ('{"enterprises": [{"credit_code": 913101151234567890, "name": "数字企业"}], "projects": '
                '[{"reference": "R-1", "title": "t", "kind": "motor_upgrade", "year": 2017, '
                '"enterprise_credit_code": 9.13101151234567e17, "district_code": "310115", "inputs": {}}]}')
    with pytest.raises(ValidationError) as refused:
        parse_dataset(document)
    assert [(e.field, e.message.params) for e in refused.value.field_errors] == [
        ("enterprises[0] (数字企业).credit_code", {"number": "913101151234567890"}),
        ("projects[0] (R-1).enterprise_credit_code", {"number": "9.13101151234567E+17"})]
    assert refused.value.field_errors[1].message.render(translator("zh_Hans_CN")).startswith(
        "是数字（9.13101151234567E+17）而非字符串：统一社会信用代码是文本，须加引号书写")
