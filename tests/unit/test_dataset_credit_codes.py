"""A dataset document's credit codes are read as the enterprise form reads them (docs/data-format.md)."""
from registry.services.records import parse_dataset


def test_enterprise_and_project_codes_are_normalised_as_on_the_form():
    typed = "９１３１-0115 ma1h000010"
    dataset = parse_dataset({
        "enterprises": [{"credit_code": typed, "name": "上海测试化工有限公司"}],
        "projects": [{"reference": "R-1", "title": "t", "kind": "motor_upgrade", "year": 2017,
                      "enterprise_credit_code": typed, "district_code": "310115", "inputs": {}}]})
    assert dataset.enterprises[0].credit_code == "91310115MA1H000010"
    assert dataset.projects[0].enterprise_credit_code == "91310115MA1H000010"
